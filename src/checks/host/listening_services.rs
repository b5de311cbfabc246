//! HOST-009: non-essential listening services on the container host
//! (checklist "only needed components", manual with the listeners found).

use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut obs = Vec::new();
    if let Some(l) = ctx.facts.host.get().and_then(|h| h.listeners.get()) {
        for s in l.iter().filter(|s| !s.is_loopback()) {
            obs.push(Observation {
                subject: Subject::host(),
                message: format!(
                    "{} {}:{} listens{}",
                    s.proto,
                    s.address,
                    s.port,
                    match (&s.process, s.pid) {
                        (Some(p), Some(pid)) => format!(" (process {p}, pid {pid})"),
                        _ => " (owning process not readable)".to_string(),
                    }
                ),
                source: format!("host: /proc/net/{}", s.proto),
            });
        }
    }
    Outcome::manual(
        "Ask the host owner for the list of services this host must run and compare it with \
         the non-loopback listeners below (and `ss -tulpn` on the host); every other listener \
         is a finding. Published container ports appear as docker-proxy or as the container's \
         own process.",
    )
    .with_observations(obs)
}
