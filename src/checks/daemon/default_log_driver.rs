//! MON-004: the daemon's default container log driver is local, not
//! centralized (CIS 2.13).

use crate::checks::support::daemon::daemon_fail;
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

pub const CENTRAL: &[&str] = &[
    "syslog",
    "journald",
    "gelf",
    "fluentd",
    "awslogs",
    "splunk",
    "gcplogs",
    "logentries",
    "etwlogs",
];

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let d = e.info.logging_driver.trim();
    if d.is_empty() {
        return Outcome::Skipped("the engine reported no LoggingDriver".into());
    }
    // Plugin drivers are named repo/name[:tag]: remote shipping by design.
    if CENTRAL.contains(&d) || d.contains('/') {
        return Outcome::pass(1);
    }
    daemon_fail(
        format!("the default log driver is {d}, which keeps logs on the host"),
        Evidence::new("engine: /info LoggingDriver", d, CENTRAL.join(", ")),
    )
}
