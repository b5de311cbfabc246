//! Checks of checklist section: host. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod apparmor_profile;
pub mod selinux_label;

pub static CHECKS: &[&Check] = &[&apparmor_profile::CHECK, &selinux_label::CHECK];

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
