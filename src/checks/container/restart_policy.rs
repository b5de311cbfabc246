//! RES-017: restart policies without a bound (CIS 5.15).

use crate::checks::runtime_rules::{restart_policy_problem, MAX_RESTART_RETRIES};
use crate::checks::support::container::judge_specs_where;
use crate::checks::{Ctx, Outcome};
use crate::subject::Platform;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    // A pod's restartPolicy restarts with the kubelet's growing back-off:
    // it has no retry count to bound, so workload containers are not judged.
    judge_specs_where(
        ctx,
        |s| s.platform != Platform::Kubernetes,
        "a pod's restart policy has no retry bound to judge (the kubelet backs off)",
        |s| {
            Ok(s.restart
                .items
                .iter()
                .filter_map(|r| {
                    let problem = restart_policy_problem(&r.value.name, r.value.max_retries)?;
                    Some(s.finding(
                        format!("restart policy is unbounded: {problem}"),
                        r.from.evidence(
                            r.value.written.clone(),
                            format!(
                            "\"no\", or \"on-failure\" with at most {MAX_RESTART_RETRIES} retries"
                        ),
                        ),
                    ))
                })
                .collect())
        },
    )
}
