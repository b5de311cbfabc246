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
pub mod compose_cap_add;
pub mod compose_cap_drop;
pub mod compose_cpu_limit;
pub mod compose_devices;
pub mod compose_healthcheck;
pub mod compose_host_ipc;
pub mod compose_host_network;
pub mod compose_host_pid;
pub mod compose_host_userns;
pub mod compose_host_uts;
pub mod compose_memory_limit;
pub mod compose_mount_propagation;
pub mod compose_no_new_privileges;
pub mod compose_pids_limit;
pub mod compose_ports_all_interfaces;
pub mod compose_privileged;
pub mod compose_privileged_ports;
pub mod compose_read_only;
pub mod compose_restart_policy;
pub mod compose_seccomp;
pub mod compose_sensitive_mounts;
pub mod compose_socket_mount;
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
    &compose_privileged::CHECK,
    &compose_cap_add::CHECK,
    &compose_cap_drop::CHECK,
    &compose_sensitive_mounts::CHECK,
    &compose_privileged_ports::CHECK,
    &compose_ports_all_interfaces::CHECK,
    &compose_host_network::CHECK,
    &compose_host_pid::CHECK,
    &compose_host_ipc::CHECK,
    &compose_host_uts::CHECK,
    &compose_host_userns::CHECK,
    &compose_memory_limit::CHECK,
    &compose_cpu_limit::CHECK,
    &compose_pids_limit::CHECK,
    &compose_restart_policy::CHECK,
    &compose_read_only::CHECK,
    &compose_devices::CHECK,
    &compose_seccomp::CHECK,
    &compose_no_new_privileges::CHECK,
    &compose_healthcheck::CHECK,
    &compose_socket_mount::CHECK,
    &compose_mount_propagation::CHECK,
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

/// Judges running containers only (paused and restarting count as
/// running), for controls that only mean something while a container runs.
pub(crate) fn judge_running(ctx: &Ctx, judge: impl Fn(&Container) -> Vec<Finding>) -> Outcome {
    let running: Vec<&Container> = ctx
        .facts
        .containers()
        .iter()
        .filter(|c| c.is_running())
        .collect();
    let findings = running.iter().flat_map(|c| judge(c)).collect();
    Outcome::from_findings(
        running.len(),
        findings,
        "no running containers on this engine",
    )
}

/// One finding per container listing its published ports that `bad`
/// selects (CIS 5.8 privileged ports, 5.14 all interfaces).
pub(crate) fn port_finding(
    c: &Container,
    bad: impl Fn(&crate::checks::runtime_rules::PortView) -> bool,
    message: &str,
    expected: &str,
) -> Vec<Finding> {
    let bad: Vec<_> = crate::checks::runtime_rules::container_ports(c)
        .into_iter()
        .filter(|p| bad(p))
        .collect();
    let Some(first) = bad.first() else {
        return vec![];
    };
    let rendered = bad
        .iter()
        .map(|p| p.render())
        .collect::<Vec<_>>()
        .join(", ");
    vec![Finding::new(
        crate::checks::support::container_subject(c),
        format!("{message}: {rendered}"),
        crate::checks::Evidence::new(
            crate::checks::support::inspect_field(first.field),
            rendered,
            expected,
        ),
    )]
}

/// A container's SecurityOpt list (empty when absent).
pub(crate) fn security_opts(c: &Container) -> &[String] {
    c.host_config.security_opt.as_deref().unwrap_or(&[])
}

/// A list rendered for evidence: `["a", "b"]`, or `none` when empty.
pub(crate) fn render_list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        format!("{items:?}")
    }
}
