//! RES-025: running containers without a healthcheck (CIS 5.27).

use crate::checks::runtime_rules::{healthcheck_state, HealthcheckState};
use crate::checks::support::container::judge_specs_where;
use crate::checks::{Ctx, Outcome};
use crate::subject::Platform;

crate::checks::meta!();

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
