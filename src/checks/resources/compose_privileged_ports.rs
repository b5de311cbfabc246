//! COMPOSE-005: compose service publishes a privileged host port (CIS 5.8); the compose
//! mirror of RES-006, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-005",
    slug: "compose-privileged-port",
    title: "Compose service publishes a privileged host port",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.8"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: no privileged ports",
    needs: &[Need::Compose],
    rationale: "Host ports below 1024 are reserved for system services; publishing one from a container lets it pose as one. Same rule as RES-006 (runtime_rules::is_privileged_host_port). Ports of services in network mode host or none are discarded by the engine and not judged.",
    remediation: "Publish on a port of 1024 or above (`ports: [\"8080:80\"]`) and put a proxy or load balancer on the low port.",
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
            .filter(|p| runtime_rules::is_privileged_host_port(&p.value.published))
            .map(|p| {
                finding(
                    f,
                    s,
                    format!(
                        "publishes privileged host port {} (to container port {}/{})",
                        p.value.published, p.value.target, p.value.protocol
                    ),
                    setting_evidence(
                        f,
                        s,
                        p,
                        p.value.published.clone(),
                        "a host port of 1024 or above",
                    ),
                )
            })
            .collect()
    })
}
