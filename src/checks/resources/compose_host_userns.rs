//! COMPOSE-011: compose service shares the host user namespace (CIS 5.31); the compose
//! mirror of RES-013, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-011",
    slug: "compose-userns-mode-host",
    title: "Compose service shares the host user namespace",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.31"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Where root is needed, user-namespace remapping is enabled in the daemon",
    needs: &[Need::Compose],
    rationale: "`userns_mode: host` makes the service share the host's user namespace, the same as the `--userns=host` flag the runtime check RES-013 reports on running containers: the isolation the namespace gives is gone.",
    remediation: "Remove `userns_mode: host` from the service (use the default, or `service:<name>` / `container:<name>` to share with one container only).",
    references: &["https://docs.docker.com/reference/compose-file/services/#userns_mode"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.userns_mode {
        Some(m) if runtime_rules::shares_host_namespace(&m.value) => vec![finding(
            f,
            s,
            "shares the host's user namespace (userns_mode: host)",
            setting_evidence(f, s, m, m.value.clone(), "not host"),
        )],
        _ => Vec::new(),
    })
}
