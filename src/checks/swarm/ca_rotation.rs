//! HOST-158: swarm CA rotation (CIS 7.8), manual with the cluster's CA facts
//! as hints.

use crate::checks::support::swarm::{member_or_manual, obs, spec_at, time_at};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

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
