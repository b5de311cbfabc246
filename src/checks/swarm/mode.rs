//! HOST-151: swarm mode enabled (CIS 5.1): confirm it is needed.

use crate::checks::support::swarm::{self, SwarmState};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "HOST-151",
    slug: "swarm-mode-enabled",
    title: "Swarm mode enabled",
    cis: &["5.1"],
    severity: Severity::Low,
    item: "Only needed components are installed: flag non-essential listening services on a \
        container host",
    rationale: "Swarm mode opens management (2377/tcp), gossip (7946/tcp+udp) and overlay \
        (4789/udp) ports, keeps cluster keys and secrets on the node and lets managers \
        schedule work on it. CIS 5.1 asks that it be off unless needed; when it is on, \
        confirm it is intended (this finding is low: it asks for confirmation).",
    remediation: "If the host is not meant to be in a swarm: `docker swarm leave` (`--force` on \
        the last manager). If it is, record the decision and apply the swarm controls \
        (CIS 7.x: HOST-152 to HOST-159, SECRET-106).",
    references: &["https://docs.docker.com/engine/swarm/swarm-mode/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    match swarm::state(ctx.facts) {
        SwarmState::Unknown => Outcome::Skipped(
            "swarm state unknown: Info.Swarm.LocalNodeState was not reported".to_string(),
        ),
        SwarmState::Inactive => Outcome::pass(1),
        SwarmState::Member { state, facts } => Outcome::Fail {
            findings: vec![Finding::new(
                Subject::new("swarm", "local node"),
                format!(
                    "swarm mode is {state} on this node ({}): confirm it is needed",
                    if facts.control_available {
                        "manager"
                    } else {
                        "worker"
                    }
                ),
                Evidence::new(
                    "engine: info Swarm.LocalNodeState",
                    state.clone(),
                    "inactive, unless the host is meant to be a swarm node",
                ),
            )],
            observations: Vec::new(),
        },
    }
}
