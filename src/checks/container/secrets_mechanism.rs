//! SECRET-104: which secrets mechanism each container uses (engine/swarm
//! secrets under /run/secrets, a vault agent mount, *_FILE variables, plain
//! environment variables). Informational: plain environment variables are
//! info findings, every other container an observation.

use crate::checks::support::container::judge_specs;
use crate::checks::support::inspect_field;
use crate::checks::{Ctx, Evidence, Observation, Outcome};
use crate::facts::Container;
use crate::secrets::{scan_env, scan_kv};
use crate::subject::ContainerSpec;

crate::checks::meta!();

/// The mechanisms one container uses, as short phrases.
pub fn mechanisms(ctx: &Ctx, c: &Container) -> Vec<String> {
    let mut out = Vec::new();
    let secret_mounts: Vec<&str> = c
        .mounts
        .iter()
        .filter(|m| m.destination == "/run/secrets" || m.destination.starts_with("/run/secrets/"))
        .map(|m| m.destination.as_str())
        .collect();
    if !secret_mounts.is_empty() {
        out.push(format!(
            "engine/compose secrets mounted at {}",
            secret_mounts.join(", ")
        ));
    }
    // Swarm tasks: the service spec lists the secrets it references.
    if let Some(service) = c.config.labels.get("com.docker.swarm.service.name") {
        let services = ctx
            .facts
            .swarm
            .get()
            .and_then(|s| s.services.as_ref())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for s in services {
            if s.pointer("/Spec/Name").and_then(|v| v.as_str()) != Some(service) {
                continue;
            }
            let names: Vec<String> = s
                .pointer("/Spec/TaskTemplate/ContainerSpec/Secrets")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("SecretName").and_then(|n| n.as_str()))
                .map(|n| n.to_string())
                .collect();
            if !names.is_empty() {
                out.push(format!(
                    "swarm secrets of service {service}: {}",
                    names.join(", ")
                ));
            }
        }
    }
    let vault: Vec<&str> = c
        .mounts
        .iter()
        .filter(|m| {
            let d = m.destination.to_ascii_lowercase();
            let n = m.name.to_ascii_lowercase();
            d.contains("vault") || n.contains("vault")
        })
        .map(|m| m.destination.as_str())
        .collect();
    if !vault.is_empty() {
        out.push(format!("vault agent mount at {}", vault.join(", ")));
    }
    let env: Vec<&String> = c.config.env.iter().flatten().collect();
    let file_vars: Vec<&str> = env
        .iter()
        .filter_map(|e| {
            let (k, v) = e.split_once('=')?;
            (k.ends_with("_FILE") && (v.starts_with("/run/secrets") || v.contains("vault")))
                .then_some(k)
        })
        .collect();
    if !file_vars.is_empty() {
        out.push(format!("secret files named by {}", file_vars.join(", ")));
    }
    if env
        .iter()
        .any(|e| e.starts_with("VAULT_ADDR=") || e.starts_with("VAULT_AGENT_ADDR="))
    {
        out.push("vault client configuration (VAULT_ADDR)".to_string());
    }
    let plain: Vec<String> = env
        .iter()
        .filter_map(|e| scan_env(e).map(|(n, _)| n))
        .collect();
    if !plain.is_empty() {
        out.push(format!(
            "plain environment variables: {} (see SECRET-100/IMG-004)",
            plain.join(", ")
        ));
    }
    out
}

/// The mechanisms of a compose service or workload container: its
/// references to a secret store, `*_FILE` variables, and plain variables.
fn spec_mechanisms(s: &ContainerSpec) -> (Vec<String>, Vec<String>) {
    let mut out: Vec<String> = s.secret_refs.strings();
    let env: Vec<(&str, &str)> = s
        .env
        .values()
        .filter_map(|e| Some((e.name.as_str(), e.value.as_deref()?)))
        .collect();
    let file_vars: Vec<&str> = env
        .iter()
        .filter(|(k, v)| {
            k.ends_with("_FILE") && (v.starts_with("/run/secrets") || v.contains("vault"))
        })
        .map(|(k, _)| *k)
        .collect();
    if !file_vars.is_empty() {
        out.push(format!("secret files named by {}", file_vars.join(", ")));
    }
    let plain: Vec<String> = env
        .iter()
        .filter(|(k, v)| scan_kv(k, v).is_some())
        .map(|(k, _)| k.to_string())
        .collect();
    if !plain.is_empty() {
        out.push(format!(
            "plain environment variables: {} (see SECRET-100)",
            plain.join(", ")
        ));
    }
    (out, plain)
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let engine_source = format!(
        "{}, {}",
        inspect_field("Mounts"),
        inspect_field("Config.Env")
    );
    let notes = std::cell::RefCell::new(Vec::new());
    let outcome = judge_specs(ctx, |s| {
        let (m, plain, source) = match s.container {
            Some(c) => {
                let plain: Vec<String> = c
                    .config
                    .env
                    .iter()
                    .flatten()
                    .filter_map(|e| scan_env(e).map(|(n, _)| n))
                    .collect();
                (mechanisms(ctx, c), plain, engine_source.clone())
            }
            None => {
                let (m, plain) = spec_mechanisms(s);
                (m, plain, s.env.from.source())
            }
        };
        if !plain.is_empty() {
            let observed = format!(
                "secret-looking variables {} (values not shown)",
                plain.join(", ")
            );
            let expected =
                "secrets from engine secrets, a Kubernetes Secret or a vault agent mount";
            // A file's finding points at the first such variable's line.
            let evidence = match s.env.items.iter().find(|e| e.value.name == plain[0]) {
                Some(e) if s.container.is_none() => e.from.evidence(observed, expected),
                _ => Evidence::new(source, observed, expected),
            };
            return Ok(vec![
                s.finding(format!("secrets from: {}", m.join("; ")), evidence)
            ]);
        }
        notes.borrow_mut().push(Observation {
            subject: s.subject.clone(),
            message: if m.is_empty() {
                "no secrets mechanism seen (no /run/secrets mount, secret reference, vault \
                 mount, *_FILE variable or secret-looking variable)"
                    .to_string()
            } else {
                format!("secrets from: {}", m.join("; "))
            },
            source,
        });
        Ok(vec![])
    });
    outcome.with_observations(notes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::engine::MountPoint;
    use crate::facts::Facts;

    #[test]
    fn names_each_mechanism_without_values() {
        let mut c = Container::default();
        c.mounts.push(MountPoint {
            kind: "bind".into(),
            source: "/srv/secrets/db".into(),
            destination: "/run/secrets/db".into(),
            ..Default::default()
        });
        c.mounts.push(MountPoint {
            kind: "volume".into(),
            name: "vault-agent".into(),
            destination: "/vault/secrets".into(),
            ..Default::default()
        });
        c.config.env = Some(vec![
            "DB_PASSWORD_FILE=/run/secrets/db".into(),
            "API_TOKEN=tok-e2e-4711abcd".into(),
        ]);
        let facts = Facts::new();
        let cfg = AuditConfig::default();
        let ctx = Ctx::new(&facts, &cfg);
        let m = mechanisms(&ctx, &c).join("; ");
        assert!(m.contains("/run/secrets/db"), "{m}");
        assert!(m.contains("vault agent mount at /vault/secrets"), "{m}");
        assert!(m.contains("DB_PASSWORD_FILE"), "{m}");
        assert!(m.contains("API_TOKEN") && !m.contains("4711"), "{m}");
        assert!(mechanisms(&ctx, &Container::default()).is_empty());
    }
}
