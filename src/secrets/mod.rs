//! The shared secrets detector: high-confidence token formats, secret-looking
//! variable names with non-trivial values, secret-bearing file names and
//! contents. Used by the container, image and Dockerfile checks. Pure: no
//! I/O. It never returns a secret itself, only a redacted form.

use std::sync::LazyLock;

pub mod files;
pub mod generic;
pub mod keys;
pub mod rules;
pub mod scan;

use regex::Regex;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A variable name that says secret, with a value that looks like one.
    Medium,
    /// A known token format.
    High,
}

/// One secret found. `redacted` is safe to print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretHit {
    /// Stable rule name, e.g. "aws-access-key-id", "secret-name".
    pub rule: &'static str,
    /// Human description, e.g. "AWS access key id".
    pub description: &'static str,
    pub confidence: Confidence,
    pub redacted: String,
}

/// A secret located in a text: the rule that found it and the byte range
/// of the secret value itself (not of the whole match: for `password =
/// "x"` the range covers `x`), so callers can give line and column, redact
/// exactly the value and fingerprint it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Stable rule id, e.g. "github-pat", "private-key", "generic-password".
    pub rule: &'static str,
    /// Human description, e.g. "GitHub personal access token".
    pub description: &'static str,
    pub confidence: Confidence,
    /// Byte range of the secret value in the scanned text.
    pub start: usize,
    pub end: usize,
    /// What else the rule established: "encrypted" (a passphrase-protected
    /// private key), "checksum verified", the credential file format.
    pub detail: Option<String>,
}

/// The name says it holds a secret (DB_PASSWORD, apiKey, AWS_SECRET_ACCESS_KEY).
pub fn is_secret_name(name: &str) -> bool {
    generic::is_secret_name(name)
}

/// A value worth calling a secret: not empty, not a reference to another
/// variable, not a path, not a boolean or a placeholder.
pub fn is_nontrivial_value(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if v.len() < 4 {
        return false;
    }
    if v.starts_with('$') || v.starts_with('/') || v.starts_with("~/") {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    const PLACEHOLDERS: &[&str] = &[
        "true",
        "false",
        "none",
        "null",
        "empty",
        "unset",
        "undefined",
        "required",
        "<none>",
        "xxxx",
        "xxxxx",
        "xxxxxx",
        "xxxxxxxx",
        "****",
        "********",
        "redacted",
        "<redacted>",
        "placeholder",
        "your_password",
        "your-password",
        "yourpassword",
        "your_token",
        "your_api_key",
        "example",
    ];
    if PLACEHOLDERS.contains(&lower.as_str()) {
        return false;
    }
    if (v.starts_with('<') && v.ends_with('>')) || (v.starts_with("{{") && v.ends_with("}}")) {
        return false;
    }
    // All one character ("xxxxxxxx", "00000000").
    let first = v.chars().next().unwrap_or(' ');
    if v.chars().all(|c| c == first) {
        return false;
    }
    true
}

/// The redacted form of a secret: a type-revealing prefix only for long
/// tokens, and the length.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    if n >= 20 {
        let prefix: String = secret.chars().take(4).collect();
        format!("{prefix}… [redacted, {n} chars]")
    } else {
        format!("[redacted, {n} chars]")
    }
}

/// Known token formats in free text (a history command, a RUN line, a
/// file's content, an environment value).
pub fn scan_text(text: &str) -> Vec<SecretHit> {
    hits_of(TEXT_SYNTAX, text)
}

/// The syntax a bare text (a command line, an environment entry, a label
/// value) is read in: shell's, where an unquoted value ends at whitespace.
const TEXT_SYNTAX: &str = "text.sh";

/// The engine's hits on `text` as redacted [`SecretHit`]s, one per
/// distinct redacted value.
fn hits_of(path: &str, text: &str) -> Vec<SecretHit> {
    let mut hits: Vec<SecretHit> = Vec::new();
    for h in scan::scan(path, text) {
        let value = &text[h.start..h.end];
        let redacted = if h.rule == "private-key" {
            "-----BEGIN … PRIVATE KEY----- [redacted]".to_string()
        } else {
            redact(value)
        };
        let hit = SecretHit {
            rule: h.rule,
            description: h.description,
            confidence: h.confidence,
            redacted,
        };
        if !hits.contains(&hit) {
            hits.push(hit);
        }
    }
    hits
}

/// The text with every secret in it redacted: known token formats, and
/// the values of secret-looking assignments (`PASSWORD=...`,
/// `api_key: ...`, `--password ...`). Evidence excerpts go through this.
pub fn redact_text(text: &str) -> String {
    // Many checks quote the same instruction or value: the result is kept
    // per thread for texts seen before (a bounded cache, cleared when full).
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, String>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    const MAX_SEEN: usize = 4096;
    if let Some(hit) = SEEN.with(|c| c.borrow().get(text).cloned()) {
        return hit;
    }
    let out = redact_uncached(text);
    SEEN.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_SEEN {
            c.clear();
        }
        c.insert(text.to_string(), out.clone());
    });
    out
}

fn redact_uncached(text: &str) -> String {
    // Every value the scanner finds, replaced from the end so earlier
    // offsets stay valid.
    let mut out = text.to_string();
    let mut found = scan::scan(TEXT_SYNTAX, text);
    found.sort_by_key(|h| std::cmp::Reverse(h.start));
    for h in found {
        let value = &text[h.start..h.end];
        let shown = if h.rule == "private-key" || value.contains('\n') {
            "[redacted block]".to_string()
        } else {
            redact(value)
        };
        out.replace_range(h.start..h.end, &shown);
    }
    // Credentials in URLs are hidden whatever the detector judged of them
    // (an example host, a weak password): redaction errs on hiding.
    out = URL_USERINFO
        .replace_all(&out, |c: &regex::Captures| {
            let pass = &c[2];
            if pass.starts_with('$') || pass.contains("[redacted") {
                c[0].to_string()
            } else {
                format!("{}{}@", &c[1], redact(pass))
            }
        })
        .into_owned();
    for re in [&*ASSIGNMENT, &*FLAG] {
        out = re
            .replace_all(&out, |c: &regex::Captures| {
                let name = &c[1];
                let value = c[3].trim_matches(|ch| ch == '"' || ch == '\'');
                if value.contains("[redacted") || value.contains('…') {
                    return c[0].to_string();
                }
                // Token formats were redacted above: what is left to judge
                // is a secret-looking name with a real value.
                if is_secret_name(name.trim_start_matches('-')) && is_nontrivial_value(value) {
                    format!("{name}{}{}", &c[2], redact(value))
                } else {
                    c[0].to_string()
                }
            })
            .into_owned();
    }
    out
}

/// `NAME=value`, `NAME: value`, `"name": "value"`.
static URL_USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([a-zA-Z][a-zA-Z0-9+.\-]{1,20}://[^\s:/@'\x22]{1,64}:)([^\s@/'\x22]{1,128})@")
        .expect("URL userinfo pattern")
});

static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)([a-z0-9_.-]+)"?(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"',;&|]+)"#)
        .expect("assignment pattern")
});

/// `--name value`.
static FLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(--?[a-z0-9_.-]+)(\s+)("[^"]*"|'[^']*'|[^\s"';&|]+)"#).expect("flag pattern")
});

/// Judges a `NAME=value` pair: known token formats in the value first, then
/// a secret-looking name with a non-trivial value.
pub fn scan_kv(name: &str, value: &str) -> Option<SecretHit> {
    if let Some(hit) = scan_text(value).into_iter().next() {
        return Some(hit);
    }
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let kind = generic::secret_name_kind(name)?;
    if generic::judge_value(kind, v) != generic::ValueClass::Secret {
        return None;
    }
    // Callers tell a name-judged hit by this rule id (the finding says "a
    // secret-looking value"); the kind is in the description.
    let _ = kind.rule();
    Some(SecretHit {
        rule: "secret-name",
        description: "secret-looking variable with a value",
        confidence: Confidence::Medium,
        redacted: redact(v),
    })
}

/// Judges an environment entry `NAME=value` (Config.Env form).
pub fn scan_env(entry: &str) -> Option<(String, SecretHit)> {
    let (name, value) = entry.split_once('=')?;
    scan_kv(name, value).map(|h| (name.to_string(), h))
}

/// What kind of secret a file's path suggests, if any: private keys,
/// cloud and registry credentials, package-manager tokens, dotenv files.
pub fn secret_file_kind(path: &str) -> Option<&'static str> {
    let p = path.trim_end_matches('/');
    let name = p.rsplit('/').next().unwrap_or(p);
    let lower = name.to_ascii_lowercase();
    let parent = p.rsplit('/').nth(1).unwrap_or("");
    let grand = p.rsplit('/').nth(2).unwrap_or("");
    match lower.as_str() {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk" => {
            return Some("SSH private key")
        }
        ".npmrc" => return Some("npm configuration (may hold an auth token)"),
        ".pypirc" => return Some("PyPI configuration (may hold a password)"),
        ".git-credentials" => return Some("git credentials store"),
        ".netrc" | "_netrc" => return Some("netrc credentials"),
        ".dockercfg" => return Some("Docker registry credentials"),
        ".vault-token" => return Some("Vault token"),
        ".htpasswd" => return Some("htpasswd password hashes"),
        ".s3cfg" | ".boto" => return Some("cloud storage credentials"),
        "application_default_credentials.json" => return Some("Google Cloud credentials"),
        "kubeconfig" => return Some("Kubernetes client configuration"),
        ".env" => return Some("dotenv file"),
        _ => {}
    }
    if lower.starts_with(".env.")
        && !matches!(
            lower.as_str(),
            ".env.example" | ".env.sample" | ".env.template" | ".env.dist" | ".env.defaults"
        )
    {
        return Some("dotenv file");
    }
    if parent == ".docker" && lower == "config.json" {
        return Some("Docker registry credentials");
    }
    if parent == ".aws" && lower == "credentials" {
        return Some("AWS credentials");
    }
    if parent == ".kube" && lower == "config" {
        return Some("Kubernetes client configuration");
    }
    if parent == ".ssh" && lower.starts_with("id_") && !lower.ends_with(".pub") {
        return Some("SSH private key");
    }
    if grand == ".config" && parent == "gcloud" && lower == "credentials.db" {
        return Some("Google Cloud credentials");
    }
    if lower.ends_with(".key") && !lower.ends_with(".pub.key") {
        return Some("private key file");
    }
    if lower.ends_with(".p12")
        || lower.ends_with(".pfx")
        || lower.ends_with(".jks")
        || lower.ends_with(".keystore")
    {
        return Some("key store");
    }
    None
}

/// Secrets in a text file's content: token formats, and for known credential
/// files their credential lines.
pub fn scan_file_content(path: &str, content: &str) -> Vec<SecretHit> {
    hits_of(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "DB_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "apiKey",
            "API_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "client_secret",
            "SECRET",
            "SECRET_KEY",
            "db.password",
            "SMTP_PASS",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "PWD",
            "GPG_KEY",
            "PYTHON_GPG_KEY",
            "PASSWORD_FILE",
            "MYSQL_PASSWORD_FILE",
            "TOKEN_TTL",
            "PATH",
            "HOME",
            "KEY",
            "TOKENIZERS_PARALLELISM",
            "SECRET_NAME",
            "AWS_ACCESS_KEY_ID",
            "PASS",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn trivial_values() {
        for v in [
            "",
            "x",
            "$DB_PASS",
            "${TOKEN}",
            "/run/secrets/db",
            "true",
            "xxxxxxxx",
            "<your-token>",
            "{{ .Token }}",
        ] {
            assert!(!is_nontrivial_value(v), "{v:?}");
        }
        for v in ["hunter22", "changeme", "s3cr3t-v4lue"] {
            assert!(is_nontrivial_value(v), "{v:?}");
        }
    }

    #[test]
    fn token_formats_are_found_and_redacted() {
        // AWS's documented example key is not reported; a real-shaped one is.
        assert!(scan_text("AKIAIOSFODNN7EXAMPLE").is_empty());
        let aws = "AKIAJT2MYNCZX7TUOUCI";
        let hit = scan_env(&format!("SOMETHING={aws}")).unwrap().1;
        assert_eq!(hit.rule, "aws-access-key-id");
        assert!(!hit.redacted.contains(aws));
        let body = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5";
        let gh = format!(
            "ghp_{body}{}",
            rules::base62(rules::crc32(body.as_bytes()), 6)
        );
        let hits = scan_text(&format!("curl -H 'Authorization: token {gh}' x"));
        assert_eq!(hits[0].rule, "github-token");
        assert!(!hits[0].redacted.contains(&gh));
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\n\
                   b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n\
                   QyNTUxOQAAACDq3kR9mZ2Xw7vQpL0sT1uY8aB4cD6eF5gH7iJ9kL2mNwAAAJhQ7Lw1UOy8\n\
                   -----END OPENSSH PRIVATE KEY-----";
        assert_eq!(scan_text(key)[0].rule, "private-key");
        let url = scan_text("git clone https://bob:Tq7vLx29Wm@git.internal.corp/x.git");
        assert_eq!(url[0].rule, "url-credentials");
        // The value is the password alone; the URL around it stays readable.
        assert_eq!(url[0].redacted, "[redacted, 10 chars]");
        assert!(scan_text("https://user:$TOKEN@example.com").is_empty());
    }

    #[test]
    fn kv_and_env() {
        let (name, hit) = scan_env("DB_PASSWORD=hunter22").unwrap();
        assert_eq!(name, "DB_PASSWORD");
        assert_eq!(hit.confidence, Confidence::Medium);
        assert_eq!(hit.redacted, "[redacted, 8 chars]");
        assert!(scan_env("DB_PASSWORD_FILE=/run/secrets/db").is_none());
        assert!(scan_env("GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D").is_none());
        assert!(scan_env("PATH=/usr/local/sbin:/usr/local/bin").is_none());
        assert!(scan_env("DB_PASSWORD=").is_none());
    }

    #[test]
    fn secret_files() {
        assert!(secret_file_kind("/root/.ssh/id_rsa").is_some());
        assert!(secret_file_kind("/root/.ssh/id_rsa.pub").is_none());
        assert!(secret_file_kind("/home/app/.docker/config.json").is_some());
        assert!(secret_file_kind("/app/config.json").is_none());
        assert!(secret_file_kind("/app/.env").is_some());
        assert!(secret_file_kind("/app/.env.example").is_none());
        assert!(secret_file_kind("/root/.aws/credentials").is_some());
        assert!(secret_file_kind("/root/.npmrc").is_some());
        let hits = scan_file_content("/root/.npmrc", "//registry/:_authToken=abcd1234efgh5678\n");
        assert!(hits.iter().any(|h| h.rule == "npmrc-auth"));
        assert!(!hits[0].redacted.contains("abcd1234efgh5678"));
    }
}

#[cfg(test)]
mod redact_text_tests {
    use super::redact_text;

    #[test]
    fn assignments_flags_and_tokens_are_redacted() {
        let t = redact_text("ENV DB_PASSWORD=hunter2hunter2 APP_NAME=web");
        assert!(!t.contains("hunter2hunter2"), "{t}");
        assert!(t.contains("APP_NAME=web"), "{t}");
        let t = redact_text("RUN mysql --password s3cr3tP4ss -u root");
        assert!(!t.contains("s3cr3tP4ss"), "{t}");
        assert!(t.contains("-u root"), "{t}");
        let t = redact_text("curl -H 'x' https://user:Zq9wPx7Lm2@example.org/a");
        assert!(!t.contains("Zq9wPx7Lm2"), "{t}");
        let t = redact_text("export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        assert!(
            !t.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            "{t}"
        );
        // Plain commands stay readable.
        let plain = "apt-get install -y --no-install-recommends curl=7.88.1-10";
        assert_eq!(redact_text(plain), plain);
        // Variable references are not secrets.
        let r = "ENV PASSWORD=${DB_PASSWORD}";
        assert_eq!(redact_text(r), r);
    }
}
