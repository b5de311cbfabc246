//! BASE-110: signed artifacts validated (CIS 4.12). Manual; images without
//! a registry digest are listed as hints.

use crate::checks::support::image_subject;
use crate::checks::{Check, Ctx, Mode, Need, Observation, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "BASE-110",
    slug: "signed-artifacts-not-validated",
    title: "Signed artifacts not validated",
    scope: Scope::Host,
    cis: &["4.12"],
    severity: Severity::Medium,
    mode: Mode::Manual,
    item: "Image digest checked at deployment; contents of running images understood",
    needs: &[Need::Images],
    rationale: "Signatures prove who built an artefact and that it was not altered; they \
        protect only when something checks them before use (image signatures at pull or \
        admission, checksums and signatures of packages and binaries during the build). \
        CIS 4.12 asks that all signed artifacts be validated.",
    remediation: "Verify image signatures before deployment (content trust or a signature \
        policy in the admission path), and verify the signatures/checksums of downloaded \
        binaries in Dockerfiles (`gpg --verify`, `sha256sum -c`).",
    references: &["https://docs.docker.com/engine/security/trust/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = ctx
        .facts
        .images()
        .iter()
        .filter(|i| i.repo_digests.is_empty())
        .map(|i| Observation {
            subject: image_subject(i),
            message: "no registry digest (built or loaded locally): no registry signature to \
                      validate"
                .to_string(),
            source: "engine: image inspect RepoDigests".to_string(),
        })
        .collect();
    Outcome::manual(
        "Ask which signatures are verified where: image signatures at pull or deployment \
         (policy, keys, logs of rejected images) and signatures/checksums of artefacts \
         downloaded during builds.",
    )
    .with_observations(observations)
}
