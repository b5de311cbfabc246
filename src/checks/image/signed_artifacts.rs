//! BASE-110: signed artifacts validated (CIS 4.12). Manual; images without
//! a registry digest are listed as hints.

use crate::checks::support::image_subject;
use crate::checks::{Ctx, Observation, Outcome};

crate::checks::meta!();

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
