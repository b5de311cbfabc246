//! USER-002: user-namespace remapping not enabled in the daemon (CIS 2.9).

use crate::checks::support::daemon::{
    has_security_option, security_options, setting, setting_source,
};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Section, Severity, Subject,
};

pub static CHECK: Check = Check {
    id: "USER-002",
    slug: "userns-remap-disabled",
    title: "User-namespace remapping is not enabled in the daemon",
    section: Section::NonRoot,
    cis: &["2.9"],
    severity: Severity::Medium,
    item: "Where root is needed, user-namespace remapping is enabled in the daemon",
    needs: &[Need::Engine],
    rationale: "With userns-remap, root in a container maps to an unprivileged uid range on the \
        host: a container escape lands as a nobody. Without it container root is host root.",
    remediation: "Set `\"userns-remap\": \"default\"` in /etc/docker/daemon.json (or \
        `--userns-remap=default`), make sure /etc/subuid and /etc/subgid hold a range for \
        dockremap, and restart the engine.",
    references: &["https://docs.docker.com/engine/security/userns-remap/"],
    aliases: &["docker-bench 2.9"],
    evaluate,
    ..super::RULE
};

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
    Outcome::Fail {
        findings: vec![Finding::new(
            Subject::daemon(),
            "user-namespace remapping is not enabled (SecurityOptions has no name=userns)",
            Evidence::new(
                format!("engine: /info SecurityOptions; {}", setting_source(&s)),
                opts.join(" "),
                "name=userns (\"userns-remap\" set)",
            ),
        )],
        observations: vec![],
    }
}
