//! USER-001: the engine daemon runs as root (CIS 2.1: a rootless daemon
//! passes).

use crate::checks::support::daemon::{daemon_fail, has_security_option, security_options};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let opts = crate::checks::support::or_skip!(security_options(ctx), "engine facts unavailable");
    if has_security_option(opts, "rootless") {
        return Outcome::pass(1);
    }
    let uid = ctx
        .facts
        .daemon
        .get()
        .and_then(|d| d.process.get())
        .and_then(|p| p.uid.map(|u| (u, p.pid)));
    if let Some((u, pid)) = uid {
        if u != 0 {
            // A non-root dockerd that /info does not call rootless.
            return Outcome::pass(1);
        }
        let _ = pid;
    }
    let observed = match uid {
        Some((u, pid)) => {
            format!("SecurityOptions without name=rootless; dockerd pid {pid} uid {u}")
        }
        None => "SecurityOptions without name=rootless".to_string(),
    };
    daemon_fail(
        "the engine daemon runs as root (not rootless)",
        Evidence::new(
            "engine: /info SecurityOptions; host: /proc/<pid>/status Uid",
            observed,
            "name=rootless (daemon runs as an unprivileged user)",
        ),
    )
}
