//! RES-202: insecure registries are configured (CIS 2.5).

use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    let rc = crate::checks::support::or_skip!(
        &e.info.registry_config,
        "the engine reported no RegistryConfig"
    );
    let mut findings: Vec<Finding> = rc
        .insecure_registry_cidrs
        .iter()
        // The engine always lists loopback as insecure.
        .filter(|c| c.as_str() != "127.0.0.0/8" && c.as_str() != "::1/128")
        .map(|c| {
            Finding::new(
                Subject::daemon(),
                format!("registries in {c} are insecure"),
                Evidence::new(
                    "engine: /info RegistryConfig.InsecureRegistryCIDRs",
                    c.clone(),
                    "only 127.0.0.0/8",
                ),
            )
        })
        .collect();
    for (name, idx) in &rc.index_configs {
        if idx.secure == Some(false) && !crate::collect::registry::reference::is_loopback(name) {
            findings.push(Finding::new(
                Subject::daemon(),
                format!("registry {name} is configured insecure"),
                Evidence::new(
                    format!("engine: /info RegistryConfig.IndexConfigs[{name}].Secure"),
                    "false",
                    "true",
                ),
            ));
        }
    }
    Outcome::from_findings(1, findings, "")
}
