//! RES-203: the aufs storage driver is used (CIS 2.6).

use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let d = e.info.driver.trim();
    if d.is_empty() {
        return Outcome::Skipped("the engine reported no storage Driver".into());
    }
    if d == "aufs" {
        return Outcome::Fail {
            findings: vec![Finding::new(
                Subject::daemon(),
                "the storage driver is aufs",
                Evidence::new("engine: /info Driver", d, "overlay2 (not aufs)"),
            )],
            observations: vec![],
        };
    }
    Outcome::pass(1)
}
