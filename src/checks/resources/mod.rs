//! Checks of checklist section 7, limit container resources. One file per
//! check; this list is the section's part of the registry. Also the loops
//! the container runtime checks share (the rules live in
//! `checks::runtime_rules`).

use super::{Check, Ctx, Finding, Outcome};
use crate::facts::Container;

pub mod aufs;
pub mod base_device_size;
pub mod cap_add;
pub mod cap_drop;
pub mod cgroup_parent;
pub mod compose_unparsed;
pub mod cpu_limit;
pub mod daemon_cgroup_parent;
pub mod daemon_no_new_privileges;
pub mod default_bridge;
pub mod default_ulimits;
pub mod devices;
pub mod df_expose_range;
pub mod df_expose_ssh;
pub mod df_run_insecure;
pub mod exec_common;
pub mod exec_privileged;
pub mod exec_root;
pub mod experimental;
pub mod healthcheck;
pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod host_userns;
pub mod host_uts;
pub mod icc;
pub mod insecure_registries;
pub mod iptables;
pub mod latest_image;
pub mod live_restore;
pub mod memory_limit;
pub mod mount_propagation;
pub mod needed_ports;
pub mod no_new_privileges;
pub mod pids_limit;
pub mod ports_all_interfaces;
pub mod privileged;
pub mod privileged_ports;
pub mod read_only_rootfs;
pub mod restart_policy;
pub mod seccomp;
pub mod seccomp_default;
pub mod sensitive_mounts;
pub mod socket_mount;
pub mod sshd;
pub mod ulimits;
pub mod unhealthy;
pub mod userland_proxy;

pub static CHECKS: &[&Check] = &[
    &compose_unparsed::CHECK,
    &df_expose_ssh::CHECK,
    &df_expose_range::CHECK,
    &df_run_insecure::CHECK,
    &privileged::CHECK,
    &cap_add::CHECK,
    &cap_drop::CHECK,
    &sensitive_mounts::CHECK,
    &sshd::CHECK,
    &privileged_ports::CHECK,
    &needed_ports::CHECK,
    &ports_all_interfaces::CHECK,
    &host_network::CHECK,
    &host_pid::CHECK,
    &host_ipc::CHECK,
    &host_uts::CHECK,
    &host_userns::CHECK,
    &memory_limit::CHECK,
    &cpu_limit::CHECK,
    &pids_limit::CHECK,
    &restart_policy::CHECK,
    &ulimits::CHECK,
    &cgroup_parent::CHECK,
    &read_only_rootfs::CHECK,
    &devices::CHECK,
    &mount_propagation::CHECK,
    &seccomp::CHECK,
    &no_new_privileges::CHECK,
    &healthcheck::CHECK,
    &unhealthy::CHECK,
    &latest_image::CHECK,
    &default_bridge::CHECK,
    &socket_mount::CHECK,
    &exec_privileged::CHECK,
    &exec_root::CHECK,
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

/// Judges every container (created, running, paused, restarting, exited):
/// `judge` returns the container's findings.
pub(crate) fn judge_all(ctx: &Ctx, judge: impl Fn(&Container) -> Vec<Finding>) -> Outcome {
    let containers = ctx.facts.containers();
    let findings = containers.iter().flat_map(&judge).collect();
    Outcome::from_findings(containers.len(), findings, "no containers on this engine")
}

/// One finding per container spec listing its published ports that `bad`
/// selects (CIS 5.8 privileged ports, 5.14 all interfaces).
pub(crate) fn port_finding(
    s: &crate::subject::ContainerSpec,
    bad: impl Fn(&crate::subject::PortView) -> bool,
    message: &str,
    expected: &str,
) -> Vec<Finding> {
    let bad: Vec<_> = s.ports.items.iter().filter(|p| bad(&p.value)).collect();
    let Some(first) = bad.first() else {
        return vec![];
    };
    let rendered = bad
        .iter()
        .map(|p| p.value.render())
        .collect::<Vec<_>>()
        .join(", ");
    vec![s.finding(
        format!("{message}: {rendered}"),
        first.from.evidence(rendered, expected),
    )]
}
