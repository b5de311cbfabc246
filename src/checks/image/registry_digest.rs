//! PROV-101: images without a registry digest (built or loaded locally):
//! informational provenance hint.

use crate::checks::support::{image_field, image_subject};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "PROV-101",
    slug: "image-without-registry-provenance",
    title: "Image has no registry digest (built or loaded locally)",
    section: Section::Provenance,
    scope: Scope::Host,
    severity: Severity::Info,
    item: "Image digest checked at deployment; content trust enforced",
    needs: &[Need::Images],
    rationale: "An image pulled from a registry carries a RepoDigest: the content address \
        the registry served, which signatures and scans refer to. An image without one was \
        built on this host or loaded from an archive (`docker load`): nothing outside the \
        host vouches for it, so its origin must come from the build records. This \
        check lists such images as findings at info severity (the check fails; the exit code \
        only changes with `--fail-on info`).",
    remediation: "Deploy images pulled from the organisation's registry (built and pushed \
        by CI, scanned and signed there) rather than built or loaded on production hosts.",
    references: &["https://docs.docker.com/reference/cli/docker/image/ls/#digests"],
    evaluate,
    ..super::RULE
};

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
