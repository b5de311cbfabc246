//! RES-018: ulimits overridden at runtime (CIS 5.19, manual): lists the
//! containers that override the daemon's default ulimits.

use crate::checks::support::container::spec_observations;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-018",
    slug: "ulimit-override",
    title: "Container overrides the default ulimits",
    scope: Scope::Container,
    cis: &["5.19"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::ContainerSpecs],
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
    let observations = spec_observations(ctx, |s| {
        (!s.ulimits.is_empty()).then(|| {
            (
                format!("overrides ulimits: {}", s.ulimits.strings().join(", ")),
                s.ulimits.from.source(),
            )
        })
    });
    Outcome::manual(
        "The daemon's default-ulimits (daemon.json or dockerd --default-ulimit) and, for each \
         container listed, the reason its override is needed.",
    )
    .with_observations(observations)
}
