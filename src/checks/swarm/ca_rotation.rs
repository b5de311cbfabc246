//! HOST-158: swarm CA rotation (CIS 7.8), manual with the cluster's CA facts
//! as hints.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at, time_at};
use crate::checks::{Check, Ctx, Mode, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "HOST-158",
    slug: "swarm-ca-not-rotated",
    title: "Swarm CA certificate not rotated as appropriate",
    cis: &["7.8"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "CIS host items: swarm CA rotated",
    rationale: "The swarm root CA signs every node certificate; if its key leaks, an \
        attacker can join nodes. CIS 7.8 asks that the CA be rotated as the policy requires \
        (and at once after a suspected compromise).",
    remediation: "`docker swarm ca --rotate` (optionally with an external CA's \
        `--ca-cert`/`--ca-key`), then confirm every node received a new certificate.",
    references: &["https://docs.docker.com/reference/cli/docker/swarm/ca/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let request = "Ask for the CA rotation policy and the date of the last `docker swarm ca \
                   --rotate`; check the root CA certificate's validity (`docker info \
                   --format '{{json .Swarm.Cluster.TLSInfo}}'`).";
    if let Err(o) = member_or_manual(ctx, request) {
        return o;
    }
    let mut o = Vec::new();
    if let Some(cluster) = ctx.facts.swarm.get().and_then(|s| s.cluster.as_ref()) {
        if let Some(t) = time_at(cluster, "/CreatedAt") {
            o.push(obs(
                format!("swarm created {}", t.format("%Y-%m-%d")),
                "engine: GET /swarm CreatedAt",
            ));
        }
        if let Some(r) = cluster
            .get("RootRotationInProgress")
            .and_then(|v| v.as_bool())
        {
            o.push(obs(
                format!("root CA rotation in progress: {r}"),
                "engine: GET /swarm RootRotationInProgress",
            ));
        }
    }
    if let Some(ext) = spec_at(ctx, "/CAConfig/ExternalCAs").and_then(|v| v.as_array()) {
        o.push(obs(
            format!("{} external CA(s) configured", ext.len()),
            "engine: GET /swarm Spec.CAConfig.ExternalCAs",
        ));
    }
    Outcome::manual(request).with_observations(o)
}
