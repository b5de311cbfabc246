//! RES-210: no daemon-wide seccomp profile applies (CIS 2.17).

use crate::checks::support::daemon::{security_options, setting};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "RES-210",
    slug: "daemon-seccomp-disabled",
    title: "No daemon-wide seccomp profile applies to containers",
    cis: &["2.17"],
    severity: Severity::High,
    item: "Kernel calls limited: seccomp not unconfined",
    needs: &[Need::Engine],
    rationale: "The seccomp profile blocks the system calls containers do not need (keyctl, \
        mount, bpf, ...), which are the usual kernel attack surface of an escape. A daemon \
        without seccomp, or with \"seccomp-profile\": \"unconfined\", runs every container \
        unfiltered.",
    remediation: "Remove `\"seccomp-profile\": \"unconfined\"` from daemon.json (the built-in \
        default profile then applies) or point it to a reviewed custom profile; use a kernel \
        built with CONFIG_SECCOMP.",
    references: &["https://docs.docker.com/engine/security/seccomp/"],
    aliases: &["docker-bench 2.17"],
    evaluate,
    ..super::RULE
};

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
