//! HOST-152: number of swarm managers (CIS 7.1): an even count or more than
//! seven weakens the raft quorum.

use crate::checks::support::swarm::{self, str_at};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(out) = swarm::not_member(ctx.facts, "no swarm managers to count") {
        return out;
    }
    let from_info = ctx
        .facts
        .engine
        .get()
        .and_then(|e| e.info.swarm.as_ref())
        .and_then(|s| s.managers);
    let from_nodes = ctx
        .facts
        .swarm
        .get()
        .and_then(|s| s.nodes.as_ref())
        .map(|nodes| {
            nodes
                .iter()
                .filter(|n| {
                    str_at(n, "/Spec/Role") == Some("manager") || n.get("ManagerStatus").is_some()
                })
                .count() as i64
        });
    let (managers, source) = match (from_info, from_nodes) {
        (Some(m), _) => (m, "engine: info Swarm.Managers"),
        (None, Some(m)) => (m, "engine: GET /nodes Spec.Role"),
        (None, None) => {
            return Outcome::Skipped(
                "manager count not reported: Info.Swarm.Managers and the node list are \
                 available only on a manager"
                    .to_string(),
            )
        }
    };
    let mut findings = Vec::new();
    if managers <= 0 {
        return Outcome::Skipped(format!("manager count reported as {managers}"));
    }
    if managers % 2 == 0 || managers > 7 {
        findings.push(Finding::new(
            Subject::new("swarm", "cluster"),
            format!(
                "the swarm has {managers} managers ({})",
                if managers > 7 {
                    "more than 7"
                } else {
                    "an even number"
                }
            ),
            Evidence::new(source, managers.to_string(), "an odd number from 1 to 7"),
        ));
    }
    Outcome::from_findings(1, findings, "no swarm")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::swarm::test_support::run;
    use serde_json::json;

    #[test]
    fn counts_from_nodes() {
        let two = json!({"local_node_state": "active", "control_available": true, "nodes": [
            {"Spec": {"Role": "manager"}}, {"Spec": {"Role": "manager"}}, {"Spec": {"Role": "worker"}}]});
        assert!(matches!(run(evaluate, two), Outcome::Fail { .. }));
        let one = json!({"local_node_state": "active", "control_available": true, "nodes": [
            {"Spec": {"Role": "manager"}}, {"Spec": {"Role": "worker"}}]});
        assert!(matches!(run(evaluate, one), Outcome::Pass { .. }));
    }
}
