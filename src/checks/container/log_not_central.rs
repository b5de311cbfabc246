//! MON-102: containers whose logs stay on the host (json-file, local):
//! informational, central drivers are preferred (CIS 2.13 context).

use crate::checks::support::container::log_driver;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "MON-102",
    slug: "container-log-not-central",
    title: "Container logs kept on the host only",
    section: Section::Monitoring,
    scope: Scope::Host,
    cis: &["2.13"],
    severity: Severity::Info,
    item: "Container logs captured: central drivers (syslog, journald, fluentd, gelf, \
        splunk, awslogs, ...) preferred to local json-file",
    needs: &[Need::Containers],
    rationale: "Logs on the container host are lost with the host and can be altered by \
        whoever compromises it; a central log store keeps them out of an attacker's reach \
        and lets short-lived containers be audited after they are gone. CIS 2.13 asks for \
        centralized and remote logging. The containers that log locally (json-file, local) \
        are findings at info severity (the check fails; the exit code only changes with \
        `--fail-on info`); a host-side shipper reading those files may still \
        forward them, which the engine cannot show.",
    remediation: "Log to a central driver: `--log-driver journald` (forwarded by the host's \
        journal), `syslog` with `--log-opt syslog-address=tcp+tls://...`, `fluentd`, \
        `gelf`, or set `\"log-driver\"` in /etc/docker/daemon.json; or document the \
        shipper that forwards the local files.",
    references: &["https://docs.docker.com/engine/logging/configure/"],
    evaluate,
    ..super::RULE
};

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
    let containers = ctx.facts.containers();
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    for c in containers {
        let Some(d) = log_driver(c) else {
            continue;
        };
        checked += 1;
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
    }
    if checked == 0 && !containers.is_empty() {
        return Outcome::Skipped("no container reported its log driver".to_string());
    }
    Outcome::from_findings(checked, findings, "no containers on this engine")
        .with_observations(observations)
}
