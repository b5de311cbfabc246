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
        if idx.secure == Some(false) && !is_loopback_registry(name) {
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

/// A registry name whose host is the loopback: `localhost` or an address
/// in 127.0.0.0/8 or ::1, with or without a port (the engine treats those
/// as insecure by default). `localhost.corp.example` or `127.registry.x`
/// are other hosts.
fn is_loopback_registry(name: &str) -> bool {
    if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let host = match name.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(rest),
        None => name.rsplit_once(':').map_or(name, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                name
            }
        }),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::is_loopback_registry;

    #[test]
    fn loopback_names_only() {
        for n in [
            "localhost",
            "localhost:5000",
            "127.0.0.1:5000",
            "127.3.4.5",
            "[::1]:5000",
            "::1",
        ] {
            assert!(is_loopback_registry(n), "{n}");
        }
        for n in [
            "localhost.corp.example.com:5000",
            "127.registry.example:5000",
            "registry.local:5000",
            "10.0.0.1:5000",
        ] {
            assert!(!is_loopback_registry(n), "{n}");
        }
    }
}
