//! RES-207: containers may gain new privileges by default (CIS 2.14).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "no-new-privileges",
        false,
        true,
        "containers may gain new privileges by default",
    )
}
