//! USER-005: no authorization plugin for engine API requests (CIS 2.12).

use crate::checks::support::daemon::{daemon_fail, setting, setting_source};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let plugins = e
        .info
        .plugins
        .as_ref()
        .and_then(|p| p.authorization.clone())
        .unwrap_or_default();
    if !plugins.is_empty() {
        return Outcome::pass(1);
    }
    let s = setting(ctx, "authorization-plugin");
    daemon_fail(
        "no authorization plugin is enabled (Plugins.Authorization is empty)",
        Evidence::new(
            format!(
                "engine: /info Plugins.Authorization; {}",
                setting_source(&s)
            ),
            "none",
            "at least one authorization plugin",
        ),
    )
}
