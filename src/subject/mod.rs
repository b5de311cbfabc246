//! Normalised subjects: what a rule judges, whatever input it came from.
//! A `ContainerSpec` is everything a container runs with, adapted from an
//! engine container, a compose service or a Kubernetes workload container
//! (see `crate::adapt`); every value keeps where it came from, so a finding
//! names the engine field or the file and line. Plain data: no I/O here,
//! and nothing that judges.

use std::borrow::Cow;
use std::rc::Rc;

use crate::facts::compose::EnvVar;
use crate::facts::Container;
use crate::model::{Evidence, Finding, Location, Subject};

pub mod spelling;

pub use spelling::{MountView, PortView};

/// How the evidence source of a value is spelt, and the file it is in.
/// One per spec (and file): a spec holds a few dozen values, and a compose
/// file or manifest of twenty thousand services as many specs, so the
/// words they share are held once. Shared with `Rc`: specs stay on the
/// thread that judges them, and a spec is made again by each check when
/// there are many (an atomic count per value was a fifth of the time).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Place {
    /// The source up to the key: `compose: FILE service "web" key `.
    prefix: String,
    /// The key follows quoted (`key "mem_limit"`), else as it is
    /// (`engine: container inspect HostConfig.Memory`).
    quoted: bool,
    /// The file the values are in; None for engine fields.
    path: Option<String>,
}

impl Place {
    /// Values in a file: the source is `PREFIX"KEY"`, at a line of `path`.
    pub fn in_file(prefix: String, path: &str) -> Rc<Place> {
        Rc::new(Place {
            prefix,
            quoted: true,
            path: Some(path.to_string()),
        })
    }
    /// Values of a document without lines: the source is `PREFIXKEY`.
    pub fn fields(prefix: &str) -> Rc<Place> {
        Rc::new(Place {
            prefix: prefix.to_string(),
            quoted: false,
            path: None,
        })
    }
}

/// Where a value was read: the input's own key name (`HostConfig.Memory`,
/// `mem_limit`, `resources.limits.memory`), the evidence source naming it
/// in full (`source()`), and the file place when there is one
/// (`location()`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    /// A fixed spelling where the adapter knows it, else the input's own.
    pub key: Cow<'static, str>,
    place: Rc<Place>,
    /// The line in the place's file; 0 when not known.
    line: u32,
    /// The value as the input wrote it, when the adapter translated it
    /// (a Kubernetes `hostNetwork: true` is the network mode "host").
    pub written: Option<String>,
}

impl Origin {
    pub fn new(place: &Rc<Place>, key: impl Into<Cow<'static, str>>, line: u32) -> Self {
        Origin {
            key: key.into(),
            place: Rc::clone(place),
            line,
            written: None,
        }
    }

    /// The evidence source naming the value in full (allocated to its
    /// size: a report may hold one per finding, a few hundred thousand).
    pub fn source(&self) -> String {
        use std::fmt::Write;
        let p = &self.place;
        let mut s = String::with_capacity(p.prefix.len() + self.key.len() + 2);
        s.push_str(&p.prefix);
        if p.quoted {
            let _ = write!(s, "{:?}", self.key);
        } else {
            s.push_str(&self.key);
        }
        s
    }

    /// The file and line, when the value is in a file.
    pub fn location(&self) -> Option<Location> {
        self.place.path.as_ref().map(|path| Location {
            path: path.clone(),
            line: (self.line > 0).then_some(self.line),
            column: None,
            end_line: None,
            end_column: None,
        })
    }

    pub fn evidence(&self, observed: impl Into<String>, expected: impl Into<String>) -> Evidence {
        let e = Evidence::new(self.source(), observed, expected);
        match self.location() {
            Some(l) => e.at(l),
            None => e,
        }
    }
}

/// A value and where it came from. For a setting the input leaves out,
/// `value` is None (or the input's default) and `from` points at where it
/// would be set.
#[derive(Clone, Debug, PartialEq)]
pub struct Val<T> {
    pub value: T,
    pub from: Origin,
}

impl<T> Val<T> {
    pub fn new(value: T, from: Origin) -> Self {
        Val { value, from }
    }
}

impl Val<String> {
    /// The value as the input wrote it.
    pub fn shown(&self) -> String {
        self.from
            .written
            .clone()
            .unwrap_or_else(|| self.value.clone())
    }
}

/// A list setting: its entries, each with its own place, and where the
/// list itself is (or would be) set.
#[derive(Clone, Debug, PartialEq)]
pub struct List<T> {
    pub items: Vec<Val<T>>,
    pub from: Origin,
}

impl<T> List<T> {
    pub fn empty(from: Origin) -> Self {
        List {
            items: Vec::new(),
            from,
        }
    }
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.items.iter().map(|v| &v.value)
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl List<String> {
    pub fn strings(&self) -> Vec<String> {
        self.items.iter().map(|v| v.value.clone()).collect()
    }
    /// The observed value for a finding on `item`: what the input wrote
    /// when the adapter translated it, else the whole list.
    pub fn observed(&self, item: &Val<String>) -> String {
        match &item.from.written {
            Some(w) => w.clone(),
            None => self.render(),
        }
    }

    /// The entries as the input spells them, for evidence.
    pub fn render(&self) -> String {
        if self.items.is_empty() {
            "[]".to_string()
        } else {
            format!("{:?}", self.strings())
        }
    }
}

/// Which input a spec was adapted from: rules word findings and apply
/// platform defaults by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// A container of the audited engine (any state).
    Engine,
    /// A compose service: how it would run, on an engine not known here.
    Compose,
    /// A container of a Kubernetes workload manifest.
    Kubernetes,
}

/// A host device given to the container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceView {
    pub host: String,
    pub container: String,
    /// cgroup permissions; empty is the default "rwm".
    pub permissions: String,
    /// A device cgroup rule ("c 1:3 rwm") rather than a device path.
    pub cgroup_rule: bool,
}

impl DeviceView {
    /// A device cgroup rule ("c 1:3 rwm"), kept whole in `host`.
    pub fn cgroup_rule(rule: &str) -> DeviceView {
        DeviceView {
            host: rule.to_string(),
            container: String::new(),
            permissions: rule.split_whitespace().nth(2).unwrap_or("").to_string(),
            cgroup_rule: true,
        }
    }
}

/// A namespace a container can share: with the host (`host`) or, for
/// network, PID and IPC (and UTS/user where the engine accepts it), with
/// another container (`container:x`, compose `service:x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    Network,
    Pid,
    Ipc,
    Uts,
    User,
}

impl Namespace {
    pub const ALL: [Namespace; 5] = [
        Namespace::Network,
        Namespace::Pid,
        Namespace::Ipc,
        Namespace::Uts,
        Namespace::User,
    ];

    /// The namespace's name in messages ("PID", "network").
    pub fn word(self) -> &'static str {
        match self {
            Namespace::Network => "network",
            Namespace::Pid => "PID",
            Namespace::Ipc => "IPC",
            Namespace::Uts => "UTS",
            Namespace::User => "user",
        }
    }
}

/// A namespace mode that joins another container's (`container:x`,
/// `service:x`), followed through the containers it names to the mode of
/// the last one (see `crate::adapt::joins`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joined {
    /// The containers joined in turn, each with its own mode for the
    /// namespace as written; the last one's mode ends the chain (unless
    /// `end` is unknown).
    pub hops: Vec<JoinHop>,
    pub end: JoinEnd,
}

/// One container reached by a join.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinHop {
    /// `service "db"`, `container "db"`.
    pub target: String,
    /// Its key for the namespace (`pid`, `HostConfig.PidMode`).
    pub key: String,
    /// Its mode as written; empty when it sets none.
    pub mode: String,
}

/// Where a join ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinEnd {
    /// In the namespace the last target's mode gives ("host", or its own).
    Mode(String),
    /// Not known, and why: a target that is not in the audit, a cycle, a
    /// chain longer than the bound.
    Unknown(String),
}

impl Joined {
    /// The chain as read, for messages and evidence: `"container:db",
    /// whose pid is "host"` (after the joiner's own `KEY is "MODE"`).
    pub fn render(&self) -> String {
        self.hops
            .iter()
            .map(|h| {
                if h.mode.is_empty() {
                    format!(", whose {} is unset", h.key)
                } else {
                    format!(", whose {} is {:?}", h.key, h.mode)
                }
            })
            .collect()
    }

    /// The containers joined, in order: `service "a", then service "b"`.
    pub fn targets(&self) -> String {
        self.hops
            .iter()
            .map(|h| h.target.as_str())
            .collect::<Vec<_>>()
            .join(", then ")
    }

    /// The chain ends in the host's namespace.
    pub fn ends_in_host(&self) -> bool {
        matches!(&self.end, JoinEnd::Mode(m) if m.trim().eq_ignore_ascii_case("host"))
    }
}

/// A restart policy in the engine's terms: its name and retry bound, and
/// the input's own spelling for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartView {
    pub name: String,
    pub max_retries: Option<i64>,
    pub written: String,
}

/// Everything a container runs with, from any input.
#[derive(Clone, Debug)]
pub struct ContainerSpec<'a> {
    pub subject: Subject,
    pub platform: Platform,
    /// The engine container it was adapted from, for facts only the
    /// engine has (state, processes, effective labels).
    pub container: Option<&'a Container>,
    pub image: Val<Option<String>>,
    /// `user[:group]` as configured (Kubernetes runAsUser/runAsGroup in
    /// that spelling); None: the image's default user.
    pub user: Val<Option<String>>,
    /// Kubernetes runAsNonRoot: the kubelet refuses to start a root
    /// container.
    pub run_as_non_root: Val<Option<bool>>,
    pub privileged: Val<Option<bool>>,
    pub read_only_rootfs: Val<Option<bool>>,
    pub cap_add: List<String>,
    pub cap_drop: List<String>,
    /// Security options in the engine's spelling (`seccomp=unconfined`,
    /// `apparmor:x`, `label=disable`, `no-new-privileges`). The
    /// Kubernetes adapter writes its typed fields in this spelling.
    pub security_opt: List<String>,
    /// The AppArmor profile the engine applied (engine only).
    pub apparmor_applied: Option<Val<String>>,
    /// The SELinux process label the engine applied (engine only).
    pub selinux_applied: Option<Val<String>>,
    pub network_mode: Val<Option<String>>,
    pub pid_mode: Val<Option<String>>,
    pub ipc_mode: Val<Option<String>>,
    pub uts_mode: Val<Option<String>>,
    pub userns_mode: Val<Option<String>>,
    /// The namespace modes above that join another container, followed
    /// (empty for nearly every spec; Kubernetes has no such modes).
    pub joins: Vec<(Namespace, Joined)>,
    /// Memory limit in bytes.
    pub memory: Val<Option<i64>>,
    pub nano_cpus: Val<Option<i64>>,
    pub cpu_shares: Val<Option<i64>>,
    pub cpu_quota: Val<Option<i64>>,
    pub pids_limit: Val<Option<i64>>,
    pub ports: List<PortView>,
    /// Every mount, the inherited ones included (compose `volumes_from`:
    /// see `MountView::inherited`).
    pub mounts: List<MountView>,
    /// Mounts that are inherited but cannot be known (compose
    /// `volumes_from` naming a container that is not in the audit): why,
    /// each at the entry that inherits them.
    pub mounts_unknown: List<String>,
    pub devices: List<DeviceView>,
    pub env: List<EnvVar>,
    /// Every restart policy the input sets (a compose service may set
    /// both `restart:` and a swarm `deploy.restart_policy`).
    pub restart: List<RestartView>,
    /// The healthcheck test; None when none is configured here (the
    /// image's may apply), `["NONE"]` when disabled.
    pub healthcheck: Val<Option<Vec<String>>>,
    pub log_driver: Val<Option<String>>,
    /// The cgroup parent the container is placed under; None: the
    /// engine's default.
    pub cgroup_parent: Val<Option<String>>,
    /// The /proc and /sys paths the runtime masks, and those it mounts
    /// read-only, as the engine lists them (HostConfig.MaskedPaths and
    /// ReadonlyPaths). None where the input lists none, so the runtime's
    /// defaults apply unless a security option (`systempaths=unconfined`)
    /// or privileged mode says otherwise; the engine writes an empty list
    /// for `systempaths=unconfined`.
    pub masked_paths: Val<Option<Vec<String>>>,
    pub readonly_paths: Val<Option<Vec<String>>>,
    /// Per-container ulimit overrides, `name=soft:hard`.
    pub ulimits: List<String>,
    /// Secrets taken from a dedicated store, described: compose `secrets:`,
    /// Kubernetes Secret references (env `secretKeyRef`, `envFrom`
    /// secretRef, mounted secret volumes). Engine containers: see their
    /// mounts.
    pub secret_refs: List<String>,
}

impl ContainerSpec<'_> {
    /// The mode of a namespace, as written.
    pub fn namespace_mode(&self, ns: Namespace) -> &Val<Option<String>> {
        match ns {
            Namespace::Network => &self.network_mode,
            Namespace::Pid => &self.pid_mode,
            Namespace::Ipc => &self.ipc_mode,
            Namespace::Uts => &self.uts_mode,
            Namespace::User => &self.userns_mode,
        }
    }

    /// Where the namespace's mode leads when it joins another container.
    pub fn joined(&self, ns: Namespace) -> Option<&Joined> {
        self.joins.iter().find(|(n, _)| *n == ns).map(|(_, j)| j)
    }

    pub fn finding(&self, message: impl Into<String>, evidence: Evidence) -> Finding {
        Finding::new(self.subject.clone(), message, evidence)
    }

    /// Words for where the default of a left-out setting comes from.
    pub fn default_word(&self) -> &'static str {
        match self.platform {
            Platform::Engine => "the engine's default",
            Platform::Compose => "the engine's default",
            Platform::Kubernetes => "the cluster's default",
        }
    }
}
