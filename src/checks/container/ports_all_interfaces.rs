//! RES-008: published ports listening on every host interface (CIS 5.14).

use crate::checks::runtime_rules::is_all_interfaces;
use crate::checks::support::container::judge_specs;
use crate::checks::support::container::port_finding;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-008",
    slug: "port-bound-all-interfaces",
    title: "Container port is published on all host interfaces",
    cis: &["5.14"],
    severity: Severity::Medium,
    item: "Network restricted: ports bound to specific interfaces",
    rationale: "`-p 8080:80` listens on every interface of the host, public ones included, \
        and the engine's firewall rules bypass a host firewall such as ufw. A HostIp that is \
        empty, 0.0.0.0 or :: (any spelling of the unspecified address) is a finding. Read \
        from NetworkSettings.Ports and HostConfig.PortBindings (ignored in the network \
        modes none, host and container:). Judged on every container, whatever its state.",
    remediation: "Bind to the interface that should serve: `docker run -p \
        127.0.0.1:8080:80` or `-p 10.0.0.5:8080:80` (compose: `ports: \
        [\"127.0.0.1:8080:80\"]`); the daemon option `\"ip\": \"127.0.0.1\"` changes the \
        default for every container. \
        Kubernetes: set `hostIP` with the `hostPort`, or use a Service instead of a host port.",
    references: &["https://docs.docker.com/engine/network/#published-ports"],
    aliases: &["COMPOSE-006"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(port_finding(
            s,
            |p| is_all_interfaces(&p.host_ip),
            "publishes on all host interfaces",
            "a specific host address such as 127.0.0.1",
        ))
    })
}
