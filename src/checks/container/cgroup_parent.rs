//! RES-019: containers placed under a non-default cgroup parent (CIS 5.25).

use crate::checks::runtime_rules::cgroup_parent_nondefault;
use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let p = &s.cgroup_parent;
        let Some(parent) = p.value.as_deref().filter(|v| cgroup_parent_nondefault(v)) else {
            return Ok(vec![]);
        };
        Ok(vec![s.finding(
            format!("runs under cgroup parent {parent:?}: confirm it is intended"),
            p.from.evidence(parent, "the engine default (empty)"),
        )])
    })
}
