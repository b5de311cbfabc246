//! DF-009: COPY/ADD of secret-bearing files (keys, .npmrc, .env, cloud
//! credentials) into the image (CIS 4.10).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_keywords(ctx, &["COPY", "ADD"], true, |df, inst, out| {
        let Some((sources, dest)) = inst.copy_paths() else {
            return;
        };
        let mut seen = false;
        for s in &sources {
            if let Some(kind) = copied_secret_kind(s) {
                seen = true;
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{} copies {s} ({kind}) into the image", inst.keyword),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
        // A heredoc's body is written to the destination: its secrets are
        // in the layer.
        for h in &inst.heredocs {
            for hit in crate::secrets::scan_text(&h.content) {
                seen = true;
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!(
                        "{} writes a {} ({}) into {dest}",
                        inst.keyword, hit.description, hit.redacted
                    ),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
        // `COPY . /root/` style, or a heredoc, with a secret destination
        // name.
        let one_source = sources.len() == 1 || (sources.is_empty() && !inst.heredocs.is_empty());
        let benign = sources.first().is_some_and(|s| benign_in_folder(s));
        if !seen && one_source && !benign {
            if let Some(kind) = copied_secret_kind(&dest) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{} writes {dest} ({kind}) into the image", inst.keyword),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
    })
}

/// What a COPY/ADD path names: a secret file ([`crate::secrets::secret_file_kind`]),
/// one a glob stands for (`id_rsa*`), a folder of credentials (`.ssh`,
/// `.aws`), or a PEM file named as a key (`privkey.pem`; certificates are
/// PEM too, so not every `.pem`).
fn copied_secret_kind(path: &str) -> Option<&'static str> {
    if let Some(k) = crate::secrets::secret_file_kind(path) {
        return Some(k);
    }
    let p = path.trim_end_matches('/');
    let (dir, name) = p.rsplit_once('/').unwrap_or(("", p));
    let name = name.to_ascii_lowercase();
    if let Some(stem) = name.find(['*', '?', '[']).map(|i| &name[..i]) {
        if !stem.is_empty() {
            if let Some(k) = crate::secrets::secret_file_kind(&format!("{dir}/{stem}")) {
                return Some(k);
            }
        }
    }
    match name.as_str() {
        ".ssh" => Some("SSH folder (private keys)"),
        ".aws" => Some("AWS credentials folder"),
        ".docker" => Some("Docker client folder (registry credentials)"),
        ".kube" => Some("Kubernetes client folder"),
        ".gnupg" => Some("GnuPG keyring folder"),
        n if n.ends_with(".pem")
            && (n == "key.pem"
                || [".key.pem", "-key.pem", "_key.pem"]
                    .iter()
                    .any(|s| n.ends_with(s))
                || n.starts_with("privkey")
                || n.contains("private")) =>
        {
            Some("private key file (PEM)")
        }
        _ => None,
    }
}

/// Files a credentials folder holds that are not secrets: a COPY of one
/// into `.ssh/` or `.aws/` is not a key.
fn benign_in_folder(source: &str) -> bool {
    let name = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(source);
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "known_hosts" | "authorized_keys" | "config" | "ssh_config"
    ) || name.ends_with(".pub")
}

crate::checks::support::dockerfile::examples! {
    fail: [
        ("FROM a:1\nCOPY id_rsa /root/.ssh/id_rsa\nCOPY .npmrc .env ./\nCOPY creds /root/.aws/credentials\n", 4),
        ("FROM a:1\nCOPY <<EOF /app/.env\nLOG_LEVEL=info\nEOF\n", 1),
        ("FROM a:1\nCOPY <<EOF /app/config.yml\ndb:\n  password: Zk81mWq0pLx7Vb3nTc\nEOF\n", 1),
        ("FROM a:1\nCOPY .ssh /root/.ssh\n", 1),
        ("FROM a:1\nCOPY deploy_key /root/.ssh/\n", 1),
        ("FROM a:1\nCOPY aws/ /root/.aws/\n", 1),
        ("FROM a:1\nCOPY certs/privkey.pem tls-key.pem /etc/tls/\n", 2),
        ("FROM a:1\nCOPY ./id_rsa* /root/\n", 1),
        ("FROM a:1\nONBUILD COPY id_rsa /root/.ssh/id_rsa\n", 1),
    ],
    pass: ["FROM a:1\nCOPY . /app\nCOPY id_rsa.pub /k\nCOPY .env.example /app/\nCOPY certs/fullchain.pem certs/ca.pem /etc/tls/\nCOPY pubkey.pem keycloak.pem yubikey-ca.pem /k/\nCOPY known_hosts /root/.ssh/\nCOPY ssh_config /root/.ssh/config\n"],
}
