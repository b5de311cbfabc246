//! Facts read through the Docker Engine API. Field names follow the API's own
//! JSON (PascalCase) so that a container inspect document deserialises into
//! these types directly and evidence can name the API field path. Every field
//! has a default: older and newer engines omit or add fields.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Engine identity and configuration: /version and /info.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EngineFacts {
    pub version: Version,
    pub info: Info,
    /// The API version negotiated with the engine.
    pub api_version: String,
    /// Rootless engine (/info SecurityOptions has "name=rootless"): its
    /// root is an unprivileged host user, which changes some controls.
    pub rootless: bool,
    /// Podman's Docker-compatible API (/version Platform or Components).
    pub podman: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Version {
    pub platform: Option<Platform>,
    pub components: Vec<Component>,
    pub version: String,
    pub api_version: String,
    #[serde(rename = "MinAPIVersion")]
    pub min_api_version: String,
    pub git_commit: String,
    pub go_version: String,
    pub os: String,
    pub arch: String,
    pub kernel_version: String,
    pub build_time: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Platform {
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Component {
    pub name: String,
    pub version: String,
    pub details: BTreeMap<String, serde_json::Value>,
}

/// The subset of /info the checks read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Info {
    #[serde(rename = "ID")]
    pub id: String,
    pub name: String,
    pub server_version: String,
    pub operating_system: String,
    #[serde(rename = "OSType")]
    pub os_type: String,
    pub kernel_version: String,
    pub driver: String,
    pub driver_status: Vec<Vec<String>>,
    pub logging_driver: String,
    pub cgroup_driver: String,
    pub cgroup_version: String,
    pub docker_root_dir: String,
    pub security_options: Vec<String>,
    pub live_restore_enabled: Option<bool>,
    pub experimental_build: Option<bool>,
    pub debug: Option<bool>,
    pub registry_config: Option<RegistryConfig>,
    pub swarm: Option<SwarmInfo>,
    pub plugins: Option<Plugins>,
    pub runtimes: BTreeMap<String, serde_json::Value>,
    pub default_runtime: String,
    pub containers: Option<i64>,
    pub containers_running: Option<i64>,
    pub containers_paused: Option<i64>,
    pub containers_stopped: Option<i64>,
    pub images: Option<i64>,
    pub labels: Vec<String>,
    pub http_proxy: String,
    pub https_proxy: String,
    pub no_proxy: String,
    pub init_binary: String,
    pub containerd_commit: Option<Commit>,
    pub runc_commit: Option<Commit>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Commit {
    #[serde(rename = "ID")]
    pub id: String,
    pub expected: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RegistryConfig {
    #[serde(rename = "InsecureRegistryCIDRs")]
    pub insecure_registry_cidrs: Vec<String>,
    pub index_configs: BTreeMap<String, IndexInfo>,
    pub mirrors: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct IndexInfo {
    pub name: String,
    pub mirrors: Vec<String>,
    pub secure: Option<bool>,
    pub official: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Plugins {
    pub volume: Vec<String>,
    pub network: Vec<String>,
    pub authorization: Option<Vec<String>>,
    pub log: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SwarmInfo {
    #[serde(rename = "NodeID")]
    pub node_id: String,
    pub node_addr: String,
    /// "", inactive, pending, active, error, locked
    pub local_node_state: String,
    pub control_available: Option<bool>,
    pub error: String,
    pub remote_managers: Option<Vec<PeerNode>>,
    pub nodes: Option<i64>,
    pub managers: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct PeerNode {
    #[serde(rename = "NodeID")]
    pub node_id: String,
    pub addr: String,
}

/// A container: GET /containers/{id}/json, plus what dockaudit read about
/// its processes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Container {
    pub id: String,
    /// As the API gives it, with the leading slash. Use `display_name()`.
    pub name: String,
    pub created: String,
    /// Image ID (sha256:...).
    pub image: String,
    pub path: String,
    pub args: Vec<String>,
    pub state: ContainerState,
    pub restart_count: i64,
    pub driver: String,
    pub platform: String,
    pub mount_label: String,
    pub process_label: String,
    pub app_armor_profile: String,
    #[serde(rename = "ExecIDs")]
    pub exec_ids: Option<Vec<String>>,
    pub host_config: HostConfig,
    pub config: ContainerConfig,
    pub mounts: Vec<MountPoint>,
    pub network_settings: NetworkSettings,
    /// Execs seen for this container (GET /exec/{id}/json), for CIS 5.23/5.24.
    #[serde(rename = "DockauditExecs")]
    pub execs: Vec<ExecInfo>,
    /// The container's processes as seen from the host or the top endpoint,
    /// for the real uid. None when not running or not readable.
    #[serde(rename = "DockauditProcesses")]
    pub processes: Option<Vec<ProcessInfo>>,
    /// Why some of ExecIDs could not be inspected (then `execs` is
    /// incomplete and exec checks must not pass this container).
    #[serde(rename = "DockauditExecsUnreadable")]
    pub execs_unreadable: Option<String>,
    /// Why the processes of a running container could not be read.
    #[serde(rename = "DockauditProcessesUnreadable")]
    pub processes_unreadable: Option<String>,
}

impl Container {
    pub fn display_name(&self) -> &str {
        self.name.strip_prefix('/').unwrap_or(&self.name)
    }
    pub fn short_id(&self) -> &str {
        let id = self.id.strip_prefix("sha256:").unwrap_or(&self.id);
        &id[..id.len().min(12)]
    }
    /// compose service label, else the image repository of Config.Image.
    pub fn role(&self) -> String {
        let labels = &self.config.labels;
        if let Some(svc) = labels.get("com.docker.compose.service") {
            match labels.get("com.docker.compose.project") {
                Some(p) => return format!("compose:{p}/{svc}"),
                None => return format!("compose:{svc}"),
            }
        }
        if let Some(svc) = labels.get("com.docker.swarm.service.name") {
            return format!("service:{svc}");
        }
        format!("image:{}", image_repository(&self.config.image))
    }
    pub fn is_running(&self) -> bool {
        self.state.running.unwrap_or(false) || self.state.status == "running"
    }
}

/// The repository part of an image reference: no tag, no digest.
pub fn image_repository(reference: &str) -> String {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    // A tag is after the last ':' that follows the last '/'.
    let slash = no_digest.rfind('/').map(|i| i + 1).unwrap_or(0);
    match no_digest[slash..].rfind(':') {
        Some(colon) => no_digest[..slash + colon].to_string(),
        None => no_digest.to_string(),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ContainerState {
    /// created, running, paused, restarting, removing, exited, dead
    pub status: String,
    pub running: Option<bool>,
    pub paused: Option<bool>,
    pub restarting: Option<bool>,
    #[serde(rename = "OOMKilled")]
    pub oom_killed: Option<bool>,
    pub dead: Option<bool>,
    pub pid: Option<i64>,
    pub exit_code: Option<i64>,
    pub started_at: String,
    pub finished_at: String,
    pub health: Option<Health>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Health {
    pub status: String,
    pub failing_streak: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ContainerConfig {
    pub hostname: String,
    pub user: String,
    pub env: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    /// The reference the container was created from, as given.
    pub image: String,
    pub labels: BTreeMap<String, String>,
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    pub healthcheck: Option<HealthConfig>,
    pub working_dir: String,
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    pub on_build: Option<Vec<String>>,
    pub stop_signal: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct HealthConfig {
    /// [] inherit, ["NONE"] disabled, ["CMD", ...] or ["CMD-SHELL", cmd]
    pub test: Option<Vec<String>>,
    pub interval: Option<i64>,
    pub timeout: Option<i64>,
    pub retries: Option<i64>,
    pub start_period: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct HostConfig {
    pub privileged: Option<bool>,
    pub cap_add: Option<Vec<String>>,
    pub cap_drop: Option<Vec<String>>,
    pub security_opt: Option<Vec<String>>,
    pub readonly_rootfs: Option<bool>,
    pub memory: Option<i64>,
    pub memory_swap: Option<i64>,
    pub memory_reservation: Option<i64>,
    pub nano_cpus: Option<i64>,
    pub cpu_shares: Option<i64>,
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<i64>,
    pub cpuset_cpus: Option<String>,
    pub pids_limit: Option<i64>,
    pub ulimits: Option<Vec<Ulimit>>,
    pub restart_policy: Option<RestartPolicy>,
    pub network_mode: String,
    pub pid_mode: String,
    pub ipc_mode: String,
    #[serde(rename = "UTSMode")]
    pub uts_mode: String,
    pub userns_mode: String,
    pub cgroupns_mode: String,
    pub cgroup_parent: String,
    pub devices: Option<Vec<DeviceMapping>>,
    pub device_cgroup_rules: Option<Vec<String>>,
    pub device_requests: Option<Vec<serde_json::Value>>,
    pub port_bindings: Option<BTreeMap<String, Option<Vec<PortBinding>>>>,
    pub publish_all_ports: Option<bool>,
    pub binds: Option<Vec<String>>,
    pub mounts: Option<Vec<MountSpec>>,
    pub log_config: Option<LogConfig>,
    pub runtime: String,
    pub init: Option<bool>,
    pub tmpfs: Option<BTreeMap<String, String>>,
    pub sysctls: Option<BTreeMap<String, String>>,
    pub oom_kill_disable: Option<bool>,
    pub group_add: Option<Vec<String>>,
    pub masked_paths: Option<Vec<String>>,
    pub readonly_paths: Option<Vec<String>>,
    pub volumes_from: Option<Vec<String>>,
    pub extra_hosts: Option<Vec<String>>,
    pub dns: Option<Vec<String>>,
    pub shm_size: Option<i64>,
    pub auto_remove: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Ulimit {
    pub name: String,
    pub soft: Option<i64>,
    pub hard: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RestartPolicy {
    /// "", "no", "always", "unless-stopped", "on-failure"
    pub name: String,
    pub maximum_retry_count: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DeviceMapping {
    pub path_on_host: String,
    pub path_in_container: String,
    pub cgroup_permissions: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct PortBinding {
    pub host_ip: String,
    pub host_port: String,
}

/// HostConfig.Mounts entry (the --mount form).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MountSpec {
    pub target: String,
    pub source: String,
    #[serde(rename = "Type")]
    pub kind: String,
    pub read_only: Option<bool>,
    pub bind_options: Option<BindOptions>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct BindOptions {
    pub propagation: String,
}

/// Container.Mounts entry: the mounts as the engine resolved them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MountPoint {
    /// bind, volume, tmpfs, npipe, cluster, image
    #[serde(rename = "Type")]
    pub kind: String,
    pub name: String,
    pub source: String,
    pub destination: String,
    pub driver: String,
    pub mode: String,
    #[serde(rename = "RW")]
    pub rw: Option<bool>,
    pub propagation: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LogConfig {
    #[serde(rename = "Type")]
    pub kind: String,
    pub config: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct NetworkSettings {
    pub ports: Option<BTreeMap<String, Option<Vec<PortBinding>>>>,
    pub networks: Option<BTreeMap<String, EndpointSettings>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct EndpointSettings {
    #[serde(rename = "NetworkID")]
    pub network_id: String,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
}

/// GET /exec/{id}/json, the parts CIS 5.23/5.24 judge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ExecInfo {
    #[serde(rename = "ID")]
    pub id: String,
    pub running: Option<bool>,
    pub process_config: ExecProcessConfig,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExecProcessConfig {
    pub privileged: Option<bool>,
    pub user: String,
    pub entrypoint: String,
    pub arguments: Vec<String>,
}

/// A process of a container, from the host's /proc or the top endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcessInfo {
    pub pid: i64,
    /// Real uid as the host sees it.
    pub uid: Option<u32>,
    /// Effective uid as the host sees it.
    pub euid: Option<u32>,
    /// User name as reported (top endpoint), when no uid was readable.
    pub user: String,
    pub command: String,
    /// "procfs" or "top".
    pub source: String,
}

/// An image: GET /images/{id}/json plus its history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Image {
    pub id: String,
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    pub created: String,
    pub author: String,
    pub architecture: String,
    pub os: String,
    pub size: Option<i64>,
    pub config: ContainerConfig,
    #[serde(rename = "RootFS")]
    pub root_fs: Option<RootFs>,
    /// GET /images/{id}/history, newest first as the engine gives it.
    #[serde(rename = "DockauditHistory")]
    pub history: Vec<HistoryEntry>,
}

impl Image {
    /// A reference to show: first tag, else first digest, else short id.
    pub fn display_name(&self) -> String {
        if let Some(t) = self.repo_tags.iter().find(|t| *t != "<none>:<none>") {
            return t.clone();
        }
        if let Some(d) = self.repo_digests.first() {
            return d.clone();
        }
        let id = self.id.strip_prefix("sha256:").unwrap_or(&self.id);
        id[..id.len().min(12)].to_string()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RootFs {
    #[serde(rename = "Type")]
    pub kind: String,
    pub layers: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct HistoryEntry {
    pub id: String,
    /// Unix seconds.
    pub created: Option<i64>,
    pub created_by: String,
    pub tags: Option<Vec<String>>,
    pub size: Option<i64>,
    pub comment: String,
}

/// GET /networks/{id}.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Network {
    pub name: String,
    pub id: String,
    pub driver: String,
    pub scope: String,
    pub internal: Option<bool>,
    #[serde(rename = "EnableIPv6")]
    pub enable_ipv6: Option<bool>,
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
}

/// GET /volumes entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Volume {
    pub name: String,
    pub driver: String,
    pub mountpoint: String,
    pub labels: Option<BTreeMap<String, String>>,
    pub options: Option<BTreeMap<String, String>>,
    pub created_at: String,
}

/// Swarm state. Only present parts are filled; join tokens are never kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SwarmFacts {
    /// inactive, pending, active, error, locked (from /info).
    pub local_node_state: String,
    /// This node is a manager.
    pub control_available: bool,
    /// GET /swarm spec (managers only).
    pub spec: Option<serde_json::Value>,
    /// GET /swarm RootRotationInProgress, TLSInfo, CreatedAt/UpdatedAt.
    pub cluster: Option<serde_json::Value>,
    /// GET /nodes (managers only).
    pub nodes: Option<Vec<serde_json::Value>>,
    /// GET /services (managers only).
    pub services: Option<Vec<serde_json::Value>>,
    /// GET /secrets (managers only): metadata, never data.
    pub secrets: Option<Vec<serde_json::Value>>,
}
