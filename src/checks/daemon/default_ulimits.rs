//! RES-204: the daemon's default ulimits are appropriate (CIS 2.8; manual,
//! the effective setting is reported).

use crate::checks::support::daemon::{setting, setting_observed};
use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let s = setting(ctx, "default-ulimit");
    Outcome::manual(
        "Ask which default ulimits the workloads need (nofile, nproc) and compare with the \
         daemon's default-ulimits below; unset means containers inherit the daemon's limits.",
    )
    .with_observations(vec![Observation {
        subject: Subject::daemon(),
        message: format!(
            "default-ulimits: {}",
            setting_observed(&s, "none: the daemon's own limits")
        ),
        source: s.origin(),
    }])
}
