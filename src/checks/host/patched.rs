//! HOST-010: host packages with known vulnerabilities: the host root's
//! package database matched against the imported advisories by source
//! package and the host's release (CIS 1.2.1).

use crate::checks::support::vulns::{judge, Scan};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(ctx, Scan::HostPackages)
}
