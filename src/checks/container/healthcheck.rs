//! RES-025: running containers without a healthcheck (CIS 5.27).

use crate::checks::runtime_rules::{healthcheck_state, HealthcheckState};
use crate::checks::support::container::judge_specs_where;
use crate::checks::{Check, Ctx, Outcome, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "RES-025",
    slug: "healthcheck-missing",
    title: "Running container has no healthcheck",
    cis: &["5.27"],
    severity: Severity::Low,
    item: "Container health checked at runtime (CIS 5.27; filed with the runtime limits)",
    rationale: "Without a healthcheck the engine and orchestrators only know that the process \
        exists, not that it serves: a hung or compromised service stays in rotation. The \
        container's Config.Healthcheck already includes the image's HEALTHCHECK; absent, \
        empty or [\"NONE\"] is a finding. Only running containers are judged (paused and \
        restarting count as running): health is checked at runtime.",
    remediation: "Add a healthcheck: `docker run --health-cmd 'wget -q -O- \
        http://localhost:8080/health || exit 1' --health-interval 30s` (compose: \
        `healthcheck: {test: [\"CMD\", ...], interval: 30s}`), or a HEALTHCHECK in the \
        Dockerfile; remove `--no-healthcheck`.",
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
    aliases: &["COMPOSE-020"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    // Engine containers are judged while they run, on the healthcheck the
    // engine applies (the image's included); a compose service or workload
    // only fails when it turns the health check off (the image's may apply).
    judge_specs_where(
        ctx,
        |s| s.container.is_none_or(|c| c.is_running()),
        "no running containers on this engine",
        |s| {
            let h = &s.healthcheck;
            let (message, observed) = match healthcheck_state(h.value.as_deref()) {
                HealthcheckState::Defined => return Ok(vec![]),
                HealthcheckState::Missing if s.platform != Platform::Engine => return Ok(vec![]),
                HealthcheckState::Missing => (
                    format!("runs without a healthcheck ({} is absent)", h.from.key),
                    "absent".to_string(),
                ),
                HealthcheckState::Disabled => (
                    format!(
                        "has its healthcheck disabled ({} is [\"NONE\"])",
                        h.from.key
                    ),
                    "[\"NONE\"]".to_string(),
                ),
            };
            Ok(vec![s.finding(
                message,
                h.from.evidence(observed, "a Test command"),
            )])
        },
    )
}
