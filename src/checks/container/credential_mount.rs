//! SECRET-103: host paths holding keys or credentials bind-mounted into a
//! container (~/.ssh, ~/.aws, ~/.docker/config.json, /etc/shadow, *.pem ...),
//! judged from the resolved Container.Mounts.

use crate::checks::support::container::volume_device;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome};
use crate::facts::Container;
use crate::secrets::secret_file_kind;

crate::checks::meta!();

/// Host paths that are credentials, or folders holding only credentials.
const CREDENTIAL_PATHS: &[(&str, &str)] = &[
    ("/etc/shadow", "shadow password hashes"),
    ("/etc/gshadow", "group password hashes"),
    ("/etc/ssl/private", "TLS private keys"),
    ("/etc/pki/tls/private", "TLS private keys"),
    ("/etc/kubernetes/pki", "Kubernetes cluster keys"),
    ("/etc/kubernetes/admin.conf", "Kubernetes admin credentials"),
    (
        "/etc/docker/certs.d",
        "registry client certificates and keys",
    ),
    ("/etc/docker/key.json", "engine identity key"),
    ("/var/lib/docker/swarm", "swarm keys and raft data"),
    ("/etc/ssh", "SSH host private keys"),
    ("/root", "root's home (~/.ssh, ~/.docker, ~/.aws ...)"),
];

/// Path components naming a credential folder or file anywhere.
const CREDENTIAL_NAMES: &[(&str, &str)] = &[
    (".ssh", "SSH keys"),
    (".aws", "AWS credentials"),
    (".kube", "Kubernetes client configuration"),
    (".docker", "Docker registry credentials"),
    (".gnupg", "GnuPG private keys"),
    (".azure", "Azure credentials"),
    (".password-store", "password store"),
    (".vault-token", "Vault token"),
    (".terraform.d", "Terraform credentials"),
    (".git-credentials", "git credentials store"),
    (".netrc", "netrc credentials"),
    (".npmrc", "npm configuration (may hold an auth token)"),
    (".pypirc", "PyPI configuration (may hold a password)"),
];

/// Folders that contain credential paths: mounting them exposes those.
const CONTAINERS_OF: &[(&str, &str)] = &[
    (
        "/",
        "the host's root filesystem (/etc/shadow, /root, every home)",
    ),
    ("/etc", "/etc (/etc/shadow, /etc/ssl/private, /etc/ssh)"),
    ("/home", "every user's home (~/.ssh, ~/.aws, ~/.docker ...)"),
    ("/etc/ssl", "/etc/ssl (including /etc/ssl/private)"),
    (
        "/etc/kubernetes",
        "/etc/kubernetes (cluster keys, admin.conf)",
    ),
    (
        "/etc/docker",
        "/etc/docker (TLS keys, registry certificates)",
    ),
    (
        "/var/lib/docker",
        "the engine's data root (swarm keys, every image)",
    ),
];

/// What credential a host path is or holds, if any.
pub fn credential_kind(path: &str) -> Option<String> {
    let p = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    for (cred, what) in CREDENTIAL_PATHS {
        if p == *cred || p.starts_with(&format!("{cred}/")) {
            return Some(what.to_string());
        }
    }
    for (dir, what) in CONTAINERS_OF {
        if p == *dir {
            return Some(format!("a folder holding credentials: {what}"));
        }
    }
    // A user's home directory (/home/<user>).
    let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() == 2 && parts[0] == "home" {
        return Some("a home directory (~/.ssh, ~/.aws, ~/.docker ...)".to_string());
    }
    for part in &parts {
        for (name, what) in CREDENTIAL_NAMES {
            if part == name {
                return Some(what.to_string());
            }
        }
        if *part == "gcloud" && p.contains("/.config/gcloud") {
            return Some("Google Cloud credentials".to_string());
        }
    }
    if let Some(kind) = secret_file_kind(p) {
        return Some(kind.to_string());
    }
    let lower = p.to_ascii_lowercase();
    if lower.ends_with(".pem") || lower.ends_with("-key.pem") {
        return Some("PEM file (certificate or private key)".to_string());
    }
    None
}

/// A bind mount: host source, container destination, read-write flag, and
/// the field it was read from.
struct Bind {
    source: String,
    destination: String,
    rw: Option<bool>,
    field: &'static str,
}

/// The container's bind mounts: the resolved Mounts (with named volumes that
/// bind a host folder), or when the engine gave none, the requested
/// HostConfig.Binds and HostConfig.Mounts.
fn binds(ctx: &Ctx, c: &Container) -> Vec<Bind> {
    if !c.mounts.is_empty() {
        let mut out = Vec::new();
        for m in &c.mounts {
            if m.kind == "bind" {
                out.push(Bind {
                    source: m.source.clone(),
                    destination: m.destination.clone(),
                    rw: m.rw,
                    field: "Mounts[].Source",
                });
            } else if m.kind == "volume" {
                if let Some(device) = volume_device(ctx, &m.name) {
                    out.push(Bind {
                        source: device,
                        destination: m.destination.clone(),
                        rw: m.rw,
                        field: "Mounts[].Name; engine: volume inspect Options.device",
                    });
                }
            }
        }
        return out;
    }
    let mut out = Vec::new();
    for b in c.host_config.binds.iter().flatten() {
        let mut parts = b.splitn(3, ':');
        let (src, dst) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        // A name instead of an absolute path is a named volume.
        if src.starts_with('/') {
            let opts = parts.next().unwrap_or("");
            out.push(Bind {
                source: src.to_string(),
                destination: dst.to_string(),
                rw: Some(!opts.split(',').any(|o| o == "ro")),
                field: "HostConfig.Binds",
            });
        }
    }
    for m in c
        .host_config
        .mounts
        .iter()
        .flatten()
        .filter(|m| m.kind == "bind")
    {
        out.push(Bind {
            source: m.source.clone(),
            destination: m.target.clone(),
            rw: Some(m.read_only != Some(true)),
            field: "HostConfig.Mounts[].Source",
        });
    }
    out
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let mut findings = Vec::new();
    for c in containers {
        for m in binds(ctx, c) {
            let Some(kind) = credential_kind(&m.source) else {
                continue;
            };
            let rw = match m.rw {
                Some(true) => "read-write",
                Some(false) => "read-only",
                None => "mode unknown",
            };
            findings.push(Finding::new(
                container_subject(c),
                format!(
                    "host path {} ({kind}) is bind-mounted at {} ({rw})",
                    m.source, m.destination
                ),
                Evidence::new(
                    inspect_field(m.field),
                    format!("{} -> {} ({rw})", m.source, m.destination),
                    "no host credential paths mounted; engine secrets under /run/secrets",
                ),
            ));
        }
    }
    Outcome::from_findings(containers.len(), findings, "no containers on this engine")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_binds_when_mounts_are_missing() {
        let mut c = Container::default();
        c.host_config.binds = Some(vec![
            "/home/bob/.aws:/root/.aws:ro".into(),
            "data:/data".into(),
        ]);
        let facts = crate::facts::Facts::new();
        let cfg = crate::checks::AuditConfig::default();
        let ctx = Ctx::new(&facts, &cfg);
        let b = binds(&ctx, &c);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].rw, Some(false));
        assert_eq!(b[0].field, "HostConfig.Binds");
    }

    #[test]
    fn named_volume_binding_a_credential_folder() {
        use crate::facts::engine::{MountPoint, Volume};
        use crate::facts::Source;
        let mut c = Container::default();
        c.mounts.push(MountPoint {
            kind: "volume".into(),
            name: "keys".into(),
            source: "/var/lib/docker/volumes/keys/_data".into(),
            destination: "/keys".into(),
            ..Default::default()
        });
        let mut facts = crate::facts::Facts::new();
        facts.volumes = Source::Present(vec![Volume {
            name: "keys".into(),
            options: Some(
                [
                    ("type", "none"),
                    ("o", "bind"),
                    ("device", "/home/bob/.ssh"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ),
            ..Default::default()
        }]);
        let cfg = crate::checks::AuditConfig::default();
        let ctx = Ctx::new(&facts, &cfg);
        let b = binds(&ctx, &c);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].source, "/home/bob/.ssh");
        assert!(credential_kind(&b[0].source).is_some());
    }

    #[test]
    fn credential_paths() {
        for p in [
            "/home/bob/.ssh",
            "/home/bob/.ssh/",
            "/root/.ssh/id_rsa",
            "/home/bob/.aws",
            "/home/bob/.docker/config.json",
            "/home/bob/.kube/config",
            "/etc/ssl/private",
            "/etc/shadow",
            "/root",
            "/srv/tls/server.key",
            "/srv/tls/server.pem",
            "/tmp/workload-e2e-creds/.ssh",
            "/",
            "/etc",
            "/home",
            "/home/bob",
            "/home/bob/.config/gcloud",
        ] {
            assert!(credential_kind(p).is_some(), "{p}");
        }
        for p in [
            "/srv/data",
            "/var/log",
            "/home/bob/project",
            "/etc/nginx/nginx.conf",
            "/run/secrets",
            "/tmp",
            "/etc/ssl/certs",
            "/rootfs-data",
        ] {
            assert!(
                credential_kind(p).is_none(),
                "{p}: {:?}",
                credential_kind(p)
            );
        }
    }
}
