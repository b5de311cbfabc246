//! RES-023: containers running without seccomp (CIS 5.22).

use crate::checks::runtime_rules::{
    engine_seccomp_profile, seccomp_unconfined, security_opt_value,
};
use crate::checks::support::container::{judge_specs, option_turned_off};
use crate::checks::{Check, Ctx, Evidence, Outcome, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "RES-023",
    slug: "seccomp-unconfined",
    title: "Container runs without a seccomp profile",
    cis: &["5.22"],
    severity: Severity::High,
    item: "Kernel calls and capabilities limited: seccomp not unconfined",
    rationale: "The default seccomp profile blocks about 44 system calls that containers do \
        not need and that carry most kernel escape bugs (keyctl, add_key, bpf, \
        open_by_handle_at, unshare...). A container is unconfined when its SecurityOpt says \
        `seccomp=unconfined` (or `seccomp:unconfined`), when it runs privileged, or when it \
        sets no profile and the engine reports no seccomp support or an unconfined default \
        (Info.SecurityOptions). A custom profile (`seccomp=<profile JSON>`) passes: its \
        content is not judged. Judged on every container, whatever its state.",
    remediation: "Remove `--security-opt seccomp=unconfined` (compose: the entry under \
        `security_opt:`); if a system call is missing, write a custom profile from the \
        default one and pass it with `--security-opt seccomp=/path/profile.json`. \
        Kubernetes: `securityContext.seccompProfile.type: RuntimeDefault` (pod or container).",
    references: &["https://docs.docker.com/engine/security/seccomp/"],
    aliases: &["COMPOSE-018"],
    evaluate,
    ..super::RULE
};

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
        if security_opt_value(&opts, "seccomp").is_some() {
            return Ok(vec![]); // a custom profile
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
