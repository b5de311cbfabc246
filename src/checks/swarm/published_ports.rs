//! HOST-153: swarm services publishing ports on every interface (CIS 7.2).
//! Swarm cannot bind a published port to one address: ingress-mode ports
//! listen on every node through the routing mesh, host-mode ports on all
//! interfaces of the nodes running the task.

use crate::checks::support::swarm::{self, str_at};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(out) = swarm::not_member(ctx.facts, "no swarm services") {
        return out;
    }
    let Some(services) = ctx.facts.swarm.get().and_then(|s| s.services.as_ref()) else {
        return Outcome::Skipped(
            "swarm services not listed: GET /services answers only on a manager node".to_string(),
        );
    };
    let mut findings = Vec::new();
    for s in services {
        let name = str_at(s, "/Spec/Name").unwrap_or("?");
        let ports = s
            .pointer("/Endpoint/Ports")
            .or_else(|| s.pointer("/Spec/EndpointSpec/Ports"))
            .and_then(|p| p.as_array())
            .cloned()
            .unwrap_or_default();
        for p in ports {
            let published = p.get("PublishedPort").and_then(|v| v.as_i64()).unwrap_or(0);
            if published <= 0 {
                continue;
            }
            let target = p.get("TargetPort").and_then(|v| v.as_i64()).unwrap_or(0);
            let proto = p.get("Protocol").and_then(|v| v.as_str()).unwrap_or("tcp");
            let mode = p
                .get("PublishMode")
                .and_then(|v| v.as_str())
                .unwrap_or("ingress");
            let mut subject = Subject::new("service", name);
            subject.id = str_at(s, "/ID").map(|id| id[..id.len().min(12)].to_string());
            let r#where = if mode == "host" {
                "all interfaces of each node running a task"
            } else {
                "all interfaces of every swarm node (routing mesh)"
            };
            findings.push(Finding::new(
                subject,
                format!("publishes {published}/{proto} ({mode} mode) on {where}"),
                Evidence::new(
                    "engine: GET /services Endpoint.Ports[].PublishedPort, PublishMode",
                    format!("PublishedPort {published} -> TargetPort {target}/{proto}, PublishMode {mode}"),
                    "no published port, or access restricted to specific interfaces",
                ),
            ));
        }
    }
    Outcome::from_findings(
        services.len(),
        findings,
        "no swarm services on this cluster",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::swarm::test_support::run;
    use serde_json::json;

    #[test]
    fn spec_ports_when_endpoint_is_missing() {
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "control_available": true, "services": [
                {"ID": "abc", "Spec": {"Name": "web", "EndpointSpec": {"Ports": [
                    {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 80}]}}}
            ]}),
        );
        match out {
            Outcome::Fail { findings, .. } => {
                assert!(
                    findings[0].message.contains("ingress"),
                    "{}",
                    findings[0].message
                )
            }
            o => panic!("{o:?}"),
        }
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "control_available": true, "services": []}),
        );
        assert!(matches!(out, Outcome::NotApplicable(_)));
    }
}
