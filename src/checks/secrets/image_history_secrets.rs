//! IMG-006: secrets in the image's build history (CIS 4.10).

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};
use crate::secrets::SecretHit;

pub static CHECK: Check = Check {
    id: "IMG-006",
    slug: "image-history-secrets",
    title: "Image build history holds secrets",
    section: Section::Secrets,
    scope: Scope::Image,
    cis: &["4.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "No secrets in Dockerfiles or image layers (instructions, history, files)",
    needs: &[Need::ImageContents],
    rationale: "Each build step's command, with its build arguments, is kept in the image \
        history (`docker history --no-trunc`): a token on a RUN line or in an ARG is \
        published with the image.",
    remediation: "Use `RUN --mount=type=secret,id=NAME` for build-time secrets instead of \
        ARG, ENV or literal values; rebuild and rotate the secret.",
    references: &["https://docs.docker.com/build/building/secrets/"],
    aliases: &["DS031"],
    evaluate,
};

/// Token formats anywhere in the command, and NAME=value words with a
/// secret-looking name (ENV lines, build arguments `|1 TOKEN=...`).
pub fn scan_command(cmd: &str) -> Vec<SecretHit> {
    let mut hits = crate::secrets::scan_text(cmd);
    for word in cmd.split_whitespace() {
        let word = word.trim_matches(|c| c == '"' || c == '\'' || c == ';');
        if let Some((_, h)) = crate::secrets::scan_env(word) {
            if !hits.iter().any(|x| x.redacted == h.redacted) {
                hits.push(h);
            }
        }
    }
    hits
}

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            img.config.as_ref()?;
            let mut out = Vec::new();
            for (i, h) in img.history.iter().enumerate() {
                for hit in scan_command(&h.created_by) {
                    out.push(Finding::new(
                        scanned_subject(img),
                        format!("history step {i} holds a {}", hit.description),
                        Evidence::new(
                            config_field(&format!("history[{i}].created_by")),
                            hit.redacted,
                            "no secret in build commands",
                        ),
                    ));
                }
            }
            Some(out)
        },
    )
}
