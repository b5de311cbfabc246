//! RES-206: the devicemapper base device size is changed (CIS 2.11).

use crate::checks::support::daemon::{podman_na, setting, setting_source};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};
use crate::facts::daemon::Setting;

pub(crate) fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "storage-opt") {
        return na;
    }
    let s = setting(ctx, "storage-opt");
    match &s {
        Setting::Unknown(r) => {
            Outcome::Skipped(format!("the daemon's storage-opts are unknown: {r}"))
        }
        Setting::Default { .. } => Outcome::pass(1),
        Setting::Set { values, .. } => {
            let findings: Vec<Finding> = values
                .iter()
                // dockerd reads storage option keys case-insensitively.
                .filter(|v| {
                    v.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("dm.basesize")
                })
                .map(|v| {
                    Finding::new(
                        Subject::daemon(),
                        format!("the base device size is set: {v}"),
                        Evidence::new(setting_source(&s), v.clone(), "dm.basesize not set"),
                    )
                })
                .collect();
            Outcome::from_findings(1, findings, "")
        }
    }
}
