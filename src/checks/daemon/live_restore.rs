//! RES-208: live restore is not enabled (CIS 2.15).

use crate::checks::support::daemon::{judge_bool, setting, setting_source};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "RES-208",
    slug: "live-restore-disabled",
    title: "Live restore is not enabled",
    cis: &["2.15"],
    severity: Severity::Low,
    item: "Restart policy bounded: containers survive daemon restarts",
    needs: &[Need::Engine],
    rationale: "Without live restore every engine restart or upgrade stops all containers, which \
        discourages timely engine upgrades; with it containers keep running while the daemon \
        is down.",
    remediation: "Set `\"live-restore\": true` in /etc/docker/daemon.json and reload the engine \
        (`systemctl reload docker`).",
    references: &["https://docs.docker.com/engine/daemon/live-restore/"],
    aliases: &["docker-bench 2.15"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    match e.info.live_restore_enabled {
        Some(true) => Outcome::pass(1),
        Some(false) => {
            let s = setting(ctx, "live-restore");
            Outcome::Fail {
                findings: vec![Finding::new(
                    Subject::daemon(),
                    "live restore is not enabled (LiveRestoreEnabled is false)",
                    Evidence::new(
                        format!("engine: /info LiveRestoreEnabled; {}", setting_source(&s)),
                        "false",
                        "true",
                    ),
                )],
                observations: vec![],
            }
        }
        None => judge_bool(
            ctx,
            "live-restore",
            false,
            true,
            "live restore is not enabled",
        ),
    }
}
