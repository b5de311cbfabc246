//! RES-203: the aufs storage driver is used (CIS 2.6).

use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "RES-203",
    slug: "aufs-storage-driver",
    title: "The aufs storage driver is used",
    cis: &["2.6"],
    severity: Severity::Medium,
    item: "Kernel calls limited: a supported storage driver",
    needs: &[Need::Engine],
    rationale: "aufs is unmaintained, out of the mainline kernel, removed from current engines \
        and known for kernel crashes and security bugs.",
    remediation: "Move to overlay2: set `\"storage-driver\": \"overlay2\"` in \
        /etc/docker/daemon.json after exporting what must be kept (images and volumes on aufs \
        are not carried over).",
    references: &["https://docs.docker.com/engine/storage/drivers/select-storage-driver/"],
    aliases: &["docker-bench 2.6"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let d = e.info.driver.trim();
    if d.is_empty() {
        return Outcome::Skipped("the engine reported no storage Driver".into());
    }
    if d == "aufs" {
        return Outcome::Fail {
            findings: vec![Finding::new(
                Subject::daemon(),
                "the storage driver is aufs",
                Evidence::new("engine: /info Driver", d, "overlay2 (not aufs)"),
            )],
            observations: vec![],
        };
    }
    Outcome::pass(1)
}
