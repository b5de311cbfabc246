//! RES-020: writable root filesystems (CIS 5.13).

use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let r = &s.read_only_rootfs;
        if r.value == Some(true) {
            return Ok(vec![]);
        }
        let observed = r
            .value
            .map_or_else(|| "absent".to_string(), |b| b.to_string());
        Ok(vec![s.finding(
            format!(
                "has a writable root filesystem ({} is {observed})",
                r.from.key
            ),
            r.from.evidence(observed, "true"),
        )])
    })
}
