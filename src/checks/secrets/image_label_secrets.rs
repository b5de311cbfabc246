//! IMG-005: secrets in the image's labels (CIS 4.10).

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-005",
    slug: "image-label-secrets",
    title: "Image labels hold secrets",
    section: Section::Secrets,
    scope: Scope::Image,
    cis: &["4.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "No secrets in Dockerfiles or image layers (instructions, history, files)",
    needs: &[Need::ImageContents],
    rationale: "Labels are public metadata of the image: registries, `docker inspect` and \
        every tool listing images show them.",
    remediation: "Remove the LABEL carrying the secret and rotate the secret.",
    references: &["https://docs.docker.com/reference/dockerfile/#label"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            let cfg = img.config.as_ref()?;
            Some(
                cfg.labels
                    .iter()
                    .filter_map(|(k, v)| crate::secrets::scan_kv(k, v).map(|h| (k, h)))
                    .map(|(k, hit)| {
                        Finding::new(
                            scanned_subject(img),
                            format!("label {k} holds a {}", hit.description),
                            Evidence::new(
                                config_field(&format!("config.Labels {k:?}")),
                                format!("{k}={}", hit.redacted),
                                "no secret in labels",
                            ),
                        )
                    })
                    .collect(),
            )
        },
    )
}
