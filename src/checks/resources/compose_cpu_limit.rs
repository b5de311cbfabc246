//! COMPOSE-013: compose service has no CPU limit (CIS 5.12); the compose
//! mirror of RES-015, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, missing_evidence, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-013",
    slug: "compose-no-cpu-limit",
    title: "Compose service has no CPU limit",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.12"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set",
    needs: &[Need::Compose],
    rationale: "Without a CPU limit or relative shares one service can starve the others. Same rule as RES-015 (runtime_rules::cpu_unlimited): `cpus`, `deploy.resources.limits.cpus`, `cpu_quota` or non-default `cpu_shares` count.",
    remediation: "Set `cpus: 0.5` (or `deploy: {resources: {limits: {cpus: '0.5'}}}`) on the service.",
    references: &["https://docs.docker.com/reference/compose-file/services/#cpus"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        if !runtime_rules::cpu_unlimited(
            s.cpu_shares.as_ref().map(|v| v.value),
            s.nano_cpus.as_ref().map(|v| v.value),
            s.cpu_quota.as_ref().map(|v| v.value),
        ) {
            return Vec::new();
        }
        let set = s
            .nano_cpus
            .as_ref()
            .or(s.cpu_quota.as_ref().or(s.cpu_shares.as_ref()));
        let ev = match set {
            Some(v) => setting_evidence(f, s, v, v.value.to_string(), "CPU limit above 0"),
            None => missing_evidence(f, s, "cpus", "absent", "CPU limit set"),
        };
        vec![finding(f, s, "has no CPU limit (cpus absent or 0)", ev)]
    })
}
