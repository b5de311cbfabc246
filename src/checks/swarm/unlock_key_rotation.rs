//! HOST-156: swarm auto-lock key rotation (CIS 7.6), manual with the
//! auto-lock state as hint.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

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
