//! RES-203: the aufs storage driver is used (CIS 2.6).

use crate::checks::support::daemon::daemon_fail;
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let d = e.info.driver.trim();
    if d.is_empty() {
        return Outcome::Skipped("the engine reported no storage Driver".into());
    }
    if d == "aufs" {
        return daemon_fail(
            "the storage driver is aufs",
            Evidence::new("engine: /info Driver", d, "overlay2 (not aufs)"),
        );
    }
    Outcome::pass(1)
}
