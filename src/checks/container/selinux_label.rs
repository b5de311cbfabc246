//! HOST-101: containers without SELinux separation on an SELinux engine
//! (CIS 5.3).

use crate::checks::runtime_rules::{security_opt_value, selinux_label_disabled};
use crate::checks::support::container::{
    judge_security_module, option_turned_off, privileged_finding, require_engine_module,
};
use crate::checks::{Ctx, Outcome};
use crate::subject::Platform;

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
        // The engine disables labelling for a privileged container and (a
        // compose service run by the engine) one sharing the host's PID or
        // IPC namespace, unless a label option is given.
        |s| {
            if security_opt_value(&s.security_opt.strings(), "label").is_some() {
                return None;
            }
            if let Some(f) = privileged_finding(s, "runs without SELinux labelling") {
                return Some(f);
            }
            if s.platform != Platform::Compose {
                return None;
            }
            let (m, ns) = [(&s.pid_mode, "PID"), (&s.ipc_mode, "IPC")]
                .into_iter()
                .find(|(m, _)| m.value.as_deref() == Some("host"))?;
            Some(s.finding(
                format!(
                    "runs without SELinux labelling because it shares the host's {ns} namespace ({} is host)",
                    m.from.key
                ),
                m.from.evidence("host", "a private namespace, or a label option"),
            ))
        },
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
