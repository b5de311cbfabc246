//! RES-201: the engine may not manage iptables (CIS 2.4).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "iptables",
        true,
        true,
        "the engine does not manage iptables rules",
    )
}
