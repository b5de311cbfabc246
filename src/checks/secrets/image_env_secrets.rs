//! IMG-004: secrets in the image config's environment (CIS 4.10).

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-004",
    slug: "image-env-secrets",
    title: "Image environment holds secrets",
    section: Section::Secrets,
    scope: Scope::Image,
    cis: &["4.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "No secrets in environment variables (image config env)",
    needs: &[Need::ImageContents],
    rationale: "ENV values are stored in the image config: anyone who can pull the image \
        reads them with `docker inspect`, and every container inherits them.",
    remediation: "Remove the ENV line; pass the secret at run time from a secret store \
        (`docker secret`, a mounted file read by the process, `RUN --mount=type=secret` \
        for build-time use).",
    references: &["https://docs.docker.com/build/building/secrets/"],
    aliases: &["DS031"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            let cfg = img.config.as_ref()?;
            Some(
                cfg.env
                    .iter()
                    .filter_map(|e| crate::secrets::scan_env(e))
                    .map(|(name, hit)| {
                        Finding::new(
                            scanned_subject(img),
                            format!("environment variable {name} holds a {}", hit.description),
                            Evidence::new(
                                config_field(&format!("config.Env {name}")),
                                format!("{name}={}", hit.redacted),
                                "no secret in the image environment",
                            ),
                        )
                    })
                    .collect(),
            )
        },
    )
}
