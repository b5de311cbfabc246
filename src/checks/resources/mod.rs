//! Checks of checklist section 7, limit container resources. One file per
//! check; this list is the section's part of the registry.

use super::Check;

pub mod aufs;
pub mod base_device_size;
pub mod daemon_cgroup_parent;
pub mod daemon_no_new_privileges;
pub mod default_ulimits;
pub mod experimental;
pub mod icc;
pub mod insecure_registries;
pub mod iptables;
pub mod live_restore;
pub mod privileged;
pub mod seccomp_default;
pub mod userland_proxy;

pub static CHECKS: &[&Check] = &[
    &privileged::CHECK,
    &icc::CHECK,
    &iptables::CHECK,
    &insecure_registries::CHECK,
    &aufs::CHECK,
    &default_ulimits::CHECK,
    &daemon_cgroup_parent::CHECK,
    &base_device_size::CHECK,
    &daemon_no_new_privileges::CHECK,
    &live_restore::CHECK,
    &userland_proxy::CHECK,
    &seccomp_default::CHECK,
    &experimental::CHECK,
];
