//! RES-206: the devicemapper base device size is changed (CIS 2.11).

use crate::checks::support::daemon::{judge_option, setting_source};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_option(ctx, "storage-opt", |values, s| {
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
                    Evidence::new(setting_source(s), v.clone(), "dm.basesize not set"),
                )
            })
            .collect();
        Outcome::from_findings(1, findings, "")
    })
}
