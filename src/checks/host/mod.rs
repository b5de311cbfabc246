//! Checks of the container host: partitions, kernel, packages, users and
//! groups, auditd rules, file ownership and permissions, security modules,
//! listening services, log forwarding and content-trust keys. Pure functions
//! of the host facts; no I/O here.

use super::{Check, Need};

pub mod audit_rules;
pub mod content_trust;
pub mod data_root_partition;
pub mod dev_tools;
pub mod docker_group;
pub mod engine_logs;
pub mod engine_vulnerabilities;
pub mod file_permissions;
pub mod hardening;
pub mod kernel_sysctls;
pub mod listening_services;
pub mod log_forwarding;
pub mod lsm_enabled;
pub mod old_kernel;
pub mod patched;
pub mod signing_keys;
pub mod trust_root_keys;

/// What most host checks share: automated, read from the host facts,
/// checklist section 1; a check writes what differs and ends with
/// `..super::RULE`.
pub const RULE: Check = Check {
    needs: &[Need::Host],
    ..super::BASE
};
