//! RES-006: host ports below 1024 published (CIS 5.8).

use super::judge_all;
use crate::checks::runtime_rules::{container_ports, is_privileged_host_port};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-006",
    slug: "privileged-port-mapped",
    title: "Container publishes a privileged host port",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.8"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: no privileged ports",
    needs: &[Need::Containers],
    rationale: "Host ports below 1024 are reserved for the host's own services (SSH, DNS, \
        HTTP): publishing a container on one lets it take over or impersonate such a \
        service. The published ports are read from NetworkSettings.Ports (live) and \
        HostConfig.PortBindings (applied at every start; ignored in the network modes none, \
        host and container:, where the engine publishes nothing). An empty host port is an \
        ephemeral port. Judged on every container, whatever its state.",
    remediation: "Publish on a port from 1024 up: `docker run -p 8080:80` (compose: \
        `ports: [\"8080:80\"]`) and put a reverse proxy or load balancer on the privileged \
        port.",
    references: &["https://docs.docker.com/engine/network/#published-ports"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let bad: Vec<_> = container_ports(c)
            .into_iter()
            .filter(|p| is_privileged_host_port(&p.host_port))
            .collect();
        if bad.is_empty() {
            return vec![];
        }
        let rendered: Vec<String> = bad.iter().map(|p| p.render()).collect();
        vec![Finding::new(
            container_subject(c),
            format!("publishes privileged host port(s): {}", rendered.join(", ")),
            Evidence::new(
                inspect_field(bad[0].field),
                rendered.join(", "),
                "host ports from 1024 up",
            ),
        )]
    })
}
