//! Kubernetes workload containers as container specs. The pod's security
//! context is merged into each container's (the container's own fields
//! win), and the typed fields are written in the engine's spelling
//! (`seccomp=unconfined`, `no-new-privileges=true`, `label=disable`) so
//! that the container rules judge them as they judge `--security-opt`.
//! Every value names its manifest key and line.

use crate::facts::compose::Setting;
use crate::facts::k8s::{K8sContainer, ManifestFile, SecurityContext, Workload};
use std::borrow::Cow;
use std::rc::Rc;

use crate::model::Subject;
use crate::subject::{ContainerSpec, List, MountView, Origin, Place, Platform, PortView, Val};

/// The subject of a workload container: `KIND/NAME/CONTAINER`, role the
/// workload.
pub fn subject(w: &Workload, c: &K8sContainer) -> Subject {
    let mut s = Subject::new("k8s_container", format!("{}/{}/{}", w.kind, w.name, c.name));
    s.role = Some(match &w.namespace {
        Some(ns) => format!("k8s:{ns}/{}/{}", w.kind, w.name),
        None => format!("k8s:{}/{}", w.kind, w.name),
    });
    s
}

struct Ad<'a> {
    w: &'a Workload,
    c: &'a K8sContainer,
    /// How every value of this container is named (made once).
    place: Rc<Place>,
}

impl Ad<'_> {
    fn origin(&self, key: impl Into<Cow<'static, str>>, line: u32) -> Origin {
        Origin::new(&self.place, key, line)
    }
    /// The origin of a value the adapter translated, with what was written.
    fn wrote(
        &self,
        key: impl Into<Cow<'static, str>>,
        line: u32,
        written: impl Into<String>,
    ) -> Origin {
        let mut o = self.origin(key, line);
        o.written = Some(written.into());
        o
    }
    fn at<T>(&self, st: &Setting<T>) -> Origin {
        self.origin(st.key.clone(), st.line)
    }
    /// Where a left-out container key would be set: the container's line.
    fn absent(&self, key: &'static str) -> Origin {
        self.origin(key, self.c.line)
    }
    fn opt<T: Clone>(&self, st: Option<&Setting<T>>, key: &'static str) -> Val<Option<T>> {
        match st {
            Some(st) => Val::new(Some(st.value.clone()), self.at(st)),
            None => Val::new(None, self.absent(key)),
        }
    }
    /// A pod-level setting the container inherits, as a host namespace.
    fn host_ns(&self, st: Option<&Setting<bool>>, key: &'static str) -> Val<Option<String>> {
        match st {
            Some(st) if st.value => Val::new(
                Some("host".to_string()),
                self.wrote(st.key.clone(), st.line, "true"),
            ),
            Some(st) => Val::new(None, self.at(st)),
            None => Val::new(None, self.absent(key)),
        }
    }
}

/// The container's own field, else the pod's.
fn merged<'a, T>(
    c: &'a SecurityContext,
    p: &'a SecurityContext,
    f: impl Fn(&'a SecurityContext) -> Option<&'a Setting<T>>,
) -> Option<&'a Setting<T>> {
    f(c).or_else(|| f(p))
}

pub fn spec<'a>(m: &'a ManifestFile, w: &'a Workload, c: &'a K8sContainer) -> ContainerSpec<'a> {
    let place = Place::in_file(
        format!(
            "manifest: {} {}/{} container {:?} key ",
            m.path, w.kind, w.name, c.name
        ),
        &m.path,
    );
    let a = Ad { w, c, place };
    let pod = &w.pod;
    let (cs, ps) = (&c.security_context, &pod.security_context);
    let run_as_user = merged(cs, ps, |s| s.run_as_user.as_ref());
    let run_as_group = merged(cs, ps, |s| s.run_as_group.as_ref());
    let user = match run_as_user {
        Some(u) => Val::new(
            Some(match run_as_group {
                Some(g) => format!("{}:{}", u.value, g.value),
                None => u.value.to_string(),
            }),
            a.at(u),
        ),
        None => Val::new(None, a.absent("securityContext.runAsUser")),
    };

    // Security options in the engine's spelling.
    let mut opts = List::empty(a.absent("securityContext"));
    match merged(cs, ps, |s| s.seccomp_profile.as_ref()) {
        Some(p) => {
            let v = p.value.trim();
            let profile = if v.eq_ignore_ascii_case("unconfined") {
                "unconfined".to_string()
            } else if v.eq_ignore_ascii_case("runtimedefault") {
                "runtime/default".to_string()
            } else {
                v.to_ascii_lowercase()
            };
            opts.items
                .push(Val::new(format!("seccomp={profile}"), a.at(p)));
        }
        // Kubernetes runs a container without seccomp unless its profile
        // is set (or the kubelet's seccompDefault is on, which a manifest
        // cannot show).
        None => opts.items.push(Val::new(
            "seccomp=unconfined".to_string(),
            a.wrote(
                "securityContext.seccompProfile",
                c.line,
                "absent (Kubernetes runs the container Unconfined unless the kubelet's \
                 seccompDefault is on)",
            ),
        )),
    }
    let annotation = format!("container.apparmor.security.beta.kubernetes.io/{}", c.name);
    if let Some(p) = merged(cs, ps, |s| s.apparmor_profile.as_ref()) {
        let v = p.value.trim();
        let profile = if v.eq_ignore_ascii_case("unconfined") {
            "unconfined".to_string()
        } else {
            v.to_ascii_lowercase()
        };
        opts.items
            .push(Val::new(format!("apparmor={profile}"), a.at(p)));
    } else if let Some(v) = w.annotations.get(&annotation) {
        opts.items.push(Val::new(
            format!("apparmor={}", v.trim()),
            a.wrote(
                format!("metadata.annotations.{annotation}"),
                w.line,
                v.trim(),
            ),
        ));
    }
    if let Some(t) = merged(cs, ps, |s| s.selinux_type.as_ref()) {
        // spc_t is what `label=disable` runs a container as.
        if matches!(t.value.trim(), "spc_t" | "unconfined_t") {
            opts.items
                .push(Val::new("label=disable".to_string(), a.at(t)));
        }
    }
    // procMount Unmasked: the runtime masks nothing in /proc, as the
    // engine's `systempaths=unconfined` (only Default is safe; the API
    // server refuses other values, an audit must not pass them).
    if let Some(pm) = &cs.proc_mount {
        if !pm.value.trim().eq_ignore_ascii_case("default") {
            opts.items.push(Val::new(
                "systempaths=unconfined".to_string(),
                a.wrote(pm.key.clone(), pm.line, pm.value.trim()),
            ));
        }
    }
    if let Some(ape) = &cs.allow_privilege_escalation {
        opts.items.push(Val::new(
            format!("no-new-privileges={}", !ape.value),
            a.wrote(ape.key.clone(), ape.line, ape.value.to_string()),
        ));
    }

    // On the host network every container port is a port of the node, on
    // all its interfaces: the API sets hostPort to containerPort there.
    let host_network = pod.host_network.as_ref().is_some_and(|h| h.value);
    let mut ports = List::empty(a.absent("ports"));
    for p in &c.ports {
        let host_port = p.value.host_port.trim();
        let unpublished = host_port.is_empty() || host_port == "0";
        if unpublished && !host_network {
            continue; // not published on the node
        }
        let (host_ip, host_port) = if host_network {
            let port = if unpublished {
                p.value.container_port.clone()
            } else {
                host_port.to_string()
            };
            (String::new(), port)
        } else {
            (p.value.host_ip.clone(), host_port.to_string())
        };
        ports.items.push(Val::new(
            PortView {
                container_port: format!(
                    "{}/{}",
                    p.value.container_port,
                    p.value.protocol.to_ascii_lowercase()
                ),
                host_ip,
                host_port,
                field: "ports",
            },
            a.at(p),
        ));
    }

    let mut mounts = List::empty(a.absent("volumeMounts"));
    for vm in &c.volume_mounts {
        let vol = pod.volumes.iter().find(|v| v.value.name == vm.value.name);
        let (kind, source) = match vol.map(|v| &v.value) {
            Some(v) if v.kind == "hostPath" => {
                ("bind".to_string(), v.host_path.clone().unwrap_or_default())
            }
            Some(v) => (v.kind.clone(), v.name.clone()),
            None => ("volume".to_string(), vm.value.name.clone()),
        };
        let propagation = match vm.value.mount_propagation.trim() {
            "Bidirectional" => "rshared",
            "HostToContainer" => "rslave",
            _ => "",
        };
        let from = match vol {
            // The host path is set on the pod's volume; the mount names it.
            Some(v) if kind == "bind" && propagation.is_empty() => a.at(v),
            _ if !propagation.is_empty() => {
                a.wrote(vm.key.clone(), vm.line, vm.value.mount_propagation.trim())
            }
            _ => a.at(vm),
        };
        mounts.items.push(Val::new(
            MountView {
                kind,
                source,
                destination: vm.value.mount_path.clone(),
                read_only: vm.value.read_only,
                propagation: propagation.to_string(),
                field: "volumeMounts",
                volume: None,
                inherited: None,
                options_unknown: None,
            },
            from,
        ));
    }

    let healthcheck = match c.liveness_probe.as_ref().or(c.readiness_probe.as_ref()) {
        Some(p) => Val::new(Some(vec!["PROBE".to_string()]), a.at(p)),
        None => Val::new(None, a.absent("livenessProbe")),
    };

    ContainerSpec {
        subject: subject(w, c),
        platform: Platform::Kubernetes,
        container: None,
        image: a.opt(c.image.as_ref(), "image"),
        user,
        run_as_non_root: a.opt(
            merged(cs, ps, |s| s.run_as_non_root.as_ref()),
            "securityContext.runAsNonRoot",
        ),
        privileged: privileged(&a, cs, ps),
        read_only_rootfs: a.opt(
            cs.read_only_root_filesystem.as_ref(),
            "securityContext.readOnlyRootFilesystem",
        ),
        cap_add: list(&a, &cs.capabilities_add, "securityContext.capabilities.add"),
        cap_drop: list(
            &a,
            &cs.capabilities_drop,
            "securityContext.capabilities.drop",
        ),
        security_opt: opts,
        apparmor_applied: None,
        selinux_applied: None,
        network_mode: a.host_ns(pod.host_network.as_ref(), "hostNetwork"),
        pid_mode: a.host_ns(pod.host_pid.as_ref(), "hostPID"),
        ipc_mode: a.host_ns(pod.host_ipc.as_ref(), "hostIPC"),
        // A pod on the host network also shares the host's UTS namespace.
        uts_mode: a.host_ns(pod.host_network.as_ref(), "hostNetwork"),
        userns_mode: a.host_ns(pod.host_users.as_ref(), "hostUsers"),
        // No mode joins another pod's namespace (shareProcessNamespace is
        // within the pod).
        joins: Vec::new(),
        memory: a.opt(c.limits_memory.as_ref(), "resources.limits.memory"),
        nano_cpus: a.opt(c.limits_cpu.as_ref(), "resources.limits.cpu"),
        cpu_shares: Val::new(None, a.absent("resources.requests.cpu")),
        cpu_quota: Val::new(None, a.absent("resources.limits.cpu")),
        pids_limit: Val::new(None, a.absent("pids limit")),
        ports,
        mounts,
        mounts_unknown: List::empty(a.absent("volumes")),
        devices: List::empty(a.absent("volumeDevices")),
        env: List {
            items: c
                .env
                .iter()
                .map(|e| Val::new(e.value.clone(), a.at(e)))
                .collect(),
            from: a.absent("env"),
        },
        restart: List::empty(a.absent("restartPolicy")),
        healthcheck,
        log_driver: Val::new(None, a.absent("logging")),
        cgroup_parent: Val::new(None, a.absent("cgroup parent")),
        ulimits: List::empty(a.absent("ulimits")),
        secret_refs: secret_refs(&a),
        // procMount is read into the options (`systempaths=unconfined`).
        masked_paths: Val::new(None, a.absent("securityContext.procMount")),
        readonly_paths: Val::new(None, a.absent("securityContext.procMount")),
    }
}

/// `privileged`, or a Windows HostProcess container, which is at least as
/// strong: a process on the host with the host's network and file system.
/// `windowsOptions.hostProcess` true at either level counts (the API server
/// refuses a pod whose levels disagree; an audit must not pass it).
fn privileged(a: &Ad, cs: &SecurityContext, ps: &SecurityContext) -> Val<Option<bool>> {
    let host_process = [cs, ps]
        .into_iter()
        .find_map(|s| s.host_process.as_ref().filter(|hp| hp.value));
    match host_process {
        Some(hp) if cs.privileged.as_ref().is_none_or(|p| !p.value) => {
            Val::new(Some(true), a.wrote(hp.key.clone(), hp.line, "true"))
        }
        _ => a.opt(cs.privileged.as_ref(), "securityContext.privileged"),
    }
}

fn list(a: &Ad, items: &[Setting<String>], key: &'static str) -> List<String> {
    List {
        items: items
            .iter()
            .map(|s| Val::new(s.value.clone(), a.at(s)))
            .collect(),
        from: items.first().map_or_else(|| a.absent(key), |s| a.at(s)),
    }
}

/// The container's Secret references: env entries from a secretKeyRef,
/// envFrom secretRef, and mounted secret volumes.
fn secret_refs(a: &Ad) -> List<String> {
    let c = a.c;
    let mut out = List::empty(a.absent("env"));
    for v in c
        .env_value_from
        .iter()
        .filter(|v| v.value.contains("secretKeyRef"))
    {
        out.items
            .push(Val::new(format!("env {}", v.value), a.at(v)));
    }
    for v in c
        .env_from
        .iter()
        .filter(|v| v.value.starts_with("secretRef:"))
    {
        out.items
            .push(Val::new(format!("envFrom {}", v.value), a.at(v)));
    }
    for m in &c.volume_mounts {
        let secret =
            a.w.pod
                .volumes
                .iter()
                .find(|v| v.value.name == m.value.name)
                .and_then(|v| v.value.secret_name.as_deref());
        if let Some(name) = secret {
            out.items.push(Val::new(
                format!("Secret {name} mounted at {}", m.value.mount_path),
                a.at(m),
            ));
        }
    }
    out
}
