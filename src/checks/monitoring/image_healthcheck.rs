//! IMG-002: the image defines no HEALTHCHECK (CIS 4.6).

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-002",
    slug: "image-no-healthcheck",
    title: "Image has no HEALTHCHECK",
    section: Section::Monitoring,
    scope: Scope::Image,
    cis: &["4.6"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Container logs captured / role-based monitoring: the engine can tell a healthy \
        container from a hung one",
    needs: &[Need::ImageContents],
    rationale: "Without a health check the engine and orchestrators only know whether the \
        process exists, not whether it serves; a hung container is never restarted or \
        reported.",
    remediation: "Add a HEALTHCHECK to the Dockerfile, e.g. `HEALTHCHECK --interval=30s \
        CMD wget -qO- http://127.0.0.1:8080/health || exit 1`.",
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
    aliases: &["DS026", "CIS-DI-0006"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            let cfg = img.config.as_ref()?;
            let test = cfg
                .healthcheck
                .as_ref()
                .and_then(|h| h.test.clone())
                .unwrap_or_default();
            let observed = if test.is_empty() {
                "no Healthcheck".to_string()
            } else {
                format!("Test {:?}", test)
            };
            let missing = test.is_empty() || test.first().map(String::as_str) == Some("NONE");
            Some(if missing {
                vec![Finding::new(
                    scanned_subject(img),
                    format!("image defines no health check ({observed})"),
                    Evidence::new(
                        config_field("config.Healthcheck"),
                        observed,
                        "a HEALTHCHECK CMD",
                    ),
                )]
            } else {
                vec![]
            })
        },
    )
}
