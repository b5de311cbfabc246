//! Compose services as container specs: how the service would run. Every
//! value names the compose key and line it came from; a key the service
//! leaves out points at the service's own line.

use crate::adapt::joins::{Node, Ref, Refs, MAX_HOPS};
use crate::facts::compose::{ComposeFile, ComposeService, ComposeVolume, Setting};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use crate::model::Subject;
use crate::subject::spelling::network_mode_discards_ports;
use crate::subject::{
    ContainerSpec, DeviceView, List, MountView, Origin, Place, Platform, PortView, RestartView, Val,
};

/// The most containers one service inherits mounts from (all its
/// `volumes_from` chains together): a bound on the work a hostile file of
/// wide references can ask for.
const MAX_INHERITED: usize = 64;

/// A walk of `volumes_from` references from one service: the containers
/// on the way to the current one (cycles, the depth bound) and every one
/// already inherited from (each is inherited once; the breadth bound).
struct Walk {
    path: Vec<Node>,
    done: Vec<Node>,
}

/// The subject of a compose finding: "<file>:<service>", role the service.
pub fn subject(f: &ComposeFile, s: &ComposeService) -> Subject {
    let mut sub = Subject::new("compose_service", format!("{}:{}", f.path, s.name));
    sub.role = Some(format!("compose:{}", s.name));
    sub
}

struct Ad<'a> {
    f: &'a ComposeFile,
    s: &'a ComposeService,
    /// The place of the values in the compose file itself.
    main: Rc<Place>,
    /// The places of values from other files (index as `Setting::file`),
    /// made on first use.
    others: RefCell<Vec<(u32, Rc<Place>)>>,
}

/// The place of a service's values in `path`.
fn place(path: &str, s: &ComposeService) -> Rc<Place> {
    Place::in_file(format!("compose: {path} service {:?} key ", s.name), path)
}

impl Ad<'_> {
    fn origin(&self, key: impl Into<Cow<'static, str>>, file: u32, line: u32) -> Origin {
        if file == 0 {
            return Origin::new(&self.main, key, line);
        }
        let mut others = self.others.borrow_mut();
        if let Some((_, p)) = others.iter().find(|(n, _)| *n == file) {
            return Origin::new(p, key, line);
        }
        let p = place(self.f.path_of(file), self.s);
        let o = Origin::new(&p, key, line);
        others.push((file, p));
        o
    }
    /// Where a left-out key would be set: the service's line.
    fn absent(&self, key: &'static str) -> Origin {
        self.origin(key, 0, self.s.line)
    }
    fn opt<T: Clone>(&self, st: &Option<Setting<T>>, key: &'static str) -> Val<Option<T>> {
        match st {
            Some(st) => Val::new(
                Some(st.value.clone()),
                self.origin(st.key.clone(), st.file, st.line),
            ),
            None => Val::new(None, self.absent(key)),
        }
    }
    fn list<T: Clone, U>(
        &self,
        items: &[Setting<T>],
        key: &'static str,
        f: impl Fn(&T) -> U,
    ) -> List<U> {
        List {
            items: items
                .iter()
                .map(|st| Val::new(f(&st.value), self.origin(st.key.clone(), st.file, st.line)))
                .collect(),
            from: match items.first() {
                Some(st) => self.origin(st.key.clone(), st.file, st.line),
                None => self.absent(key),
            },
        }
    }
}

/// A compose volume as a mount.
fn volume_view(f: &ComposeFile, v: &ComposeVolume) -> MountView {
    let named = (v.kind == "volume" && !v.source.is_empty()).then(|| v.source.clone());
    // A named volume the file defines as a bind of a host folder
    // (driver_opts type none, o bind, device /path) is that folder.
    let device = named.as_ref().and_then(|n| f.volume_binds.get(n));
    MountView {
        kind: if device.is_some() {
            "bind"
        } else {
            v.kind.as_str()
        }
        .to_string(),
        source: device.cloned().unwrap_or_else(|| v.source.clone()),
        destination: v.target.clone(),
        read_only: v.read_only,
        propagation: v.propagation.clone(),
        field: "volumes",
        options_unknown: named
            .as_ref()
            .and_then(|n| f.volumes_unknown.get(n))
            .cloned(),
        volume: named,
        inherited: None,
    }
}

/// The engine socket `use_api_socket: true` binds (Compose mounts it at
/// /var/run/docker.sock, with the user's registry credentials).
fn api_socket_view() -> MountView {
    MountView {
        kind: "bind".to_string(),
        source: "/var/run/docker.sock".to_string(),
        destination: "/var/run/docker.sock".to_string(),
        read_only: false,
        propagation: String::new(),
        field: "use_api_socket",
        volume: None,
        inherited: None,
        options_unknown: None,
    }
}

/// The reference a `volumes_from` entry makes.
fn volumes_from_ref(v: &crate::facts::compose::VolumesFrom) -> Ref {
    if v.container {
        Ref::Container(v.name.clone())
    } else {
        Ref::Service(v.name.clone())
    }
}

/// Every mount of `node` as another container inherits it: its own
/// (`inherited` None) and those it inherits in turn (`inherited` naming
/// where from). `walk` holds the containers walked; why some mounts cannot
/// be known goes to `unknown`.
fn mounts_of(
    refs: &Refs,
    node: Node,
    walk: &mut Walk,
    out: &mut Vec<MountView>,
    unknown: &mut Vec<String>,
) {
    let (f, s) = match node {
        Node::Engine(i) => {
            // The engine's Mounts already hold what it inherited.
            out.extend(crate::adapt::engine::container_mounts(
                refs.engine.container(i),
            ));
            return;
        }
        Node::Service(i) => match refs.file {
            Some(f) => (f, f.service(i)),
            None => return,
        },
    };
    out.extend(s.volumes.iter().map(|v| volume_view(f.file, &v.value)));
    if s.use_api_socket.as_ref().is_some_and(|u| u.value) {
        out.push(api_socket_view());
    }
    for vf in &s.volumes_from {
        inherit(refs, node, &vf.value, walk, out, unknown);
    }
}

/// The mounts one `volumes_from` entry of `from` brings in.
fn inherit(
    refs: &Refs,
    from: Node,
    vf: &crate::facts::compose::VolumesFrom,
    walk: &mut Walk,
    out: &mut Vec<MountView>,
    unknown: &mut Vec<String>,
) {
    let written = &vf.written;
    let target = match refs.resolve(from, &volumes_from_ref(vf)) {
        Ok(n) => n,
        Err(why) => {
            unknown.push(format!("volumes_from {written:?}: {why}"));
            return;
        }
    };
    let name = refs.name(target);
    if walk.path.contains(&target) {
        unknown.push(format!(
            "volumes_from {written:?}: the references form a cycle back to {name}"
        ));
        return;
    }
    if walk.done.contains(&target) {
        // Already inherited through another entry.
        return;
    }
    if walk.path.len() > MAX_HOPS {
        unknown.push(format!(
            "volumes_from {written:?}: the chain is longer than {MAX_HOPS} references: not followed further"
        ));
        return;
    }
    if walk.done.len() >= MAX_INHERITED {
        unknown.push(format!(
            "volumes_from {written:?}: more than {MAX_INHERITED} containers inherited from: not followed further"
        ));
        return;
    }
    walk.path.push(target);
    walk.done.push(target);
    let (mut got, mut why) = (Vec::new(), Vec::new());
    mounts_of(refs, target, walk, &mut got, &mut why);
    walk.path.pop();
    out.extend(got.into_iter().map(|mut m| {
        m.read_only |= vf.read_only;
        m.field = "volumes_from";
        m.inherited = Some(match m.inherited.take() {
            None => name.clone(),
            Some(p) => format!("{p}, through {name}"),
        });
        m
    }));
    unknown.extend(
        why.into_iter()
            .map(|w| format!("volumes_from {written:?}: {name} inherits them: {w}")),
    );
}

/// The spec of service `at` of `f` (`s`); references to other services
/// and containers are resolved with `refs`.
pub fn spec<'a>(
    f: &'a ComposeFile,
    s: &'a ComposeService,
    at: usize,
    refs: &Refs,
) -> ContainerSpec<'a> {
    let a = Ad {
        f,
        s,
        main: place(f.path_of(0), s),
        others: RefCell::new(Vec::new()),
    };
    let network_mode = a.opt(&s.network_mode, "network_mode");
    let discards = network_mode
        .value
        .as_deref()
        .is_some_and(network_mode_discards_ports);
    let ports = if discards {
        List::empty(a.absent("ports"))
    } else {
        a.list(&s.ports, "ports", |p| PortView {
            container_port: if p.target.contains('/') || p.protocol.is_empty() {
                p.target.clone()
            } else {
                format!("{}/{}", p.target, p.protocol)
            },
            host_ip: p.host_ip.clone(),
            host_port: p.published.clone(),
            field: "ports",
        })
    };
    let mut mounts = a.list(&s.volumes, "volumes", |v| volume_view(f, v));
    if let Some(u) = s.use_api_socket.as_ref().filter(|u| u.value) {
        mounts.items.push(Val::new(
            api_socket_view(),
            a.origin(u.key.clone(), u.file, u.line),
        ));
    }
    // `volumes_from`: every mount of the service or container named, at
    // the entry that inherits it.
    let mut mounts_unknown = List::empty(a.absent("volumes_from"));
    let me = Node::Service(at);
    let mut walk = Walk {
        path: vec![me],
        done: Vec::new(),
    };
    for vf in &s.volumes_from {
        let from = a.origin(vf.key.clone(), vf.file, vf.line);
        let (mut got, mut why) = (Vec::new(), Vec::new());
        inherit(refs, me, &vf.value, &mut walk, &mut got, &mut why);
        mounts
            .items
            .extend(got.into_iter().map(|m| Val::new(m, from.clone())));
        mounts_unknown
            .items
            .extend(why.into_iter().map(|w| Val::new(w, from.clone())));
    }
    let mut devices = a.list(&s.devices, "devices", |d| DeviceView {
        host: d.host.clone(),
        container: d.container.clone(),
        permissions: d.permissions.clone(),
        cgroup_rule: false,
    });
    let rules = a.list(&s.device_cgroup_rules, "device_cgroup_rules", |r| {
        DeviceView::cgroup_rule(r)
    });
    devices.items.extend(rules.items);
    let mut restart = List::empty(a.absent("restart"));
    if let Some(r) = &s.restart {
        let (name, retries) = match r.value.split_once(':') {
            Some((n, m)) => (n.trim().to_string(), m.trim().parse::<i64>().ok()),
            None => (r.value.trim().to_string(), None),
        };
        restart.from = a.origin(r.key.clone(), r.file, r.line);
        restart.items.push(Val::new(
            RestartView {
                name,
                max_retries: retries,
                written: r.value.clone(),
            },
            restart.from.clone(),
        ));
    }
    if let Some(c) = &s.deploy_restart_condition {
        let max = s.deploy_restart_max_attempts.as_ref().map(|m| m.value);
        // Swarm conditions: none, on-failure, any (restart whatever the
        // exit code: bounded only by max_attempts).
        let name = match c.value.trim() {
            "none" => "no",
            "any" if max.is_some_and(|m| m > 0) => "on-failure",
            "any" => "always",
            other => other,
        };
        restart.items.push(Val::new(
            RestartView {
                name: name.to_string(),
                max_retries: max,
                written: format!(
                    "deploy.restart_policy condition {} (max_attempts {})",
                    c.value,
                    max.map_or("unset".to_string(), |m| m.to_string())
                ),
            },
            a.origin(c.key.clone(), c.file, c.line),
        ));
    }
    let healthcheck = match &s.healthcheck {
        Some(h) => Val::new(
            Some(if h.value.disable {
                vec!["NONE".to_string()]
            } else {
                h.value.test.clone()
            }),
            a.origin(h.key.clone(), h.file, h.line),
        ),
        None => Val::new(None, a.absent("healthcheck")),
    };
    ContainerSpec {
        subject: subject(f, s),
        platform: Platform::Compose,
        container: None,
        image: a.opt(&s.image, "image"),
        user: a.opt(&s.user, "user"),
        run_as_non_root: Val::new(None, a.absent("user")),
        privileged: a.opt(&s.privileged, "privileged"),
        read_only_rootfs: a.opt(&s.read_only, "read_only"),
        cap_add: a.list(&s.cap_add, "cap_add", Clone::clone),
        cap_drop: a.list(&s.cap_drop, "cap_drop", Clone::clone),
        security_opt: a.list(&s.security_opt, "security_opt", Clone::clone),
        apparmor_applied: None,
        selinux_applied: None,
        network_mode,
        pid_mode: a.opt(&s.pid, "pid"),
        ipc_mode: a.opt(&s.ipc, "ipc"),
        uts_mode: a.opt(&s.uts, "uts"),
        userns_mode: a.opt(&s.userns_mode, "userns_mode"),
        joins: refs.joins(Node::Service(at)),
        memory: a.opt(&s.memory, "mem_limit"),
        nano_cpus: a.opt(&s.nano_cpus, "cpus"),
        cpu_shares: a.opt(&s.cpu_shares, "cpu_shares"),
        cpu_quota: a.opt(&s.cpu_quota, "cpu_quota"),
        pids_limit: a.opt(&s.pids_limit, "pids_limit"),
        ports,
        mounts,
        mounts_unknown,
        devices,
        env: a.list(&s.environment, "environment", Clone::clone),
        restart,
        healthcheck,
        log_driver: a.opt(&s.logging_driver, "logging.driver"),
        cgroup_parent: a.opt(&s.cgroup_parent, "cgroup_parent"),
        ulimits: a.list(&s.ulimits, "ulimits", Clone::clone),
        secret_refs: a.list(&s.secrets, "secrets", |n| format!("compose secret {n}")),
        // Compose has no key for these lists: `security_opt:
        // systempaths=unconfined` is read from the options.
        masked_paths: Val::new(None, a.absent("security_opt")),
        readonly_paths: Val::new(None, a.absent("security_opt")),
    }
}
