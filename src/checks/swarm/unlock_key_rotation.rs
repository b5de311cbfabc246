//! HOST-156: swarm auto-lock key rotation (CIS 7.6), manual with the
//! auto-lock state as hint.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at};
use crate::checks::{Check, Ctx, Mode, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "HOST-156",
    slug: "swarm-unlock-key-not-rotated",
    title: "Swarm auto-lock key not rotated",
    cis: &["7.6"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "CIS host items: swarm manager keys protected at rest",
    rationale: "The unlock key of an auto-locked swarm decrypts every manager's raft log; a \
        key that never changes stays valid for everyone who ever saw it. CIS 7.6 asks that \
        it be rotated periodically. The engine does not record when it was last rotated.",
    remediation: "`docker swarm unlock-key --rotate` on a manager, on a schedule and when \
        someone who knew the key leaves; store the new key in the secret store.",
    references: &[
        "https://docs.docker.com/engine/swarm/swarm_manager_locking/#rotate-the-unlock-key",
    ],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let request = "Ask for the record of unlock-key rotations (`docker swarm unlock-key \
                   --rotate`: dates and who holds the key) and compare with the policy.";
    if let Err(o) = member_or_manual(ctx, request) {
        return o;
    }
    let mut o = Vec::new();
    if let Some(v) = spec_at(ctx, "/EncryptionConfig/AutoLockManagers").and_then(|v| v.as_bool()) {
        o.push(obs(
            format!(
                "auto-lock is {}",
                if v { "on" } else { "off (see HOST-155)" }
            ),
            "engine: GET /swarm Spec.EncryptionConfig.AutoLockManagers",
        ));
    }
    Outcome::manual(request).with_observations(o)
}
