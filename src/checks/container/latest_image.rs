//! RES-027: containers created from a mutable "latest" reference (CIS 5.28,
//! manual).

use crate::checks::runtime_rules::mutable_latest_reference;
use crate::checks::support::container::engine_observations;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = engine_observations(ctx, "Config.Image", |c| {
        let why = mutable_latest_reference(&c.config.image)?;
        Some(format!("was created from {:?}, {why}", c.config.image))
    });
    Outcome::manual(
        "The deployment procedure showing images are pulled (or rebuilt) before containers \
         are created, e.g. the CI/CD job or runbook with `docker pull` / `pull_policy: \
         always`, and when each listed container was last re-created.",
    )
    .with_observations(observations)
}
