//! MON-102: containers whose logs stay on the host (json-file, local):
//! informational, central drivers are preferred (CIS 2.13 context).

use crate::checks::support::container::judge_log_drivers;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};

crate::checks::meta!();

const CENTRAL: &[&str] = &[
    "syslog",
    "journald",
    "fluentd",
    "gelf",
    "splunk",
    "awslogs",
    "gcplogs",
    "logentries",
    "etwlogs",
];

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_log_drivers(ctx, |c, d, findings, observations| {
        let source = inspect_field("HostConfig.LogConfig.Type");
        if CENTRAL.contains(&d) {
            observations.push(Observation {
                subject: container_subject(c),
                message: format!("logs to the central driver {d}"),
                source,
            });
        } else if d == "json-file" || d == "local" {
            findings.push(Finding::new(
                container_subject(c),
                format!("logs stay on the host ({d} driver)"),
                Evidence::new(source, d, "a central log driver"),
            ));
        } else if d != "none" {
            observations.push(Observation {
                subject: container_subject(c),
                message: format!(
                    "logs to the plugin or unknown driver {d}: confirm where it ships"
                ),
                source,
            });
        }
    })
}
