//! HOST-101: containers without SELinux separation on an SELinux engine
//! (CIS 5.3).

use crate::checks::runtime_rules::selinux_label_disabled;
use crate::checks::support::container::{
    judge_security_module, option_turned_off, require_engine_module,
};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let gate = require_engine_module(
        ctx,
        "selinux",
        "apparmor",
        "the engine uses AppArmor, not SELinux (see HOST-100)",
        "the engine does not run with SELinux (Info.SecurityOptions); whether the host \
             should enable a security module is judged by the host checks",
    );
    judge_security_module(
        ctx,
        "SELinux",
        gate,
        |s| {
            option_turned_off(
                s,
                selinux_label_disabled,
                "SELinux labelling",
                "no label=disable",
            )
        },
        |s| {
            let Some(applied) = &s.selinux_applied else {
                return vec![];
            };
            let label = applied.value.as_str();
            let message = if label.is_empty() && s.privileged.value == Some(true) {
                "has no SELinux process label because it is privileged".to_string()
            } else if label.is_empty() {
                "has no SELinux process label (ProcessLabel is empty)".to_string()
            } else if label
                .split(':')
                .nth(2)
                .is_some_and(|t| t == "spc_t" || t == "unconfined_t")
            {
                format!("runs with the unconfined SELinux type ({label})")
            } else {
                return vec![];
            };
            vec![s.finding(
                message,
                applied.from.evidence(
                    format!("{label:?}"),
                    "a confined label such as system_u:system_r:container_t:s0:c1,c2",
                ),
            )]
        },
    )
}
