//! HOST-159: swarm management and data plane separation (CIS 7.9), manual
//! with node addresses as hints.

use crate::checks::support::swarm::{member_or_manual, obs, str_at};
use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let request = "Ask for the network design of the swarm nodes and confirm each node was \
                   joined with `--data-path-addr` on an interface separate from its \
                   `--advertise-addr` (compare `docker node inspect` Status.Addr with the \
                   data interfaces).";
    if let Err(o) = member_or_manual(ctx, request) {
        return o;
    }
    let mut o = Vec::new();
    if let Some(info) = ctx.facts.engine.get().and_then(|e| e.info.swarm.as_ref()) {
        if !info.node_addr.is_empty() {
            o.push(obs(
                format!("this node advertises {}", info.node_addr),
                "engine: info Swarm.NodeAddr",
            ));
        }
    }
    for n in ctx
        .facts
        .swarm
        .get()
        .and_then(|s| s.nodes.as_ref())
        .into_iter()
        .flatten()
    {
        let host = str_at(n, "/Description/Hostname").unwrap_or("?");
        let addr = str_at(n, "/Status/Addr").unwrap_or("?");
        o.push(Observation {
            subject: Subject::new("node", host),
            message: format!("node address {addr}"),
            source: "engine: GET /nodes Status.Addr".to_string(),
        });
    }
    Outcome::manual(request).with_observations(o)
}
