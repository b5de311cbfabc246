//! HOST-155: swarm managers not in auto-lock mode (CIS 7.5).

use crate::checks::support::swarm::{self, SwarmState};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "HOST-155",
    slug: "swarm-autolock-disabled",
    title: "Swarm managers not in auto-lock mode",
    cis: &["7.5"],
    severity: Severity::Medium,
    item: "CIS host items: swarm manager keys protected at rest",
    rationale: "The raft log on each manager holds the cluster's secrets and TLS keys, \
        encrypted with a key stored on the same disk. With auto-lock, that key is itself \
        encrypted and a restarted manager stays locked until an operator supplies the \
        unlock key, so a stolen disk or backup does not reveal the secrets. CIS 7.5 asks \
        for auto-lock.",
    remediation: "`docker swarm update --autolock=true`, store the printed unlock key in the \
        organisation's secret store, and unlock restarted managers with `docker swarm \
        unlock`.",
    references: &["https://docs.docker.com/engine/swarm/swarm_manager_locking/"],
    evaluate,
    ..super::RULE
};

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
