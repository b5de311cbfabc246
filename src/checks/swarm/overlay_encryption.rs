//! HOST-154: overlay networks without data-plane encryption (CIS 7.3).

use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

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
