//! COMPOSE-010: compose service shares the host UTS namespace (CIS 5.21); the compose
//! mirror of RES-012, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-010",
    slug: "compose-uts-host",
    title: "Compose service shares the host UTS namespace",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.21"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Compose],
    rationale: "`uts: host` makes the service share the host's UTS namespace, the same as the `--uts=host` flag the runtime check RES-012 reports on running containers: the isolation the namespace gives is gone.",
    remediation: "Remove `uts: host` from the service (use the default, or `service:<name>` / `container:<name>` to share with one container only).",
    references: &["https://docs.docker.com/reference/compose-file/services/#uts"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.uts {
        Some(m) if runtime_rules::shares_host_namespace(&m.value) => vec![finding(
            f,
            s,
            "shares the host's UTS namespace (uts: host)",
            setting_evidence(f, s, m, m.value.clone(), "not host"),
        )],
        _ => Vec::new(),
    })
}
