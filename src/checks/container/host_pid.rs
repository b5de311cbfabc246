//! RES-010: containers sharing the host's PID namespace (CIS 5.16).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "PID", |s| &s.pid_mode)
}
