//! COMPOSE-027: compose service discards its logs (no CIS control); the compose
//! mirror of MON-100, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-027",
    slug: "compose-log-driver-none",
    title: "Compose service discards its logs",
    section: Section::Monitoring,
    scope: Scope::Compose,
    cis: &[],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Container logs captured: log driver is not none",
    needs: &[Need::Compose],
    rationale: "With the `none` log driver the service's output is thrown away: no trace of an incident. Same judgement as MON-100 (runtime_rules::log_driver_discards).",
    remediation: "Remove `logging: {driver: none}` or use a driver that keeps or forwards logs (`journald`, `syslog`, `fluentd`, `local`).",
    references: &["https://docs.docker.com/reference/compose-file/services/#logging"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.logging_driver {
        Some(d) if runtime_rules::log_driver_discards(&d.value) => vec![finding(
            f,
            s,
            "log driver is none: the service's output is discarded",
            setting_evidence(
                f,
                s,
                d,
                d.value.clone(),
                "a log driver that keeps or forwards logs",
            ),
        )],
        _ => Vec::new(),
    })
}
