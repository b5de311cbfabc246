//! Checks of the engine's configuration: daemon.json, the dockerd command
//! line and the engine's /info and /version (icc, iptables, registries,
//! TLS, user namespaces, logging, ulimits, seccomp, storage driver, version).
//! Pure functions of the daemon and engine facts; no I/O here.

use super::{Check, Section};

pub mod authz_plugin;
pub mod base_device_size;
pub mod cgroup_parent;
pub mod config_secrets;
pub mod daemon_json_malformed;
pub mod default_log_driver;
pub mod default_ulimits;
pub mod engine_version;
pub mod experimental;
pub mod icc;
pub mod insecure_registries;
pub mod iptables;
pub mod live_restore;
pub mod log_level;
pub mod no_new_privileges;
pub mod option_conflict;
pub mod runs_as_root;
pub mod seccomp_default;
pub mod storage_driver;
pub mod tcp_without_tls;
pub mod userland_proxy;
pub mod userns_remap;

/// What most daemon checks share: automated host-scope checks of checklist
/// section 7; a check writes what differs and ends with `..super::RULE`.
pub const RULE: Check = Check {
    section: Section::Resources,
    ..super::BASE
};
