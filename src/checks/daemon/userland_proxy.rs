//! RES-209: the userland proxy is enabled (CIS 2.16).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "userland-proxy",
        true,
        false,
        "the userland proxy is enabled",
    )
}
