//! HOST-157: swarm node certificate rotation (CIS 7.7), manual with the
//! configured certificate expiry as hint.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let request = "Ask for the node certificate rotation policy and compare it with the \
                   configured expiry below (`docker info --format '{{.Swarm.Cluster.Spec.CAConfig}}'`).";
    if let Err(o) = member_or_manual(ctx, request) {
        return o;
    }
    let mut o = Vec::new();
    match spec_at(ctx, "/CAConfig/NodeCertExpiry").and_then(|v| v.as_i64()) {
        Some(ns) => o.push(obs(
            format!(
                "node certificates expire after {} days (CAConfig.NodeCertExpiry {ns} ns)",
                ns / 86_400_000_000_000
            ),
            "engine: GET /swarm Spec.CAConfig.NodeCertExpiry",
        )),
        None => o.push(obs(
            "node certificate expiry not readable (manager-only swarm spec)".to_string(),
            "engine: GET /swarm Spec.CAConfig.NodeCertExpiry",
        )),
    }
    Outcome::manual(request).with_observations(o)
}
