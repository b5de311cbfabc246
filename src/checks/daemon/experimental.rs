//! RES-211: experimental features are enabled (CIS 2.18).

use crate::checks::support::daemon::{daemon_fail, judge_bool};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    match e.info.experimental_build {
        Some(false) => Outcome::pass(1),
        Some(true) => daemon_fail(
            "experimental features are enabled (ExperimentalBuild is true)",
            Evidence::new("engine: /info ExperimentalBuild", "true", "false"),
        ),
        None => judge_bool(
            ctx,
            "experimental",
            false,
            false,
            "experimental features are enabled",
        ),
    }
}
