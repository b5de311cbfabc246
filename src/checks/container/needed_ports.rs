//! RES-007: only needed ports open (CIS 5.9, manual): lists each
//! container's published ports for the auditor.

use crate::adapt::engine::container_ports;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut observations = Vec::new();
    for c in ctx.facts.containers() {
        let ports: Vec<String> = container_ports(c).iter().map(|p| p.render()).collect();
        let all = c.host_config.publish_all_ports == Some(true);
        if ports.is_empty() && !all {
            continue;
        }
        let mut message = if ports.is_empty() {
            "publishes no port yet".to_string()
        } else {
            format!("publishes {}", ports.join(", "))
        };
        if all {
            message.push_str("; PublishAllPorts is on (-P publishes every exposed port)");
        }
        observations.push(Observation {
            subject: container_subject(c),
            message,
            source: inspect_field("NetworkSettings.Ports, HostConfig.PortBindings"),
        });
    }
    Outcome::manual(
        "For each container listed, the service owner's list of ports it must publish \
         (design document or runbook), and confirmation that every other published port \
         is removed. A container that publishes nothing is not listed.",
    )
    .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{run, AuditConfig};
    use crate::facts::Facts;

    #[test]
    fn lists_published_ports_as_hints() {
        let facts: Facts = serde_json::from_value(serde_json::json!({"containers": {"present": [
            {"Id": "a", "Name": "/web", "HostConfig": {"NetworkMode": "appnet",
              "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}}},
            {"Id": "b", "Name": "/all", "HostConfig": {"PublishAllPorts": true}},
            {"Id": "c", "Name": "/quiet", "HostConfig": {}}
        ]}}))
        .unwrap();
        let cfg = AuditConfig::default();
        match run(&CHECK, &Ctx::new(&facts, &cfg)) {
            Outcome::Manual { observations, .. } => {
                assert_eq!(observations.len(), 2);
                assert!(observations[0].message.contains("127.0.0.1:8080->80/tcp"));
                assert!(observations[1].message.contains("PublishAllPorts"));
            }
            other => panic!("{other:?}"),
        }
    }
}
