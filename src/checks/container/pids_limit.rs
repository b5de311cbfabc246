//! RES-016: containers without a PIDs limit (CIS 5.29).

use crate::checks::runtime_rules::pids_unlimited;
use crate::checks::support::container::{judge_specs_where, limit_finding};
use crate::checks::{Check, Ctx, Outcome, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "RES-016",
    slug: "pids-unlimited",
    title: "Container has no PIDs limit",
    cis: &["5.29"],
    severity: Severity::Medium,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    rationale: "Without a PIDs cgroup limit a fork bomb in one container exhausts the host's \
        process table. PidsLimit absent, 0 or -1 means unlimited. Judged on every container, \
        whatever its state.",
    remediation: "Set a limit: `docker run --pids-limit 200` (compose: `pids_limit: 200`, or \
        `deploy.resources.limits.pids: 200`).",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &["COMPOSE-014"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    // A pod spec has no per-container pids limit: the kubelet's
    // podPidsLimit sets it, outside the manifest.
    judge_specs_where(
        ctx,
        |s| s.platform != Platform::Kubernetes,
        "a workload manifest cannot set a pids limit (the kubelet's podPidsLimit does)",
        |s| {
            limit_finding(
                s,
                &s.pids_limit,
                pids_unlimited,
                "PIDs limit",
                "a limit > 0",
            )
        },
    )
}
