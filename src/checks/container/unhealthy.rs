//! RES-026: running containers whose healthcheck fails (CIS 5.27).

use crate::checks::runtime_rules::{healthcheck_state, HealthcheckState};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let judged: Vec<_> = ctx
        .facts
        .containers()
        .iter()
        .filter(|c| c.is_running())
        .filter(|c| {
            let test = c
                .config
                .healthcheck
                .as_ref()
                .and_then(|h| h.test.as_deref());
            healthcheck_state(test) == HealthcheckState::Defined || c.state.health.is_some()
        })
        .collect();
    let findings = judged
        .iter()
        .filter_map(|c| {
            let h = c.state.health.as_ref()?;
            if h.status != "unhealthy" {
                return None;
            }
            let streak = h
                .failing_streak
                .map(|n| format!(", {n} failures in a row"))
                .unwrap_or_default();
            Some(Finding::new(
                container_subject(c),
                format!("is unhealthy{streak}"),
                Evidence::new(inspect_field("State.Health.Status"), "unhealthy", "healthy"),
            ))
        })
        .collect();
    Outcome::from_findings(
        judged.len(),
        findings,
        "no running container defines a healthcheck",
    )
}
