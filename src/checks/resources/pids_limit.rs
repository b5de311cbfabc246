//! RES-016: containers without a PIDs limit (CIS 5.29).

use super::judge_all;
use crate::checks::runtime_rules::pids_unlimited;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-016",
    slug: "pids-unlimited",
    title: "Container has no PIDs limit",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.29"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
    rationale: "Without a PIDs cgroup limit a fork bomb in one container exhausts the host's \
        process table. PidsLimit absent, 0 or -1 means unlimited. Judged on every container, \
        whatever its state.",
    remediation: "Set a limit: `docker run --pids-limit 200` (compose: `pids_limit: 200`, or \
        `deploy.resources.limits.pids: 200`).",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let limit = c.host_config.pids_limit;
        if !pids_unlimited(limit) {
            return vec![];
        }
        let observed = limit
            .map(|n| n.to_string())
            .unwrap_or_else(|| "absent".into());
        vec![Finding::new(
            container_subject(c),
            format!("has no PIDs limit (HostConfig.PidsLimit is {observed})"),
            Evidence::new(
                inspect_field("HostConfig.PidsLimit"),
                observed,
                "a limit > 0",
            ),
        )]
    })
}
