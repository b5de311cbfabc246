//! RES-208: live restore is not enabled (CIS 2.15).

use crate::checks::support::daemon::{daemon_fail, judge_bool, setting, setting_source};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    match e.info.live_restore_enabled {
        Some(true) => Outcome::pass(1),
        Some(false) => {
            let s = setting(ctx, "live-restore");
            daemon_fail(
                "live restore is not enabled (LiveRestoreEnabled is false)",
                Evidence::new(
                    format!("engine: /info LiveRestoreEnabled; {}", setting_source(&s)),
                    "false",
                    "true",
                ),
            )
        }
        None => judge_bool(
            ctx,
            "live-restore",
            false,
            true,
            "live restore is not enabled",
        ),
    }
}
