//! RES-018: ulimits overridden at runtime (CIS 5.19, manual): lists the
//! containers that override the daemon's default ulimits.

use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Mode, Need, Observation, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-018",
    slug: "ulimit-override",
    title: "Container overrides the default ulimits",
    scope: Scope::Host,
    cis: &["5.19"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
    rationale: "The daemon's default ulimits (`default-ulimits`) should fit most containers; \
        CIS 5.19 asks that per-container overrides be made only where needed. Whether an \
        override is needed is not in the facts, so the check lists every override \
        (HostConfig.Ulimits) for the auditor.",
    remediation: "Remove `--ulimit` overrides that are not needed (compose: `ulimits:`); set \
        shared values once with `\"default-ulimits\"` in /etc/docker/daemon.json.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#ulimit"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = ctx
        .facts
        .containers()
        .iter()
        .filter_map(|c| {
            let limits = c.host_config.ulimits.as_ref().filter(|u| !u.is_empty())?;
            let shown: Vec<String> = limits
                .iter()
                .map(|u| {
                    let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_else(|| "?".into());
                    format!("{}={}:{}", u.name, n(u.soft), n(u.hard))
                })
                .collect();
            Some(Observation {
                subject: container_subject(c),
                message: format!("overrides ulimits: {}", shown.join(", ")),
                source: inspect_field("HostConfig.Ulimits"),
            })
        })
        .collect();
    Outcome::manual(
        "The daemon's default-ulimits (daemon.json or dockerd --default-ulimit) and, for each \
         container listed, the reason its override is needed.",
    )
    .with_observations(observations)
}
