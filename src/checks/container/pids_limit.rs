//! RES-016: containers without a PIDs limit (CIS 5.29).

use crate::checks::runtime_rules::pids_unlimited;
use crate::checks::support::container::{judge_specs_where, limit_finding};
use crate::checks::{Ctx, Outcome};
use crate::subject::Platform;

crate::checks::meta!();

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
