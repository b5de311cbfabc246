//! USER-004: the daemon listens on TCP without TLS client verification
//! (CIS 2.7).

use crate::checks::support::daemon::{podman_na, setting, setting_source};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};
use crate::facts::daemon::Setting;

crate::checks::meta!();

/// dockerd reads an address without a scheme (`0.0.0.0`, `host:2375`) as
/// TCP; only unix, fd and npipe addresses are not network listeners.
fn is_tcp(h: &str) -> bool {
    let h = h.trim();
    match h.split_once("://") {
        Some((scheme, _)) => matches!(scheme, "tcp" | "http" | "https"),
        None => !h.is_empty(),
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "host") {
        return na;
    }
    let hosts = setting(ctx, "host");
    if let Setting::Unknown(r) = &hosts {
        return Outcome::Skipped(format!("the daemon's listeners are unknown: {r}"));
    }
    let mut tcp: Vec<(String, String)> = hosts
        .values()
        .iter()
        .filter(|h| is_tcp(h))
        .map(|h| (h.trim().to_string(), setting_source(&hosts)))
        .collect();
    // With no host given, a daemon started with TLS listens on
    // tcp://localhost:2376 (dockerd's default TLS host), not the socket.
    if matches!(hosts, Setting::Default { .. }) {
        let tls = setting(ctx, "tls");
        let verify = setting(ctx, "tlsverify");
        let on = |s: &Setting| s.bool_or(false) == Some(true);
        if on(&tls) || on(&verify) {
            let by = if on(&tls) { &tls } else { &verify };
            tcp.push((
                "tcp://localhost:2376".to_string(),
                format!(
                    "no host set, TLS on: dockerd's default TLS host ({})",
                    setting_source(by)
                ),
            ));
        }
    }
    // Socket activation: docker.socket, or any socket unit that hands its
    // sockets to docker.service, may listen on a TCP port itself.
    if let Some(units) = ctx.facts.daemon.get().and_then(|d| d.units.get()) {
        let to_engine = |u: &&crate::facts::daemon::UnitFile| {
            u.unit == "docker.socket"
                || (u.unit.ends_with(".socket")
                    && units
                        .iter()
                        .filter(|o| o.unit == u.unit)
                        .any(|o| o.service.iter().any(|s| s == "docker.service")))
        };
        for u in units.iter().filter(to_engine) {
            for l in &u.listen_stream {
                let l = l.trim();
                if !l.starts_with('/') && !l.is_empty() && !l.starts_with('@') {
                    tcp.push((l.to_string(), format!("file: {} ListenStream=", u.path)));
                }
            }
        }
    }
    if tcp.is_empty() {
        // Socket activation (-H fd://) listens where docker.socket says: a
        // unit file that could not be read may name a TCP port.
        let activated = hosts.values().iter().any(|h| h.starts_with("fd://"));
        let unread = ctx
            .facts
            .daemon
            .get()
            .map(|d| d.units_unread.as_slice())
            .unwrap_or_default();
        if activated && !unread.is_empty() {
            return Outcome::Skipped(format!(
                "the daemon takes its sockets from systemd (fd://), and these unit files could not be read: {}",
                unread.join("; ")
            ));
        }
        return Outcome::pass(1).with_observations(vec![Observation {
            subject: Subject::daemon(),
            message: format!(
                "no TCP listener; hosts: {}",
                if hosts.values().is_empty() {
                    "default unix socket".to_string()
                } else {
                    hosts.values().join(", ")
                }
            ),
            source: setting_source(&hosts),
        }]);
    }
    let verify = setting(ctx, "tlsverify");
    let Some(v) = verify.bool_or(false) else {
        return Outcome::Skipped(format!(
            "TCP listener {} found but --tlsverify is unknown: {}",
            tcp[0].0,
            verify.origin()
        ));
    };
    if v {
        return Outcome::pass(tcp.len());
    }
    let tls = setting(ctx, "tls").bool_or(false) == Some(true);
    let findings = tcp
        .into_iter()
        .map(|(h, src)| {
            Finding::new(
                Subject::daemon(),
                format!(
                    "the daemon listens on {h} {}",
                    if tls {
                        "with TLS but without client verification (--tls without --tlsverify)"
                    } else {
                        "without TLS"
                    }
                ),
                Evidence::new(
                    format!("{src}; {}", setting_source(&verify)),
                    format!("{h}, tlsverify {}", verify.value().unwrap_or("not set")),
                    "tlsverify true with tlscacert, tlscert, tlskey",
                ),
            )
        })
        .collect();
    Outcome::from_findings(1, findings, "")
}
