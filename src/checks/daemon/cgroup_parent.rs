//! RES-205: the daemon's default cgroup parent is changed (CIS 2.10).

use crate::checks::support::daemon::{daemon_fail, podman_na, setting, setting_source};
use crate::checks::{Ctx, Evidence, Outcome};
use crate::facts::daemon::Setting;

pub(crate) fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "cgroup-parent") {
        return na;
    }
    let s = setting(ctx, "cgroup-parent");
    match &s {
        Setting::Unknown(r) => {
            Outcome::Skipped(format!("the daemon's cgroup-parent is unknown: {r}"))
        }
        Setting::Default { .. } => Outcome::pass(1),
        Setting::Set { values, .. } => daemon_fail(
            format!(
                "the default cgroup parent is changed to {}",
                values.join(",")
            ),
            Evidence::new(
                setting_source(&s),
                values.join(","),
                "not set (the engine default)",
            ),
        ),
    }
}
