//! RES-006: host ports below 1024 published (CIS 5.8).

use crate::checks::runtime_rules::is_privileged_host_port;
use crate::checks::support::container::judge_specs;
use crate::checks::support::container::port_finding;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-006",
    slug: "privileged-port-mapped",
    title: "Container publishes a privileged host port",
    cis: &["5.8"],
    severity: Severity::Medium,
    item: "Network restricted: no privileged ports",
    rationale: "Host ports below 1024 are reserved for the host's own services (SSH, DNS, \
        HTTP): publishing a container on one lets it take over or impersonate such a \
        service. The published ports are read from NetworkSettings.Ports (live) and \
        HostConfig.PortBindings (applied at every start; ignored in the network modes none, \
        host and container:, where the engine publishes nothing). An empty host port is an \
        ephemeral port. Judged on every container, whatever its state.",
    remediation: "Publish on a port from 1024 up: `docker run -p 8080:80` (compose: \
        `ports: [\"8080:80\"]`) and put a reverse proxy or load balancer on the privileged \
        port. \
        Kubernetes: a `hostPort` of 1024 or above, or a Service instead of a host port.",
    references: &["https://docs.docker.com/engine/network/#published-ports"],
    aliases: &["COMPOSE-005"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(port_finding(
            s,
            |p| is_privileged_host_port(&p.host_port),
            "publishes privileged host port(s)",
            "host ports from 1024 up",
        ))
    })
}
