//! RES-211: experimental features are enabled (CIS 2.18).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "RES-211",
    slug: "experimental-enabled",
    title: "Experimental engine features are enabled",
    cis: &["2.18"],
    severity: Severity::Low,
    item: "Docker software updated: production engines run supported features only",
    needs: &[Need::Engine],
    rationale: "Experimental features are unsupported, change without notice and get less \
        security review; production engines should not enable them.",
    remediation: "Remove `--experimental` and `\"experimental\": true` from daemon.json, then \
        restart the engine.",
    references: &["https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file"],
    aliases: &["docker-bench 2.18"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    match e.info.experimental_build {
        Some(false) => Outcome::pass(1),
        Some(true) => Outcome::Fail {
            findings: vec![Finding::new(
                Subject::daemon(),
                "experimental features are enabled (ExperimentalBuild is true)",
                Evidence::new("engine: /info ExperimentalBuild", "true", "false"),
            )],
            observations: vec![],
        },
        None => judge_bool(
            ctx,
            "experimental",
            false,
            false,
            "experimental features are enabled",
        ),
    }
}
