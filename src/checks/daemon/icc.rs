//! RES-200: inter-container communication on the default bridge is not
//! restricted (CIS 2.2).

use crate::checks::support::daemon::{daemon_fail, judge_bool, podman_na, setting, setting_source};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};
use crate::facts::Network;

crate::checks::meta!();

/// The default bridge network as the engine reports it, when the networks
/// were read: Some(None) when the engine has no default bridge.
fn default_bridge<'a>(ctx: &Ctx<'a>) -> Option<Option<&'a Network>> {
    let nets = ctx.facts.networks.get()?;
    Some(nets.iter().find(|n| {
        n.driver == "bridge"
            && (n
                .options
                .get("com.docker.network.bridge.default_bridge")
                .is_some_and(|v| v == "true")
                || n.name == "bridge")
    }))
}

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "icc") {
        return na;
    }
    // The engine's own default bridge network is the applied value; the
    // daemon's command line and daemon.json are the fallback. Either source
    // suffices, so `needs` is empty and the unknown case is skipped here.
    match default_bridge(ctx) {
        Some(None) => {
            return Outcome::NotApplicable(
                "the engine has no default bridge network (daemon started with bridge none): icc has nothing to restrict"
                    .into(),
            )
        }
        Some(Some(n)) => {
            let v = n
                .options
                .get("com.docker.network.bridge.enable_icc")
                .map(String::as_str)
                .unwrap_or("true");
            if v == "false" {
                return unenforced(ctx).unwrap_or_else(|| Outcome::pass(1));
            }
            return Outcome::fail(vec![Finding::new(
                    Subject::new("network", &n.name),
                    format!("containers on the default bridge {} may talk to each other (enable_icc {v})", n.name),
                    Evidence::new(
                        format!(
                            "engine: network inspect {} Options[\"com.docker.network.bridge.enable_icc\"]",
                            n.name
                        ),
                        v,
                        "false (daemon icc=false)",
                    ),
                )]);
        }
        None => {}
    }
    let bridge = setting(ctx, "bridge");
    if bridge.value() == Some("none") {
        return Outcome::NotApplicable(format!(
            "the daemon runs with bridge none ({}): there is no default bridge, so icc has nothing to restrict",
            bridge.origin()
        ));
    }
    let verdict = judge_bool(
        ctx,
        "icc",
        true,
        false,
        "containers on the default bridge may talk to each other",
    );
    match verdict {
        Outcome::Pass { .. } => unenforced(ctx).unwrap_or(verdict),
        other => other,
    }
}

/// icc=false is enforced by the engine's iptables rules: with
/// `--iptables=false` nothing blocks traffic between containers.
fn unenforced(ctx: &Ctx) -> Option<Outcome> {
    let ipt = setting(ctx, "iptables");
    (ipt.bool_or(true) == Some(false)).then(|| {
        daemon_fail(
            "icc is false but the engine does not manage iptables (--iptables=false): nothing blocks traffic between containers on the default bridge",
            Evidence::new(setting_source(&ipt), "iptables false", "iptables true with icc false"),
        )
    })
}
