//! RES-023: containers running without seccomp (CIS 5.22).

use crate::checks::runtime_rules::{
    engine_seccomp_profile, seccomp_profile_allows_all, seccomp_unconfined, security_opt_value,
};
use crate::checks::support::container::{judge_specs, option_turned_off};
use crate::checks::{Ctx, Evidence, Outcome};
use crate::subject::Platform;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    // The engine default, when the engine facts say something.
    let engine_default: Option<Option<String>> = ctx.facts.engine.get().and_then(|e| {
        let opts = &e.info.security_options;
        if opts.is_empty() && e.info.server_version.is_empty() {
            None // /info not read
        } else {
            Some(engine_seccomp_profile(opts))
        }
    });
    judge_specs(ctx, |s| {
        if let Some(f) =
            option_turned_off(s, seccomp_unconfined, "seccomp", "no seccomp=unconfined")
        {
            return Ok(vec![f]);
        }
        let opts = s.security_opt.strings();
        if s.privileged.value == Some(true) {
            return Ok(vec![s.finding(
                "runs privileged, which disables seccomp",
                s.privileged.from.evidence("true", "false"),
            )]);
        }
        if let Some(profile) = security_opt_value(&opts, "seccomp") {
            if seccomp_profile_allows_all(profile) == Some(true) {
                let from = s
                    .security_opt
                    .items
                    .iter()
                    .find(|v| v.value.trim_start().starts_with("seccomp"))
                    .map_or(&s.security_opt.from, |v| &v.from);
                return Ok(vec![s.finding(
                    "runs with a seccomp profile that filters nothing (its default action allows every system call and no rule denies one)",
                    from.evidence(
                        crate::checks::evidence::excerpt(profile, 120),
                        "a profile that denies what the process does not need (the engine's default)",
                    ),
                )]);
            }
            // A custom profile: a file named in a compose file is not read.
            return Ok(vec![]);
        }
        if s.platform != Platform::Engine {
            // The engine's default profile applies; the Kubernetes adapter
            // writes the pod's effective profile as an option.
            return Ok(vec![]);
        }
        let engine = |observed: &str| {
            Evidence::new(
                "engine: info SecurityOptions",
                observed,
                "name=seccomp,profile=default",
            )
        };
        Ok(match &engine_default {
            Some(None) => vec![s.finding(
                "sets no seccomp profile and the engine reports no seccomp support",
                engine("no name=seccomp entry"),
            )],
            Some(Some(p)) if p == "unconfined" => vec![s.finding(
                "sets no seccomp profile and the engine's default profile is unconfined",
                engine("name=seccomp,profile=unconfined"),
            )],
            Some(Some(_)) => vec![],
            None => return Err("the engine's default seccomp profile could not be read".into()),
        })
    })
}
