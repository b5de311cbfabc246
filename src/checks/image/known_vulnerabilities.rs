//! BASE-113: packages in an image with known vulnerabilities, matched offline
//! against the imported advisories (CIS 4.4's scan, automated).

use crate::checks::support::vulns::{judge, Scan};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(ctx, Scan::ImageVulnerabilities)
}
