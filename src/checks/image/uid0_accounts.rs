//! IMG-011: accounts with uid 0 other than root in the image's /etc/passwd.

use crate::checks::support::image::{over_image_files, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-011",
    slug: "image-extra-uid0-account",
    title: "Image has uid 0 accounts other than root",
    section: Section::NonRoot,
    cis: &["4.1"],
    severity: Severity::High,
    item: "Container processes run as a non-privileged user (configured user)",
    rationale: "A second account with uid 0 is root under another name: `USER toor` or \
        `--user toor` looks unprivileged in a review and is not.",
    remediation: "Remove the account from /etc/passwd in the Dockerfile (`RUN userdel toor`) \
        or give it its own non-zero uid.",
    references: &["https://docs.docker.com/reference/dockerfile/#user"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_image_files(ctx, |img| {
        let passwd = img
            .passwd
            .as_ref()
            .ok_or_else(|| img.missing_file("/etc/passwd"))?;
        Ok(passwd
            .iter()
            .filter(|e| e.uid == Some(0) && e.name != "root")
            .map(|e| {
                Finding::new(
                    scanned_subject(img),
                    format!("account {} has uid 0", e.name),
                    Evidence::new(
                        "image file: /etc/passwd (final view)",
                        format!("{}:x:0:...", e.name),
                        "only root has uid 0",
                    ),
                )
            })
            .collect())
    })
}
