//! Facts of compose files: each service normalised into plain values (both
//! short and long syntaxes folded into one form), each value with the key
//! and line it came from. Parsing lives in `crate::compose`; this module
//! holds what was read and nothing else.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One compose file as read: its services after `extends`, anchors, merge
/// keys and interpolation, and the problems met reading it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposeFile {
    /// The path as given on the command line.
    pub path: String,
    /// The legacy `version:` key ("2.4", "3.8"), absent in current files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub services: Vec<ComposeService>,
    /// Top-level `secrets:` names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<String>,
    /// Top-level `volumes:` that bind a host folder (local driver,
    /// `driver_opts` with `o: bind` and an absolute `device`): name to
    /// folder.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub volume_binds: BTreeMap<String, String>,
    /// Top-level `volumes:` whose options live outside the file (`external`)
    /// or whose driver is not the local one: name to why the host folder it
    /// may bind is not known.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub volumes_unknown: BTreeMap<String, String>,
    /// Files other than `path` that values came from (`extends: {file}`),
    /// indexed by `Setting::file` - 1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_files: Vec<String>,
    /// The file could not be read or parsed at all: why. No services then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ComposeProblem>,
    /// Problems that did not stop the reading (unknown keys, unset
    /// variables, `include:` not followed, a service left out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ComposeProblem>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposeProblem {
    /// 1-based; 0 when the problem has no line.
    pub line: u32,
    pub message: String,
}

/// A value with the compose key that set it and its line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Setting<T> {
    pub value: T,
    /// The key path, e.g. "mem_limit", "deploy.resources.limits.memory".
    pub key: String,
    pub line: u32,
    /// 0: the compose file itself; n: `ComposeFile::other_files[n - 1]`.
    #[serde(skip_serializing_if = "is_zero")]
    pub file: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One service, normalised.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposeService {
    pub name: String,
    /// Line of the service's key under `services:`.
    pub line: u32,
    /// `container_name:`: the name of the service's container, which
    /// `container:NAME` references (network_mode, pid, ipc, volumes_from)
    /// may name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<Setting<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<String>,
    pub image: Option<Setting<String>>,
    /// The service is built from a Dockerfile (`build:`).
    pub build: bool,
    pub privileged: Option<Setting<bool>>,
    pub read_only: Option<Setting<bool>>,
    pub user: Option<Setting<String>>,
    pub cap_add: Vec<Setting<String>>,
    pub cap_drop: Vec<Setting<String>>,
    pub security_opt: Vec<Setting<String>>,
    pub network_mode: Option<Setting<String>>,
    pub pid: Option<Setting<String>>,
    pub ipc: Option<Setting<String>>,
    pub uts: Option<Setting<String>>,
    pub userns_mode: Option<Setting<String>>,
    /// Memory limit in bytes (`mem_limit` or deploy.resources.limits.memory).
    pub memory: Option<Setting<i64>>,
    /// CPU limit in nano-CPUs (`cpus` or deploy.resources.limits.cpus).
    pub nano_cpus: Option<Setting<i64>>,
    pub cpu_shares: Option<Setting<i64>>,
    pub cpu_quota: Option<Setting<i64>>,
    /// `pids_limit` or deploy.resources.limits.pids.
    pub pids_limit: Option<Setting<i64>>,
    pub ports: Vec<Setting<ComposePort>>,
    pub volumes: Vec<Setting<ComposeVolume>>,
    /// `volumes_from:`: every mount of these services or containers is
    /// inherited.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes_from: Vec<Setting<VolumesFrom>>,
    pub devices: Vec<Setting<ComposeDevice>>,
    /// `device_cgroup_rules`: device access granted by cgroup rule.
    pub device_cgroup_rules: Vec<Setting<String>>,
    /// `use_api_socket`: the engine's API socket (and the user's registry
    /// credentials) mounted into the container.
    pub use_api_socket: Option<Setting<bool>>,
    /// `environment:`, then the variables of the `env_file:` files that
    /// `environment:` does not set (its key names the file).
    pub environment: Vec<Setting<EnvVar>>,
    /// `env_file:` entries: the path as written, and whether it must exist.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env_files: Vec<Setting<EnvFileRef>>,
    /// Per-service `secrets:` (source names).
    pub secrets: Vec<Setting<String>>,
    /// `restart:` ("no", "always", "on-failure[:n]", "unless-stopped").
    pub restart: Option<Setting<String>>,
    /// deploy.restart_policy.condition (none, on-failure, any).
    pub deploy_restart_condition: Option<Setting<String>>,
    pub deploy_restart_max_attempts: Option<Setting<i64>>,
    pub healthcheck: Option<Setting<Healthcheck>>,
    pub logging_driver: Option<Setting<String>>,
    pub cgroup_parent: Option<Setting<String>>,
    /// `ulimits:` entries as `name=soft:hard` (a single number is both).
    pub ulimits: Vec<Setting<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposePort {
    /// Empty: every interface.
    pub host_ip: String,
    /// Empty: an ephemeral port. May be a range "8000-8005".
    pub published: String,
    /// Container port or range.
    pub target: String,
    pub protocol: String,
    /// "host" (long syntax mode), else "ingress"/empty.
    pub mode: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposeVolume {
    /// bind, volume, tmpfs, npipe, cluster, image.
    pub kind: String,
    /// Host path (bind) or volume name; empty for anonymous volumes.
    pub source: String,
    pub target: String,
    pub read_only: bool,
    pub propagation: String,
}

/// One `volumes_from` entry: `service`, `service:ro`, `container:name`,
/// `container:name:rw`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumesFrom {
    /// The service (or, with `container`, the container) named.
    pub name: String,
    /// `container:NAME`: a container, not a service of the file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub container: bool,
    /// `:ro` (every inherited mount read-only); `:rw` and no mode keep
    /// each mount's own access.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// The entry as written.
    pub written: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComposeDevice {
    pub host: String,
    pub container: String,
    /// cgroup permissions; empty means the default "rwm".
    pub permissions: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvFileRef {
    pub path: String,
    /// `required: false` (long syntax): an absent file is skipped.
    pub required: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvVar {
    pub name: String,
    /// None: no value given (taken from the environment at run time).
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Healthcheck {
    /// `disable: true`.
    pub disable: bool,
    /// `test:` as a list (a string becomes ["CMD-SHELL", s]).
    pub test: Vec<String>,
}

impl ComposeFile {
    /// The path a setting came from.
    pub fn path_of(&self, file: u32) -> &str {
        match file {
            0 => &self.path,
            n => self
                .other_files
                .get(n as usize - 1)
                .map(String::as_str)
                .unwrap_or(&self.path),
        }
    }
}
