//! COMPOSE-006: compose service publishes a port on every host interface (CIS 5.14); the compose
//! mirror of RES-008, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-006",
    slug: "compose-port-all-interfaces",
    title: "Compose service publishes a port on every host interface",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.14"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: ports bound to specific interfaces",
    needs: &[Need::Compose],
    rationale: "A port published without a host address (or on 0.0.0.0 / ::) listens on every interface of the host, including public ones. Same rule as RES-008 (runtime_rules::is_all_interfaces). Ports of services in network mode host or none are not judged.",
    remediation: "Bind the port to the interface that should receive traffic: `ports: [\"127.0.0.1:8080:80\"]` (long syntax: `host_ip: 127.0.0.1`).",
    references: &["https://docs.docker.com/reference/compose-file/services/#ports"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        if s.network_mode
            .as_ref()
            .is_some_and(|m| runtime_rules::network_mode_discards_ports(&m.value))
        {
            return Vec::new();
        }
        s.ports
            .iter()
            .filter(|p| runtime_rules::is_all_interfaces(&p.value.host_ip))
            .map(|p| {
                let host = if p.value.published.is_empty() {
                    "an ephemeral port".to_string()
                } else {
                    format!("port {}", p.value.published)
                };
                let ip = if p.value.host_ip.is_empty() {
                    "*"
                } else {
                    p.value.host_ip.as_str()
                };
                finding(
                    f,
                    s,
                    format!(
                        "publishes container port {}/{} on {host} of every host interface",
                        p.value.target, p.value.protocol
                    ),
                    setting_evidence(
                        f,
                        s,
                        p,
                        format!(
                            "{ip}:{}->{}/{}",
                            p.value.published, p.value.target, p.value.protocol
                        ),
                        "a specific host address (e.g. 127.0.0.1:8080:80)",
                    ),
                )
            })
            .collect()
    })
}
