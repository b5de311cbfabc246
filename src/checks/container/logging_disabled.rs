//! MON-100: containers whose log driver is `none`: their output is
//! discarded.

use crate::checks::runtime_rules::log_driver_discards;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "MON-100",
    slug: "container-logging-disabled",
    title: "Container logging disabled (log driver none)",
    section: Section::Monitoring,
    severity: Severity::High,
    item: "Container logs captured: log driver is not `none`",
    rationale: "With the `none` log driver the engine throws away everything the container \
        writes to stdout and stderr: no `docker logs`, nothing forwarded, no trace of an \
        attack or a failure. Containers are short-lived, so their logs are often the only \
        record of what they did.",
    remediation: "Remove `--log-driver none` (compose: `logging: driver: none`) and log to a \
        central driver (`--log-driver journald`, `syslog`, `fluentd`, `gelf` ...) or to \
        `local` / `json-file` with rotation.",
    references: &["https://docs.docker.com/engine/logging/configure/"],
    aliases: &["COMPOSE-027"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let d = &s.log_driver;
        match d.value.as_deref() {
            // An engine always reports the driver it applied.
            None if s.platform == Platform::Engine => {
                Err(format!("log driver not reported ({} empty)", d.from.key))
            }
            Some(v) if log_driver_discards(v) => Ok(vec![s.finding(
                "log driver is none: the container's output is discarded",
                d.from
                    .evidence(v, "a log driver that keeps or forwards logs"),
            )]),
            _ => Ok(vec![]),
        }
    })
}
