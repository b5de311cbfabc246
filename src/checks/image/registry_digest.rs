//! PROV-101: images without a registry digest (built or loaded locally):
//! informational provenance hint.

use crate::checks::support::{image_field, image_subject};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    for i in images {
        if i.repo_digests.is_empty() {
            findings.push(Finding::new(
                image_subject(i),
                "no registry digest: built or loaded on this host",
                Evidence::new(
                    image_field("RepoDigests"),
                    "[]",
                    "a digest from the registry it was pulled from",
                ),
            ));
        } else {
            observations.push(Observation {
                subject: image_subject(i),
                message: format!("pulled as {}", i.repo_digests.join(", ")),
                source: image_field("RepoDigests"),
            });
        }
    }
    Outcome::from_findings(images.len(), findings, "no images on this engine")
        .with_observations(observations)
}
