//! MON-004: the daemon's default container log driver is local, not
//! centralized (CIS 2.13).

use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Section, Severity, Subject};

pub static CHECK: Check = Check {
    id: "MON-004",
    slug: "no-central-log-driver",
    title: "Default container log driver is not centralized",
    section: Section::Monitoring,
    cis: &["2.13"],
    severity: Severity::Medium,
    item: "Container logs captured: central drivers preferred to local json-file",
    needs: &[Need::Engine],
    rationale: "Containers are short-lived: with json-file or local their logs disappear with \
        the container and stay on the host. A central driver (syslog, journald forwarded, \
        fluentd, gelf, awslogs, splunk, ...) keeps them.",
    remediation: "Set a central default driver in /etc/docker/daemon.json, e.g. \
        `\"log-driver\": \"syslog\", \"log-opts\": {\"syslog-address\": \"tcp://logs.internal:514\"}` \
        (or journald with journal forwarding), then restart the engine.",
    references: &["https://docs.docker.com/engine/logging/configure/"],
    aliases: &["docker-bench 2.13"],
    evaluate,
    ..super::RULE
};

pub const CENTRAL: &[&str] = &[
    "syslog",
    "journald",
    "gelf",
    "fluentd",
    "awslogs",
    "splunk",
    "gcplogs",
    "logentries",
    "etwlogs",
];

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let d = e.info.logging_driver.trim();
    if d.is_empty() {
        return Outcome::Skipped("the engine reported no LoggingDriver".into());
    }
    // Plugin drivers are named repo/name[:tag]: remote shipping by design.
    if CENTRAL.contains(&d) || d.contains('/') {
        return Outcome::pass(1);
    }
    Outcome::Fail {
        findings: vec![Finding::new(
            Subject::daemon(),
            format!("the default log driver is {d}, which keeps logs on the host"),
            Evidence::new("engine: /info LoggingDriver", d, CENTRAL.join(", ")),
        )],
        observations: vec![],
    }
}
