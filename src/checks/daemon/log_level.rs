//! MON-003: the daemon log level is not info (CIS 2.3).

use crate::checks::support::daemon::{podman_na, setting, setting_observed, setting_source};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Section, Severity, Subject};
use crate::facts::daemon::Setting;

pub static CHECK: Check = Check {
    id: "MON-003",
    slug: "daemon-log-level-not-info",
    title: "Daemon log level is not info",
    section: Section::Monitoring,
    cis: &["2.3"],
    severity: Severity::Low,
    item: "Daemon log level is info (not debug, not silenced)",
    needs: &[Need::Daemon],
    rationale: "At warn, error or fatal the daemon drops the events an investigation needs; at \
        debug it logs request bodies and floods the log store.",
    remediation: "Remove --log-level / -D from the dockerd command line and \"log-level\" / \
        \"debug\" from daemon.json, or set `\"log-level\": \"info\"`.",
    references: &["https://docs.docker.com/reference/cli/dockerd/"],
    aliases: &["docker-bench 2.3"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "log-level") {
        return na;
    }
    let level = setting(ctx, "log-level");
    let debug = setting(ctx, "debug");
    let info_debug = ctx.facts.engine.get().and_then(|e| e.info.debug);
    let mut findings = Vec::new();
    if info_debug == Some(true) || debug.bool_or(false) == Some(true) {
        findings.push(Finding::new(
            Subject::daemon(),
            "the daemon runs in debug mode",
            Evidence::new(
                if info_debug == Some(true) {
                    "engine: /info Debug".to_string()
                } else {
                    setting_source(&debug)
                },
                "debug true",
                "debug false, log-level info",
            ),
        ));
    }
    match &level {
        Setting::Unknown(r) => {
            if findings.is_empty() {
                return Outcome::Skipped(format!("the daemon log level is unknown: {r}"));
            }
        }
        Setting::Default { .. } => {}
        Setting::Set { values, .. } => {
            let v = values
                .last()
                .map(|v| v.to_ascii_lowercase())
                .unwrap_or_default();
            if v != "info" {
                findings.push(Finding::new(
                    Subject::daemon(),
                    format!("the daemon log level is {v}"),
                    Evidence::new(
                        setting_source(&level),
                        setting_observed(&level, "info"),
                        "info",
                    ),
                ));
            }
        }
    }
    Outcome::from_findings(1, findings, "")
}
