//! USER-002: user-namespace remapping not enabled in the daemon (CIS 2.9).

use crate::checks::support::daemon::{
    daemon_fail, has_security_option, security_options, setting, setting_source,
};
use crate::checks::{Ctx, Evidence, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let opts = crate::checks::support::or_skip!(security_options(ctx), "engine facts unavailable");
    if has_security_option(opts, "userns") {
        return Outcome::pass(1);
    }
    if has_security_option(opts, "rootless") {
        return Outcome::pass(1).with_observations(vec![Observation {
            subject: Subject::daemon(),
            message: "rootless daemon: containers already run in the daemon user's namespace"
                .into(),
            source: "engine: /info SecurityOptions name=rootless".into(),
        }]);
    }
    let s = setting(ctx, "userns-remap");
    daemon_fail(
        "user-namespace remapping is not enabled (SecurityOptions has no name=userns)",
        Evidence::new(
            format!("engine: /info SecurityOptions; {}", setting_source(&s)),
            opts.join(" "),
            "name=userns (\"userns-remap\" set)",
        ),
    )
}
