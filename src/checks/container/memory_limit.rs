//! RES-014: containers without a memory limit (CIS 5.11).

use crate::checks::runtime_rules::memory_unlimited;
use crate::checks::support::container::{judge_specs, limit_finding};
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-014",
    slug: "memory-unlimited",
    title: "Container has no memory limit",
    cis: &["5.11"],
    severity: Severity::Medium,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    rationale: "Without a memory limit one container can take all of the host's memory and \
        starve the others or the engine itself (denial of service). Memory 0 means \
        unlimited. Judged on every container, whatever its state: the limit applies at \
        each start.",
    remediation: "Set a limit: `docker run --memory 512m` (compose: `mem_limit: 512m`, or \
        `deploy.resources.limits.memory: 512M`); `docker update --memory` changes an \
        existing container. \
        Kubernetes: `resources.limits.memory`.",
    references: &["https://docs.docker.com/engine/containers/resource_constraints/"],
    aliases: &["COMPOSE-012"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        limit_finding(
            s,
            &s.memory,
            memory_unlimited,
            "memory limit",
            "a limit in bytes > 0",
        )
    })
}
