//! RES-003: containers that keep the default capability set (CIS 5.4).

use crate::checks::runtime_rules::drops_all_caps;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-003",
    slug: "capabilities-not-dropped",
    title: "Container does not drop all capabilities",
    cis: &["5.4"],
    severity: Severity::Low,
    item: "Kernel calls and capabilities limited: capabilities dropped",
    rationale: "Without `--cap-drop ALL` a container keeps the engine's default set \
        (CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_RAW, SETUID, SETGID, SETPCAP, \
        SETFCAP, NET_BIND_SERVICE, SYS_CHROOT, AUDIT_WRITE), which few processes need: \
        NET_RAW allows spoofing on the container network, DAC_OVERRIDE and FOWNER bypass \
        file permissions. Low severity: the default set is a hardening gap, not a path to \
        the host by itself (added dangerous capabilities are RES-002). Judged on every \
        container, whatever its state.",
    remediation: "Run with `docker run --cap-drop ALL --cap-add <only what is needed>` \
        (compose: `cap_drop: [ALL]` and `cap_add: [...]`). \
        Kubernetes: `securityContext.capabilities.drop: [ALL]`.",
    references: &[
        "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    ],
    aliases: &["COMPOSE-003"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let d = &s.cap_drop;
        if drops_all_caps(&d.strings()) {
            return Ok(vec![]);
        }
        let message = if d.is_empty() {
            format!(
                "keeps the default capability set ({} drops nothing)",
                d.from.key
            )
        } else {
            format!(
                "drops only some capabilities ({} is {})",
                d.from.key,
                d.render()
            )
        };
        Ok(vec![s.finding(
            message,
            d.from.evidence(d.render(), "[\"ALL\"]"),
        )])
    })
}
