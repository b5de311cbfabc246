//! Checks judged per container: every container spec (engine containers,
//! compose services, Kubernetes workloads) and the engine-only container
//! checks (execs, health, logs, ports, images in use, secrets in use). Pure
//! functions of the facts; no I/O here.

use super::{Check, Need, Scope, Section};

pub mod apparmor_profile;
pub mod cap_add;
pub mod cap_drop;
pub mod cgroup_parent;
pub mod cpu_limit;
pub mod credential_mount;
pub mod default_bridge;
pub mod devices;
pub mod digest_pinning;
pub mod env_secrets;
pub mod exec_privileged;
pub mod exec_root;
pub mod healthcheck;
pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod host_userns;
pub mod host_uts;
pub mod latest_image;
pub mod log_not_central;
pub mod log_rotation;
pub mod logging_disabled;
pub mod memory_limit;
pub mod mount_propagation;
pub mod needed_ports;
pub mod no_new_privileges;
pub mod outdated_image;
pub mod pids_limit;
pub mod ports_all_interfaces;
pub mod privileged;
pub mod privileged_ports;
pub mod read_only_rootfs;
pub mod restart_policy;
pub mod seccomp;
pub mod secret_rotation;
pub mod secrets_mechanism;
pub mod selinux_label;
pub mod sensitive_mounts;
pub mod sensitivity_levels;
pub mod socket_mount;
pub mod spec_file_unread;
pub mod sprawl;
pub mod sshd;
pub mod system_paths;
pub mod ulimits;
pub mod unhealthy;
pub mod user_root;

/// What most container checks share: automated, judged on every container
/// spec, checklist section 7; a check writes what differs and ends with
/// `..super::RULE`.
pub const RULE: Check = Check {
    section: Section::Resources,
    scope: Scope::Container,
    needs: &[Need::ContainerSpecs],
    ..super::BASE
};
