//! RES-017: restart policies without a bound (CIS 5.15).

use crate::checks::runtime_rules::{restart_policy_problem, MAX_RESTART_RETRIES};
use crate::checks::support::container::judge_specs_where;
use crate::checks::{Check, Ctx, Outcome, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "RES-017",
    slug: "restart-policy-unbounded",
    title: "Container restart policy is unbounded",
    cis: &["5.15"],
    severity: Severity::Low,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    rationale: "A container that keeps failing and is restarted without a bound burns host \
        resources and hides the failure. CIS 5.15 asks for `on-failure` with at most 5 \
        retries; the checklist asks for a bounded policy, so `always` and `unless-stopped` \
        are findings too. No policy (\"no\") passes. Low severity: the risk is resource \
        exhaustion, not an escape. Judged on every container, whatever its state.",
    remediation: "Use `docker run --restart on-failure:5` (compose: `restart: \
        \"on-failure:5\"`, or `deploy.restart_policy: {condition: on-failure, \
        max_attempts: 5}`); `docker update --restart on-failure:5` changes an existing \
        container.",
    references: &["https://docs.docker.com/engine/containers/start-containers-automatically/"],
    aliases: &["COMPOSE-015"],
    evaluate,
    ..super::RULE
};

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
