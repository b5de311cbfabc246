//! HOST-157: swarm node certificate rotation (CIS 7.7), manual with the
//! configured certificate expiry as hint.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at};
use crate::checks::{Check, Ctx, Mode, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "HOST-157",
    slug: "swarm-node-certs-not-rotated",
    title: "Swarm node certificates not rotated as appropriate",
    cis: &["7.7"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "CIS host items: swarm node certificates rotated",
    rationale: "Swarm nodes authenticate with TLS certificates the managers issue; the \
        rotation period (CAConfig.NodeCertExpiry, 90 days by default) bounds how long a \
        stolen node certificate works. CIS 7.7 asks that it fit the organisation's policy.",
    remediation: "`docker swarm update --cert-expiry 720h` (30 days) or the period the policy \
        names.",
    references: &["https://docs.docker.com/reference/cli/docker/swarm/update/"],
    evaluate,
    ..super::RULE
};

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
