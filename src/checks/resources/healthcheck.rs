//! RES-025: running containers without a healthcheck (CIS 5.27).

use super::judge_running;
use crate::checks::runtime_rules::{healthcheck_state, HealthcheckState};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-025",
    slug: "healthcheck-missing",
    title: "Running container has no healthcheck",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.27"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Container health checked at runtime (CIS 5.27; filed with the runtime limits)",
    needs: &[Need::Containers],
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
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_running(ctx, |c| {
        let test = c
            .config
            .healthcheck
            .as_ref()
            .and_then(|h| h.test.as_deref());
        let (message, observed) = match healthcheck_state(test) {
            HealthcheckState::Defined => return vec![],
            HealthcheckState::Missing => (
                "runs without a healthcheck (Config.Healthcheck is absent)",
                "absent".to_string(),
            ),
            HealthcheckState::Disabled => (
                "runs with its healthcheck disabled (Config.Healthcheck.Test is [\"NONE\"])",
                "[\"NONE\"]".to_string(),
            ),
        };
        vec![Finding::new(
            container_subject(c),
            message,
            Evidence::new(
                inspect_field("Config.Healthcheck"),
                observed,
                "a Test command",
            ),
        )]
    })
}
