//! RES-017: restart policies without a bound (CIS 5.15).

use super::judge_all;
use crate::checks::runtime_rules::{restart_policy_problem, MAX_RESTART_RETRIES};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-017",
    slug: "restart-policy-unbounded",
    title: "Container restart policy is unbounded",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.15"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
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
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let (name, retries) = match &c.host_config.restart_policy {
            Some(p) => (p.name.as_str(), p.maximum_retry_count),
            None => ("", None),
        };
        let Some(problem) = restart_policy_problem(name, retries) else {
            return vec![];
        };
        let observed = format!(
            "Name={name:?} MaximumRetryCount={}",
            retries
                .map(|n| n.to_string())
                .unwrap_or_else(|| "absent".into())
        );
        vec![Finding::new(
            container_subject(c),
            format!("restart policy is unbounded: {problem}"),
            Evidence::new(
                inspect_field("HostConfig.RestartPolicy"),
                observed,
                format!(
                    "\"no\", or \"on-failure\" with MaximumRetryCount 1..{MAX_RESTART_RETRIES}"
                ),
            ),
        )]
    })
}
