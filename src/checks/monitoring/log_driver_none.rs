//! MON-100: containers whose log driver is `none`: their output is
//! discarded.

use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "MON-100",
    slug: "container-logging-disabled",
    title: "Container logging disabled (log driver none)",
    section: Section::Monitoring,
    scope: Scope::Host,
    cis: &[],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Container logs captured: log driver is not `none`",
    needs: &[Need::Containers],
    rationale: "With the `none` log driver the engine throws away everything the container \
        writes to stdout and stderr: no `docker logs`, nothing forwarded, no trace of an \
        attack or a failure. Containers are short-lived, so their logs are often the only \
        record of what they did.",
    remediation: "Remove `--log-driver none` (compose: `logging: driver: none`) and log to a \
        central driver (`--log-driver journald`, `syslog`, `fluentd`, `gelf` ...) or to \
        `local` / `json-file` with rotation.",
    references: &["https://docs.docker.com/engine/logging/configure/"],
    aliases: &[],
    evaluate,
};

/// The log driver of a container, None when the engine did not report it.
pub fn driver(c: &crate::facts::Container) -> Option<&str> {
    c.host_config
        .log_config
        .as_ref()
        .map(|l| l.kind.trim())
        .filter(|k| !k.is_empty())
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    for c in containers {
        let Some(d) = driver(c) else {
            observations.push(Observation {
                subject: container_subject(c),
                message: "log driver not reported (HostConfig.LogConfig.Type empty): not judged"
                    .to_string(),
                source: inspect_field("HostConfig.LogConfig.Type"),
            });
            continue;
        };
        checked += 1;
        if crate::checks::runtime_rules::log_driver_discards(d) {
            findings.push(Finding::new(
                container_subject(c),
                "log driver is none: the container's output is discarded",
                Evidence::new(
                    inspect_field("HostConfig.LogConfig.Type"),
                    "none",
                    "a log driver that keeps or forwards logs",
                ),
            ));
        }
    }
    if checked == 0 && !containers.is_empty() {
        return Outcome::Skipped("no container reported its log driver".to_string());
    }
    Outcome::from_findings(checked, findings, "no containers on this engine")
        .with_observations(observations)
}
