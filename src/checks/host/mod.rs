//! Checks of checklist section: host. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod apparmor_profile;
pub mod selinux_label;

pub mod swarm;

pub mod compose_apparmor_unconfined;
pub mod compose_selinux_disabled;
pub mod overlay_encryption;
pub mod sensitivity;
pub mod swarm_autolock;
pub mod swarm_ca_rotation;
pub mod swarm_managers;
pub mod swarm_mode;
pub mod swarm_node_certs;
pub mod swarm_plane_separation;
pub mod swarm_published_ports;
pub mod swarm_unlock_key;

pub static CHECKS: &[&Check] = &[
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
    &compose_apparmor_unconfined::CHECK,
    &compose_selinux_disabled::CHECK,
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
