//! COMPOSE-007: compose service uses the host network (CIS 5.10); the compose
//! mirror of RES-009, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-007",
    slug: "compose-network-mode-host",
    title: "Compose service uses the host network",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Compose],
    rationale: "`network_mode: host` makes the service share the host's network namespace, the same as the `--network=host` flag the runtime check RES-009 reports on running containers: the isolation the namespace gives is gone.",
    remediation: "Remove `network_mode: host` from the service (use the default, or `service:<name>` / `container:<name>` to share with one container only).",
    references: &["https://docs.docker.com/reference/compose-file/services/#network_mode"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.network_mode {
        Some(m) if runtime_rules::shares_host_namespace(&m.value) => vec![finding(
            f,
            s,
            "shares the host's network namespace (network_mode: host)",
            setting_evidence(f, s, m, m.value.clone(), "not host"),
        )],
        _ => Vec::new(),
    })
}
