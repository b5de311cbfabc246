//! RES-010: containers sharing the host's PID namespace (CIS 5.16).
//! A container joining another one's PID namespace (`container:x`, compose
//! `service:x`) is judged by where the reference leads; one that cannot be
//! followed (a target not in the audit) is a low finding, never a pass.

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Ctx, Outcome};
use crate::subject::Namespace;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, Namespace::Pid)
}
