//! RES-009: containers sharing the host's network namespace (CIS 5.10).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "network", |s| &s.network_mode)
}
