//! RES-014: containers without a memory limit (CIS 5.11).

use super::judge_all;
use crate::checks::runtime_rules::memory_unlimited;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-014",
    slug: "memory-unlimited",
    title: "Container has no memory limit",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.11"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
    rationale: "Without a memory limit one container can take all of the host's memory and \
        starve the others or the engine itself (denial of service). Memory 0 means \
        unlimited. Judged on every container, whatever its state: the limit applies at \
        each start.",
    remediation: "Set a limit: `docker run --memory 512m` (compose: `mem_limit: 512m`, or \
        `deploy.resources.limits.memory: 512M`); `docker update --memory` changes an \
        existing container.",
    references: &["https://docs.docker.com/engine/containers/resource_constraints/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mem = c.host_config.memory;
        if !memory_unlimited(mem) {
            return vec![];
        }
        let observed = mem
            .map(|m| m.to_string())
            .unwrap_or_else(|| "absent".into());
        vec![Finding::new(
            container_subject(c),
            format!("has no memory limit (HostConfig.Memory is {observed})"),
            Evidence::new(
                inspect_field("HostConfig.Memory"),
                observed,
                "a limit in bytes > 0",
            ),
        )]
    })
}
