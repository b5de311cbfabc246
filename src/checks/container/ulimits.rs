//! RES-018: ulimits overridden at runtime (CIS 5.19, manual): lists the
//! containers that override the daemon's default ulimits.

use crate::checks::support::container::spec_observations;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = spec_observations(ctx, |s| {
        (!s.ulimits.is_empty()).then(|| {
            (
                format!("overrides ulimits: {}", s.ulimits.strings().join(", ")),
                s.ulimits.from.source(),
            )
        })
    });
    Outcome::manual(
        "The daemon's default-ulimits (daemon.json or dockerd --default-ulimit) and, for each \
         container listed, the reason its override is needed.",
    )
    .with_observations(observations)
}
