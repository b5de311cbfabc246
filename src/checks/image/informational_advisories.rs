//! BASE-114: packages in an image named by informational advisories
//! (unsound, unmaintained), kept apart from vulnerabilities.

use crate::checks::support::vulns::{judge, Scan};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(ctx, Scan::ImageInformational)
}
