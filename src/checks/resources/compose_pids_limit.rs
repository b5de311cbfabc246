//! COMPOSE-014: compose service has no pids limit (CIS 5.29); the compose
//! mirror of RES-016, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, missing_evidence, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-014",
    slug: "compose-no-pids-limit",
    title: "Compose service has no pids limit",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.29"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set",
    needs: &[Need::Compose],
    rationale: "Without a pids limit a fork bomb in one service takes the host's process table. Same rule as RES-016 (runtime_rules::pids_unlimited); `pids_limit` and `deploy.resources.limits.pids` count.",
    remediation: "Set `pids_limit: 200` (or `deploy: {resources: {limits: {pids: 200}}}`) on the service.",
    references: &["https://docs.docker.com/reference/compose-file/services/#pids_limit"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        if !runtime_rules::pids_unlimited(s.pids_limit.as_ref().map(|v| v.value)) {
            return Vec::new();
        }
        let set = s.pids_limit.as_ref();
        let ev = match set {
            Some(v) => setting_evidence(f, s, v, v.value.to_string(), "pids limit above 0"),
            None => missing_evidence(f, s, "pids_limit", "absent", "pids limit set"),
        };
        vec![finding(
            f,
            s,
            "has no pids limit (pids_limit absent or 0)",
            ev,
        )]
    })
}
