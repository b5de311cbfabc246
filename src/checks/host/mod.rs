//! Checks of checklist section: host. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod apparmor_profile;
pub mod audit_1_1_10;
pub mod audit_1_1_11;
pub mod audit_1_1_12;
pub mod audit_1_1_13;
pub mod audit_1_1_14;
pub mod audit_1_1_15;
pub mod audit_1_1_16;
pub mod audit_1_1_17;
pub mod audit_1_1_18;
pub mod audit_1_1_3;
pub mod audit_1_1_4;
pub mod audit_1_1_5;
pub mod audit_1_1_6;
pub mod audit_1_1_7;
pub mod audit_1_1_8;
pub mod audit_1_1_9;
pub mod containerd_socket_perms;
pub mod daemon_json_malformed;
pub mod daemon_json_perms;
pub mod daemon_option_conflict;
pub mod data_root_partition;
pub mod dev_tools;
pub mod docker_service_perms;
pub mod docker_socket_unit_perms;
pub mod engine_version;
pub mod etc_default_docker_perms;
pub mod etc_docker_perms;
pub mod etc_sysconfig_docker_perms;
pub mod host_hardened;
pub mod hosts_patched;
pub mod kernel_sysctls;
pub mod listening_services;
pub mod lsm_enabled;
pub mod old_kernel;
pub mod overlay_encryption;
pub mod registry_cert_perms;
pub mod selinux_label;
pub mod sensitivity;
pub mod swarm;
pub mod swarm_autolock;
pub mod swarm_ca_rotation;
pub mod swarm_managers;
pub mod swarm_mode;
pub mod swarm_node_certs;
pub mod swarm_plane_separation;
pub mod swarm_published_ports;
pub mod swarm_unlock_key;
pub mod tls_ca_perms;
pub mod tls_cert_perms;
pub mod tls_key_perms;

pub static CHECKS: &[&Check] = &[
    &data_root_partition::CHECK,
    &old_kernel::CHECK,
    &kernel_sysctls::CHECK,
    &host_hardened::CHECK,
    &lsm_enabled::CHECK,
    &engine_version::CHECK,
    &dev_tools::CHECK,
    &listening_services::CHECK,
    &hosts_patched::CHECK,
    &daemon_json_malformed::CHECK,
    &daemon_option_conflict::CHECK,
    &docker_service_perms::CHECK,
    &docker_socket_unit_perms::CHECK,
    &etc_docker_perms::CHECK,
    &registry_cert_perms::CHECK,
    &tls_ca_perms::CHECK,
    &tls_cert_perms::CHECK,
    &tls_key_perms::CHECK,
    &daemon_json_perms::CHECK,
    &etc_default_docker_perms::CHECK,
    &etc_sysconfig_docker_perms::CHECK,
    &containerd_socket_perms::CHECK,
    &audit_1_1_3::CHECK,
    &audit_1_1_4::CHECK,
    &audit_1_1_5::CHECK,
    &audit_1_1_6::CHECK,
    &audit_1_1_7::CHECK,
    &audit_1_1_8::CHECK,
    &audit_1_1_9::CHECK,
    &audit_1_1_10::CHECK,
    &audit_1_1_11::CHECK,
    &audit_1_1_12::CHECK,
    &audit_1_1_13::CHECK,
    &audit_1_1_14::CHECK,
    &audit_1_1_15::CHECK,
    &audit_1_1_16::CHECK,
    &audit_1_1_17::CHECK,
    &audit_1_1_18::CHECK,
    &apparmor_profile::CHECK,
    &selinux_label::CHECK,
    &sensitivity::CHECK,
    &swarm_mode::CHECK,
    &swarm_managers::CHECK,
    &swarm_published_ports::CHECK,
    &overlay_encryption::CHECK,
    &swarm_autolock::CHECK,
    &swarm_unlock_key::CHECK,
    &swarm_node_certs::CHECK,
    &swarm_ca_rotation::CHECK,
    &swarm_plane_separation::CHECK,
];

/// The security modules the engine reports (Info.SecurityOptions names), or
/// why that is unknown.
pub(crate) fn engine_security_modules(ctx: &super::Ctx) -> Result<Vec<String>, String> {
    let Some(engine) = ctx.facts.engine.get() else {
        return Err("engine facts unavailable: Info.SecurityOptions unknown".to_string());
    };
    let info = &engine.info;
    if info.security_options.is_empty() && info.server_version.is_empty() && info.id.is_empty() {
        return Err(
            "the engine's /info was not collected: Info.SecurityOptions unknown".to_string(),
        );
    }
    Ok(super::runtime_rules::engine_security_names(
        &info.security_options,
    ))
}

/// Gate of the per-container security-module checks (CIS 5.2, 5.3): Ok when
/// the engine runs with `module`; else the outcome to report: skipped when
/// Info.SecurityOptions is unknown, not applicable when the engine uses
/// `other` instead (`other_note`) or no module at all (`none_note`).
pub(crate) fn require_engine_module(
    ctx: &super::Ctx,
    module: &str,
    other: &str,
    other_note: &str,
    none_note: &str,
) -> Result<(), super::Outcome> {
    let modules = engine_security_modules(ctx).map_err(super::Outcome::Skipped)?;
    if modules.iter().any(|m| m == module) {
        return Ok(());
    }
    let note = if modules.iter().any(|m| m == other) {
        other_note
    } else {
        none_note
    };
    Err(super::Outcome::NotApplicable(note.to_string()))
}
