//! RES-012: containers sharing the host's UTS namespace (CIS 5.21).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Ctx, Outcome};
use crate::subject::Namespace;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, Namespace::Uts)
}
