//! USER-005: no authorization plugin for engine API requests (CIS 2.12).

use crate::checks::support::daemon::{setting, setting_source};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Section, Severity, Subject};

pub static CHECK: Check = Check {
    id: "USER-005",
    slug: "no-authorization-plugin",
    title: "No authorization plugin controls engine API requests",
    section: Section::NonRoot,
    cis: &["2.12"],
    severity: Severity::Medium,
    item: "Access to the engine is limited: authorization plugin",
    needs: &[Need::Engine],
    rationale: "Without an authorization plugin every client that reaches the socket or port \
        may do everything (privileged containers, host mounts). A plugin enforces per-user \
        policy on each request.",
    remediation: "Install an authorization plugin and enable it: `\"authorization-plugins\": \
        [\"<plugin>\"]` in /etc/docker/daemon.json (or `--authorization-plugin=<plugin>`), then \
        restart the engine.",
    references: &["https://docs.docker.com/engine/extend/plugins_authorization/"],
    aliases: &["docker-bench 2.12"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let plugins = e
        .info
        .plugins
        .as_ref()
        .and_then(|p| p.authorization.clone())
        .unwrap_or_default();
    if !plugins.is_empty() {
        return Outcome::pass(1);
    }
    let s = setting(ctx, "authorization-plugin");
    Outcome::Fail {
        findings: vec![Finding::new(
            Subject::daemon(),
            "no authorization plugin is enabled (Plugins.Authorization is empty)",
            Evidence::new(
                format!(
                    "engine: /info Plugins.Authorization; {}",
                    setting_source(&s)
                ),
                "none",
                "at least one authorization plugin",
            ),
        )],
        observations: vec![],
    }
}
