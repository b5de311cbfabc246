//! IMG-014: package-manager caches left in the image.

use crate::checks::support::image::{over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "IMG-014",
    slug: "image-package-caches",
    title: "Image keeps package-manager caches",
    severity: Severity::Low,
    item: "Contents of running images understood",
    rationale: "Package lists and download caches (apt, apk, pip, npm, yum) add size and \
        stale metadata to every container and are not needed at run time.",
    remediation: "Clean in the same RUN that installs: `rm -rf /var/lib/apt/lists/*`, \
        `apk add --no-cache`, `pip install --no-cache-dir`, `npm ci && npm cache clean \
        --force`, `yum clean all`.",
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
    aliases: &["DS025"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.caches
                .iter()
                .map(|c| {
                    Finding::new(
                        scanned_subject(img),
                        format!(
                            "{} cache {} holds {} files ({} bytes)",
                            c.kind, c.path, c.files, c.bytes
                        ),
                        Evidence::new(
                            format!("image file index: {}", c.path),
                            format!("{} files, {} bytes", c.files, c.bytes),
                            "no package-manager cache",
                        ),
                    )
                })
                .collect(),
        )
    })
}
