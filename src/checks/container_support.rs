//! The loop every container rule shares: it judges each container spec
//! (engine containers, compose services, workload containers) and turns
//! the findings into one outcome. Pure: the specs come from
//! `crate::adapt`.

use super::{Ctx, Finding, Observation, Outcome};
use crate::subject::ContainerSpec;

/// A rule's verdict on one spec: its findings, or why it could not judge
/// that spec (the fact it needs is missing from this input).
pub type Judged = Result<Vec<Finding>, String>;

/// Judges every container spec of the facts.
pub fn judge_specs(ctx: &Ctx, judge: impl Fn(&ContainerSpec) -> Judged) -> Outcome {
    judge_specs_where(ctx, |_| true, "", judge)
}

/// Judges the specs `keep` selects (e.g. running containers only); a
/// spec left out is neither judged nor counted. `none_reason` says why
/// nothing was selected when specs exist.
pub fn judge_specs_where(
    ctx: &Ctx,
    keep: impl Fn(&ContainerSpec) -> bool,
    none_reason: &str,
    judge: impl Fn(&ContainerSpec) -> Judged,
) -> Outcome {
    let specs = crate::adapt::container_specs(ctx.facts);
    let total = specs.len();
    let mut checked = 0;
    let mut findings = Vec::new();
    let mut not_judged = Vec::new();
    for s in specs.iter().filter(|s| keep(s)) {
        match judge(s) {
            Ok(f) => {
                checked += 1;
                findings.extend(f);
            }
            Err(reason) => not_judged.push(Observation {
                subject: s.subject.clone(),
                message: format!("not judged: {reason}"),
                source: String::new(),
            }),
        }
    }
    if checked == 0 && !not_judged.is_empty() {
        let first = not_judged[0].message.trim_start_matches("not judged: ");
        return Outcome::Skipped(if not_judged.len() == 1 {
            first.to_string()
        } else {
            format!(
                "no container could be judged ({} of them): {first}",
                not_judged.len()
            )
        });
    }
    let none = if total == 0 {
        "no containers, services or workloads to judge"
    } else {
        none_reason
    };
    Outcome::from_findings(checked, findings, none).with_observations(not_judged)
}
