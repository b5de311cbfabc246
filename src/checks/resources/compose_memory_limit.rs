//! COMPOSE-012: compose service has no memory limit (CIS 5.11); the compose
//! mirror of RES-014, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, missing_evidence, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-012",
    slug: "compose-no-memory-limit",
    title: "Compose service has no memory limit",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.11"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set",
    needs: &[Need::Compose],
    rationale: "Without a memory limit one service can exhaust the host's memory and get other containers or host processes killed. Same rule as RES-014 (runtime_rules::memory_unlimited); both `mem_limit` and `deploy.resources.limits.memory` count.",
    remediation: "Set `mem_limit: 512m` (or `deploy: {resources: {limits: {memory: 512M}}}`) on the service.",
    references: &["https://docs.docker.com/reference/compose-file/services/#mem_limit"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        if !runtime_rules::memory_unlimited(s.memory.as_ref().map(|m| m.value)) {
            return Vec::new();
        }
        let set = s.memory.as_ref();
        let ev = match set {
            Some(v) => setting_evidence(f, s, v, v.value.to_string(), "memory limit above 0"),
            None => missing_evidence(f, s, "mem_limit", "absent", "memory limit set"),
        };
        vec![finding(
            f,
            s,
            "has no memory limit (mem_limit absent or 0)",
            ev,
        )]
    })
}
