//! COMPOSE-020: compose service disables its health check (CIS 5.27); the compose
//! mirror of RES-025, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-020",
    slug: "compose-healthcheck-disabled",
    title: "Compose service disables its health check",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.27"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Compose],
    rationale: "A disabled health check (`healthcheck: {disable: true}` or `test: [\"NONE\"]`) turns off the image's own check, so the engine and orchestrator cannot tell a hung service. Same judgement as RES-025 (runtime_rules::healthcheck_state). A service without `healthcheck:` inherits its image's HEALTHCHECK, which the compose file does not show: it is not a finding here (the image checks judge it).",
    remediation: "Remove `disable: true` / `test: [\"NONE\"]`, or define `healthcheck: {test: [\"CMD\", \"/app/healthcheck\"], interval: 30s}`.",
    references: &["https://docs.docker.com/reference/compose-file/services/#healthcheck"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.healthcheck {
        Some(h)
            if h.value.disable
                || runtime_rules::healthcheck_state(Some(&h.value.test))
                    == runtime_rules::HealthcheckState::Disabled =>
        {
            let observed = if h.value.disable {
                "disable: true".to_string()
            } else {
                format!("test: {:?}", h.value.test)
            };
            vec![finding(
                f,
                s,
                format!("health check disabled ({observed})"),
                setting_evidence(f, s, h, observed.clone(), "a health check test"),
            )]
        }
        _ => Vec::new(),
    })
}
