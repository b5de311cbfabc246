//! BASE-113: packages in an image with known vulnerabilities, matched offline
//! against the imported advisories (CIS 4.4's scan, automated).

use crate::checks::support::vulns::{judge, Kind};
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "BASE-113",
    slug: "image-known-vulnerabilities",
    title: "Image has packages with known vulnerabilities",
    cis: &["4.4"],
    severity: Severity::High,
    item: "Images scanned for known vulnerabilities against an offline advisory database",
    needs: &[Need::Vulns],
    rationale: "A package version named in a published advisory is a known way in: exploits for \
        fixed flaws appear within days. Each finding names the advisory, the range that matched \
        (Debian and Alpine packages by their source package and the image's own release, so a \
        backported fix is not reported open), the fixing version and the severity from the \
        advisory's CVSS vector or its publisher's rating.",
    remediation: "Rebuild the image from an updated base (`docker build --pull`) or upgrade the \
        package to the fixed version named in the finding; where no fix exists, remove the \
        package or record the mitigation as a `[[vex]]` statement in dockaudit.toml with its \
        reason and an expiry.",
    references: &[
        "https://ossf.github.io/osv-schema/",
        "https://docs.docker.com/build/building/best-practices/#rebuild-your-images",
    ],
    aliases: &["docker-bench 4.4"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(
        ctx,
        "image",
        Kind::Vulnerabilities,
        "no image was inventoried",
    )
}
