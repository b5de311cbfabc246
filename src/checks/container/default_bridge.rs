//! RES-028: containers on the default bridge network docker0 (CIS 5.30).

use crate::checks::runtime_rules::uses_default_bridge;
use crate::checks::support::container::judge_all;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-028",
    slug: "default-bridge-used",
    title: "Container uses the default bridge network",
    scope: Scope::Host,
    cis: &["5.30"],
    severity: Severity::Low,
    item: "Network restricted: inter-container communication off in the daemon",
    needs: &[Need::Containers],
    rationale: "All containers on the default bridge (docker0) share one network where, \
        unless the daemon sets icc=false, every container can reach every other one; it \
        has no DNS-based isolation and is prone to ARP spoofing between neighbours. A \
        user-defined network per application isolates them. Network mode \"default\" or \
        \"bridge\", or an attachment to the network named \"bridge\", is a finding. Judged \
        on every container, whatever its state.",
    remediation: "Create a network per application (`docker network create appnet`) and run \
        with `docker run --network appnet` (compose creates a project network by default: \
        remove `network_mode: bridge`).",
    references: &["https://docs.docker.com/engine/network/drivers/bridge/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = c.host_config.network_mode.as_str();
        let names: Vec<&str> = c
            .network_settings
            .networks
            .iter()
            .flatten()
            .map(|(k, _)| k.as_str())
            .collect();
        if !uses_default_bridge(mode, names.iter().copied()) {
            return vec![];
        }
        let observed = format!("NetworkMode={mode:?} Networks={names:?}");
        vec![Finding::new(
            container_subject(c),
            format!("is on the default bridge network ({observed})"),
            Evidence::new(
                inspect_field("HostConfig.NetworkMode, NetworkSettings.Networks"),
                observed,
                "a user-defined network",
            ),
        )]
    })
}
