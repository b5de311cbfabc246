//! RES-205: the daemon's default cgroup parent is changed (CIS 2.10).

use crate::checks::support::daemon::{daemon_fail, judge_option, setting_source};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_option(ctx, "cgroup-parent", |values, s| {
        daemon_fail(
            format!(
                "the default cgroup parent is changed to {}",
                values.join(",")
            ),
            Evidence::new(
                setting_source(s),
                values.join(","),
                "not set (the engine default)",
            ),
        )
    })
}
