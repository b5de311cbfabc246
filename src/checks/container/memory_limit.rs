//! RES-014: containers without a memory limit (CIS 5.11).

use crate::checks::runtime_rules::memory_unlimited;
use crate::checks::support::container::{judge_specs, limit_finding};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        limit_finding(
            s,
            &s.memory,
            memory_unlimited,
            "memory limit",
            "a limit in bytes > 0",
        )
    })
}
