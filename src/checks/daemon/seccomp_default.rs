//! RES-210: no daemon-wide seccomp profile applies (CIS 2.17).

use crate::checks::support::daemon::{security_options, setting};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let opts = crate::checks::support::or_skip!(security_options(ctx), "engine facts unavailable");
    let seccomp = opts
        .iter()
        .find(|o| o.split(',').any(|kv| kv == "name=seccomp"));
    let (ok, observed) = match seccomp {
        Some(o) => {
            let profile = o
                .split(',')
                .find_map(|kv| kv.strip_prefix("profile="))
                .unwrap_or("default");
            (profile != "unconfined", o.clone())
        }
        None => (false, "no name=seccomp in SecurityOptions".to_string()),
    };
    let s = setting(ctx, "seccomp-profile");
    let obs = vec![Observation {
        subject: Subject::daemon(),
        message: format!(
            "seccomp-profile setting: {}",
            s.value().unwrap_or("not set (built-in default)")
        ),
        source: s.origin(),
    }];
    if ok {
        return Outcome::pass(1).with_observations(obs);
    }
    Outcome::Fail {
        findings: vec![Finding::new(
            Subject::daemon(),
            format!("containers run without a daemon-wide seccomp profile ({observed})"),
            Evidence::new(
                "engine: /info SecurityOptions",
                observed,
                "name=seccomp,profile=default or a custom profile",
            ),
        )],
        observations: obs,
    }
}
