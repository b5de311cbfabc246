//! RES-023: containers running without seccomp (CIS 5.22).

use super::{judge_all, security_opts};
use crate::checks::runtime_rules::{
    engine_seccomp_profile, seccomp_unconfined, security_opt_value,
};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-023",
    slug: "seccomp-unconfined",
    title: "Container runs without a seccomp profile",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.22"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: seccomp not unconfined",
    needs: &[Need::Containers, Need::Engine],
    rationale: "The default seccomp profile blocks about 44 system calls that containers do \
        not need and that carry most kernel escape bugs (keyctl, add_key, bpf, \
        open_by_handle_at, unshare...). A container is unconfined when its SecurityOpt says \
        `seccomp=unconfined` (or `seccomp:unconfined`), when it runs privileged, or when it \
        sets no profile and the engine reports no seccomp support or an unconfined default \
        (Info.SecurityOptions). A custom profile (`seccomp=<profile JSON>`) passes: its \
        content is not judged. Judged on every container, whatever its state.",
    remediation: "Remove `--security-opt seccomp=unconfined` (compose: the entry under \
        `security_opt:`); if a system call is missing, write a custom profile from the \
        default one and pass it with `--security-opt seccomp=/path/profile.json`.",
    references: &["https://docs.docker.com/engine/security/seccomp/"],
    aliases: &[],
    evaluate,
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
    judge_all(ctx, |c| {
        let opts = security_opts(c);
        let subject = container_subject(c);
        if seccomp_unconfined(opts) {
            return vec![Finding::new(
                subject,
                "runs with seccomp disabled (SecurityOpt seccomp=unconfined)",
                Evidence::new(
                    inspect_field("HostConfig.SecurityOpt"),
                    format!("{opts:?}"),
                    "no seccomp=unconfined",
                ),
            )];
        }
        if c.host_config.privileged == Some(true) {
            return vec![Finding::new(
                subject,
                "runs privileged, which disables seccomp",
                Evidence::new(inspect_field("HostConfig.Privileged"), "true", "false"),
            )];
        }
        if security_opt_value(opts, "seccomp").is_some() {
            return vec![]; // a custom profile
        }
        match &engine_default {
            Some(None) => vec![Finding::new(
                subject,
                "sets no seccomp profile and the engine reports no seccomp support",
                Evidence::new(
                    "engine: info SecurityOptions",
                    "no name=seccomp entry",
                    "name=seccomp,profile=default",
                ),
            )],
            Some(Some(p)) if p == "unconfined" => vec![Finding::new(
                subject,
                "sets no seccomp profile and the engine's default profile is unconfined",
                Evidence::new(
                    "engine: info SecurityOptions",
                    "name=seccomp,profile=unconfined",
                    "name=seccomp,profile=default",
                ),
            )],
            _ => vec![],
        }
    })
}
