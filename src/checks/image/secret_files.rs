//! IMG-007: secret-bearing files in any layer of the image, deleted later or
//! not (CIS 4.10).

use crate::checks::support::image::{layer_file, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-007",
    slug: "image-secret-files",
    title: "Image layers hold secret files",
    section: Section::Secrets,
    cis: &["4.10"],
    severity: Severity::High,
    item: "No secrets in Dockerfiles or image layers (files such as private keys, cloud \
        credentials, .npmrc, .git-credentials, .env)",
    rationale: "A file written in one layer stays in that layer's blob for every copy of \
        the image, even when a later layer deletes it: `rm` in a later RUN hides it from \
        the container, not from anyone who pulls the image.",
    remediation: "Never COPY or write credentials into a layer: use `RUN \
        --mount=type=secret` or `--mount=type=ssh` at build time, or a multi-stage build \
        whose final stage copies only the artefacts; rotate the exposed secret.",
    references: &["https://docs.docker.com/build/building/secrets/"],
    aliases: &["DS031"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.secret_files
                .iter()
                .map(|f| {
                    let what = f
                        .kind
                        .clone()
                        .or_else(|| f.hits.first().map(|h| h.description.clone()))
                        .unwrap_or_else(|| "secret".to_string());
                    let state = match f.removed_in {
                        Some(r) if r == f.layer => format!(
                            "added in layer {} and overwritten in the same layer (still in its blob)",
                            f.layer
                        ),
                        Some(r) => format!(
                            "added in layer {} and deleted in layer {r} (still in layer {}'s blob)",
                            f.layer, f.layer
                        ),
                        None => format!("added in layer {}, present in the image", f.layer),
                    };
                    let observed = if f.hits.is_empty() {
                        format!("{what} ({} bytes)", f.size)
                    } else {
                        f.hits
                            .iter()
                            .map(|h| match h.line {
                                Some(l) => format!("line {l}: {} ({}): {}", h.description, h.rule, h.redacted),
                                None => format!("{}: {}", h.description, h.redacted),
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    let line = f.hits.iter().find_map(|h| h.line);
                    let mut evidence = Evidence::new(
                        layer_file(&f.path, f.layer),
                        observed,
                        "no secret-bearing file in any layer",
                    );
                    if line.is_some() {
                        evidence = evidence.at(crate::checks::Location {
                            path: f.path.clone(),
                            line,
                            column: None,
                            end_line: None,
                            end_column: None,
                        });
                    }
                    Finding::new(scanned_subject(img), format!("{} ({what}) {state}", f.path), evidence)
                })
                .collect(),
        )
    })
}
