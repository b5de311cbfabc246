//! IMG-008: ADD of a remote URL in the image's history (CIS 4.9).

use std::sync::LazyLock;

use regex::Regex;

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-008",
    slug: "image-add-remote-url",
    title: "Image was built with ADD of a remote URL",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.9"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "FROM pinned by digest, installed package versions pinned (Dockerfile)",
    needs: &[Need::ImageContents],
    rationale: "ADD with a URL fetches whatever the server returns at build time, with no \
        checksum unless --checksum is given: the content is neither pinned nor verified.",
    remediation: "Download with a verified checksum (`ADD --checksum=sha256:... URL DEST`, \
        or `RUN curl -fsSLo f URL && echo 'SHA256  f' | sha256sum -c`); use COPY for local \
        files.",
    references: &["https://docs.docker.com/reference/dockerfile/#add"],
    aliases: &["DS005", "CIS-DI-0009"],
    evaluate,
};

static ADD_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s|#\(nop\)\s*)ADD\s+(?:--\S+\s+)*(https?://\S+)").expect("ADD regex")
});

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            img.config.as_ref()?;
            let mut out = Vec::new();
            for (i, h) in img.history.iter().enumerate() {
                if let Some(c) = ADD_URL.captures(&h.created_by) {
                    if h.created_by.contains("--checksum=") {
                        continue;
                    }
                    let url = crate::secrets::scan_text(&c[1])
                        .first()
                        .map(|h| h.redacted.clone())
                        .unwrap_or_else(|| c[1].to_string());
                    out.push(Finding::new(
                        scanned_subject(img),
                        format!("history step {i} ADDs the remote URL {url} without a checksum"),
                        Evidence::new(
                            config_field(&format!("history[{i}].created_by")),
                            format!("ADD {url}"),
                            "COPY, or ADD --checksum",
                        ),
                    ));
                }
            }
            Some(out)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn matches_both_history_forms() {
        assert!(ADD_URL.is_match("/bin/sh -c #(nop) ADD https://example.org/x.tgz /opt/"));
        assert!(ADD_URL.is_match("ADD --chown=1:1 http://example.org/x /x # buildkit"));
        assert!(!ADD_URL.is_match("/bin/sh -c #(nop) ADD file:abc in / "));
        assert!(!ADD_URL.is_match("RUN curl https://example.org"));
    }
}
