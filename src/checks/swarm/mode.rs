//! HOST-151: swarm mode enabled (CIS 5.1): confirm it is needed.

use crate::checks::support::swarm::{self, SwarmState};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    match swarm::state(ctx.facts) {
        SwarmState::Unknown => Outcome::Skipped(
            "swarm state unknown: Info.Swarm.LocalNodeState was not reported".to_string(),
        ),
        SwarmState::Inactive => Outcome::pass(1),
        SwarmState::Member { state, facts } => Outcome::fail(vec![Finding::new(
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
        )]),
    }
}
