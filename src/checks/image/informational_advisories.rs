//! BASE-114: packages in an image named by informational advisories
//! (unsound, unmaintained), kept apart from vulnerabilities.

use crate::checks::support::vulns::{judge, Scan};
use crate::checks::{Ctx, Outcome};

pub(crate) fn evaluate(ctx: &Ctx) -> Outcome {
    judge(ctx, Scan::ImageInformational)
}
