//! RES-011: containers sharing the host's IPC namespace (CIS 5.17).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "IPC", |s| &s.ipc_mode)
}
