//! SECRET-105: swarm secret objects older than the rotation policy
//! (AuditConfig.max_secret_age_days). Swarm secret data is immutable: a
//! secret is rotated by creating a new object, so CreatedAt is the age of
//! its value.

use crate::checks::support::swarm::{self, str_at, time_at};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(out) = swarm::not_member(
        ctx.facts,
        "the engine holds no secret objects; ask the owners of compose or vault secrets for \
         their rotation records",
    ) {
        return out;
    }
    let Some(secrets) = ctx.facts.swarm.get().and_then(|s| s.secrets.as_ref()) else {
        return Outcome::Skipped(
            "swarm secret objects not listed: GET /secrets answers only on a manager node"
                .to_string(),
        );
    };
    if secrets.is_empty() {
        return Outcome::NotApplicable("no swarm secret objects on this cluster".to_string());
    }
    let now = ctx.config.now();
    let max = ctx.config.max_secret_age_days;
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut unknown = Vec::new();
    for s in secrets {
        let name = str_at(s, "/Spec/Name").unwrap_or("?").to_string();
        let Some(created) = time_at(s, "/CreatedAt") else {
            unknown.push(name);
            continue;
        };
        checked += 1;
        let age = (now - created).num_days();
        if age > max {
            let mut subject = Subject::new("secret", &name);
            subject.id = str_at(s, "/ID").map(|id| id[..id.len().min(12)].to_string());
            let updated = str_at(s, "/UpdatedAt").unwrap_or("");
            findings.push(Finding::new(
                subject,
                format!("secret {name} was created {age} days ago (policy: at most {max} days)"),
                Evidence::new(
                    "engine: GET /secrets CreatedAt",
                    format!(
                        "CreatedAt {}; UpdatedAt {updated} (labels only: data is immutable)",
                        created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                    format!("created within the last {max} days"),
                ),
            ));
        }
    }
    if checked == 0 {
        return Outcome::Skipped(format!(
            "no readable CreatedAt on the secret objects: {}",
            unknown.join(", ")
        ));
    }
    let out = Outcome::from_findings(checked, findings, "no swarm secret objects");
    if unknown.is_empty() {
        out
    } else {
        out.with_observations(vec![crate::checks::Observation {
            subject: Subject::new("swarm", "secrets"),
            message: format!("age unknown (no CreatedAt) for: {}", unknown.join(", ")),
            source: "engine: GET /secrets CreatedAt".to_string(),
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::swarm::test_support::run;
    use serde_json::json;

    #[test]
    fn ages() {
        let s = |name: &str, created: &str| json!({"ID": "x", "CreatedAt": created, "Spec": {"Name": name}});
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "secrets": [
                s("old", "2026-08-01T00:00:00Z"), s("new", "2026-11-01T00:00:00Z")]}),
        );
        match out {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 1);
                assert_eq!(findings[0].subject.name, "old");
            }
            o => panic!("{o:?}"),
        }
        // Unreadable dates only: skipped, never passed.
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "secrets": [{"Spec": {"Name": "x"}}]}),
        );
        assert!(matches!(out, Outcome::Skipped(_)));
        // Exactly at the limit passes (90 days).
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "secrets": [s("edge", "2026-08-30T12:00:00Z")]}),
        );
        assert!(matches!(out, Outcome::Pass { .. }), "{out:?}");
    }
}
