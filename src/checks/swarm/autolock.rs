//! HOST-155: swarm managers not in auto-lock mode (CIS 7.5).

use crate::checks::support::swarm::{self, SwarmState};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(out) = swarm::not_member(ctx.facts, "no swarm managers to lock") {
        return out;
    }
    if let SwarmState::Member { state, .. } = swarm::state(ctx.facts) {
        if state == "locked" {
            // Only an auto-locked manager can be locked.
            return Outcome::pass(1);
        }
    }
    let Some(spec) = ctx.facts.swarm.get().and_then(|s| s.spec.as_ref()) else {
        return Outcome::Skipped(
            "swarm spec not read: GET /swarm answers only on a manager node".to_string(),
        );
    };
    let autolock = spec
        .pointer("/EncryptionConfig/AutoLockManagers")
        .or_else(|| spec.pointer("/Spec/EncryptionConfig/AutoLockManagers"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let findings = if autolock {
        Vec::new()
    } else {
        vec![Finding::new(
            Subject::new("swarm", "cluster"),
            "swarm managers are not auto-locked (EncryptionConfig.AutoLockManagers is false)",
            Evidence::new(
                "engine: GET /swarm Spec.EncryptionConfig.AutoLockManagers",
                "false",
                "true",
            ),
        )]
    };
    Outcome::from_findings(1, findings, "no swarm")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::swarm::test_support::run;
    use serde_json::json;

    #[test]
    fn whole_swarm_document_or_spec() {
        // The collector may keep the Spec object or the whole GET /swarm answer.
        let nested = json!({"local_node_state": "active", "control_available": true,
            "spec": {"Spec": {"EncryptionConfig": {"AutoLockManagers": true}}}});
        assert!(matches!(run(evaluate, nested), Outcome::Pass { .. }));
        let missing = json!({"local_node_state": "active", "control_available": true,
            "spec": {"Name": "default"}});
        assert!(matches!(run(evaluate, missing), Outcome::Fail { .. }));
        let unknown = json!({});
        assert!(matches!(run(evaluate, unknown), Outcome::Skipped(_)));
    }
}
