//! IMG-009: a package-manager update without install in the same step
//! (CIS 4.7).

use std::sync::LazyLock;

use regex::Regex;

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-009",
    slug: "image-update-without-install",
    title: "Image build step updates package lists without installing",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.7"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "FROM pinned by digest, installed package versions pinned (Dockerfile)",
    needs: &[Need::ImageContents],
    rationale: "An update alone in its own layer is cached: later builds reuse the stale \
        package lists and install old versions, and the lists bloat the image.",
    remediation: "Update and install in one RUN and clean up: `RUN apt-get update && \
        apt-get install -y --no-install-recommends PKG=VERSION && rm -rf \
        /var/lib/apt/lists/*`.",
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
    aliases: &["DS017", "CIS-DI-0007"],
    evaluate,
};

static UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(apt-get|apt|apk|yum|dnf|zypper|microdnf)\s+(?:-\S+\s+)*(update|makecache|refresh)\b",
    )
    .expect("update regex")
});
static INSTALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(install|add|upgrade|dist-upgrade|in)\b").expect("install regex")
});

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            img.config.as_ref()?;
            let mut out = Vec::new();
            for (i, h) in img.history.iter().enumerate() {
                if let Some(m) = UPDATE.find(&h.created_by) {
                    if !INSTALL.is_match(&h.created_by) {
                        out.push(Finding::new(
                            scanned_subject(img),
                            format!(
                                "history step {i} runs `{}` without installing in the same step",
                                m.as_str()
                            ),
                            Evidence::new(
                                config_field(&format!("history[{i}].created_by")),
                                h.created_by.chars().take(200).collect::<String>(),
                                "update and install in one RUN",
                            ),
                        ));
                    }
                }
            }
            Some(out)
        },
    )
}
