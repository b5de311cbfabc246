//! HOST-100: containers without an AppArmor profile on an AppArmor engine
//! (CIS 5.2).

use crate::checks::runtime_rules::{apparmor_unconfined, security_opt_value};
use crate::checks::support::container::{
    judge_security_module, option_turned_off, privileged_finding, require_engine_module,
};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let gate = require_engine_module(
        ctx,
        "apparmor",
        "selinux",
        "the engine uses SELinux, not AppArmor (see HOST-101)",
        "the engine reports no AppArmor support (Info.SecurityOptions); whether the host \
             should enable a security module is judged by the host checks",
    );
    judge_security_module(
        ctx,
        // The engine applies no profile to a privileged container unless
        // one is named (`apparmor=PROFILE` still applies).
        |s| {
            if security_opt_value(&s.security_opt.strings(), "apparmor").is_some() {
                return None;
            }
            privileged_finding(s, "runs unconfined by AppArmor")
        },
        gate,
        |s| option_turned_off(s, apparmor_unconfined, "AppArmor", "no apparmor=unconfined"),
        |s| {
            let Some(applied) = &s.apparmor_applied else {
                return vec![];
            };
            let profile = applied.value.as_str();
            let message = match profile {
                "unconfined" if s.privileged.value == Some(true) => {
                    "runs unconfined by AppArmor because it is privileged".to_string()
                }
                "unconfined" => {
                    "runs unconfined by AppArmor (AppArmorProfile is unconfined)".to_string()
                }
                "" => "has no AppArmor profile recorded (AppArmorProfile is empty)".to_string(),
                _ => return vec![],
            };
            vec![s.finding(
                message,
                applied
                    .from
                    .evidence(format!("{profile:?}"), "docker-default or a custom profile"),
            )]
        },
    )
}
