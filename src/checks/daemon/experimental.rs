//! RES-211: experimental features are enabled (CIS 2.18).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    match e.info.experimental_build {
        Some(false) => Outcome::pass(1),
        Some(true) => Outcome::Fail {
            findings: vec![Finding::new(
                Subject::daemon(),
                "experimental features are enabled (ExperimentalBuild is true)",
                Evidence::new("engine: /info ExperimentalBuild", "true", "false"),
            )],
            observations: vec![],
        },
        None => judge_bool(
            ctx,
            "experimental",
            false,
            false,
            "experimental features are enabled",
        ),
    }
}
