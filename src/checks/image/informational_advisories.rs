//! BASE-114: packages in an image named by informational advisories
//! (unsound, unmaintained), kept apart from vulnerabilities.

use crate::checks::support::vulns::{judge, Kind};
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "BASE-114",
    slug: "image-unmaintained-packages",
    title: "Image has packages flagged unmaintained or unsound",
    severity: Severity::Low,
    item: "Images scanned for known vulnerabilities against an offline advisory database",
    needs: &[Need::Vulns],
    rationale: "An unmaintained package gets no fixes for the flaws found next; an unsound one \
        can break memory safety from safe code. Advisory databases (RustSec) publish these as \
        informational records: not vulnerabilities, but debts an auditor lists.",
    remediation: "Move to the maintained replacement the advisory names, or record the decision \
        to keep the package as a `[[vex]]` statement in dockaudit.toml.",
    references: &["https://rustsec.org/categories/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(
        ctx,
        "image",
        Kind::Informational,
        "no image was inventoried",
    )
}
