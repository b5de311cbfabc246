//! HOST-101: containers without SELinux separation on an SELinux engine
//! (CIS 5.3).

use crate::checks::runtime_rules::selinux_label_disabled;
use crate::checks::support::container::{
    judge_security_module, option_turned_off, require_engine_module,
};
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-101",
    slug: "container-selinux-disabled",
    title: "Container runs without SELinux separation",
    section: Section::Host,
    cis: &["5.3"],
    severity: Severity::High,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
    rationale: "On an engine that runs with SELinux (Info.SecurityOptions lists \
        name=selinux) each container gets its own process label (container_t with unique \
        categories) that keeps it away from host files and other containers. \
        `--security-opt label=disable`, `--privileged`, no ProcessLabel at all or the \
        unconfined spc_t type remove that separation. Not applicable when the engine uses \
        AppArmor (HOST-100) or no security module (judged by the host checks); skipped when \
        the engine's security options are unknown. Judged on every container, whatever its \
        state.",
    remediation: "Remove `--security-opt label=disable` and `--privileged` (compose: \
        `security_opt:` entry, `privileged:`); where a label must change use `--security-opt \
        label=type:<type>` or `label=level:<level>`; run dockerd with `--selinux-enabled`. \
        Kubernetes: remove `seLinuxOptions.type: spc_t`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#security-opt"],
    aliases: &["COMPOSE-023"],
    evaluate,
    ..super::RULE
};

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
