//! MON-003: the daemon log level is not info (CIS 2.3).

use crate::checks::support::daemon::{podman_na, setting, setting_observed, setting_source};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};
use crate::facts::daemon::Setting;

crate::checks::meta!();

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
