//! HOST-013: the engine's components (dockerd, containerd, runc, the Go
//! toolchain they were built with) named by Go advisories of their modules
//! (CIS 1.2.2, by advisory rather than by a minimum-version table).

use crate::checks::support::vulns::{judge, Scan};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(ctx, Scan::Engine)
}
