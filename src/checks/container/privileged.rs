//! RES-001: containers running privileged (CIS 5.5).

use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let p = &s.privileged;
        Ok(match p.value {
            Some(true) => vec![s.finding(
                format!("runs privileged ({} is true)", p.from.key),
                p.from.evidence("true", "false or absent"),
            )],
            _ => vec![],
        })
    })
}
