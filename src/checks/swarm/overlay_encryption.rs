//! HOST-154: overlay networks without data-plane encryption (CIS 7.3).

use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "HOST-154",
    slug: "overlay-network-not-encrypted",
    title: "Overlay network not encrypted",
    cis: &["7.3"],
    severity: Severity::Medium,
    item: "Network restricted",
    needs: &[Need::Networks],
    rationale: "Traffic between containers on different nodes of an overlay network crosses \
        the physical network in VXLAN packets: unencrypted unless the network was created \
        with the `encrypted` option (IPsec between nodes). CIS 7.3 asks that all overlay \
        networks be encrypted, the ingress network included.",
    remediation: "Recreate the network encrypted: `docker network create --driver overlay \
        --opt encrypted <name>` (compose: `driver_opts: {encrypted: \"\"}`); for the \
        ingress network, remove and recreate it with `--ingress --opt encrypted`.",
    references: &["https://docs.docker.com/engine/network/drivers/overlay/#encrypt-traffic-on-an-overlay-network"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let overlays: Vec<_> = ctx
        .facts
        .networks()
        .iter()
        .filter(|n| n.driver == "overlay")
        .collect();
    let findings = overlays
        .iter()
        .filter(|n| !n.options.contains_key("encrypted"))
        .map(|n| {
            let mut subject = Subject::new("network", &n.name);
            subject.id = Some(n.id[..n.id.len().min(12)].to_string());
            let opts: Vec<String> = n.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
            Finding::new(
                subject,
                format!("overlay network {} is not encrypted", n.name),
                Evidence::new(
                    "engine: network inspect Options",
                    if opts.is_empty() {
                        "{}".to_string()
                    } else {
                        opts.join(", ")
                    },
                    "option \"encrypted\" present",
                ),
            )
        })
        .collect();
    Outcome::from_findings(
        overlays.len(),
        findings,
        "no overlay networks on this engine",
    )
}
