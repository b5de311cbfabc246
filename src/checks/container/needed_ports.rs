//! RES-007: only needed ports open (CIS 5.9, manual): lists each
//! container's published ports for the auditor.

use crate::adapt::engine::container_ports;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Mode, Need, Observation, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-007",
    slug: "unneeded-ports-open",
    title: "Container may publish ports it does not need",
    scope: Scope::Host,
    cis: &["5.9"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "Network restricted: ports bound to specific interfaces, no privileged ports",
    needs: &[Need::Containers],
    rationale: "Every published port is attack surface; which ones a service needs is a \
        design decision the facts cannot make. The check lists each container's published \
        ports (and `-P`, which publishes every exposed port) for the auditor to compare with \
        the service's documented interface.",
    remediation: "Publish only the ports the service must offer: remove extra `-p` flags and \
        `-P`/`--publish-all` (compose: entries under `ports:`); use `expose:` or a shared \
        network for container-to-container traffic.",
    references: &["https://docs.docker.com/engine/network/#published-ports"],
    evaluate,
    ..super::RULE
};

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
