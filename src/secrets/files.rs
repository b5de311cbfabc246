//! Files whose format carries credentials: .npmrc, .pypirc,
//! .git-credentials, Docker config `auths`, kubeconfig, .netrc, .pgpass,
//! htpasswd, cloud CLI credentials. A credential is reported where the
//! format puts one, with a real value (placeholders, templates and
//! references are excluded by the generic value judgement). Pure.
//!
//! Rule ids (the `detail` names the format): `npmrc-auth`,
//! `pypirc-password`, `git-credentials`, `docker-config-auth`,
//! `kubeconfig-credential`, `netrc-password`, `pgpass-password`,
//! `htpasswd-hash` (a password hash, with its scheme; a plaintext htpasswd
//! entry is reported as such), `aws-credentials`, `cloud-cli-credential`
//! (.s3cfg, .boto, gcloud application default credentials),
//! `vault-token-file`.

use std::sync::LazyLock;

use regex::Regex;

use super::generic::{judge_value, SecretKind};
use super::rules::b64_decode;
use super::{Confidence, Located};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Npmrc,
    Pypirc,
    GitCredentials,
    DockerConfig,
    Kubeconfig,
    Netrc,
    Pgpass,
    Htpasswd,
    AwsCredentials,
    S3cfg,
    Boto,
    GcloudAdc,
    VaultToken,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Npmrc => ".npmrc",
            Format::Pypirc => ".pypirc",
            Format::GitCredentials => ".git-credentials",
            Format::DockerConfig => "Docker config",
            Format::Kubeconfig => "kubeconfig",
            Format::Netrc => ".netrc",
            Format::Pgpass => ".pgpass",
            Format::Htpasswd => "htpasswd",
            Format::AwsCredentials => "AWS credentials",
            Format::S3cfg => ".s3cfg",
            Format::Boto => ".boto",
            Format::GcloudAdc => "gcloud application default credentials",
            Format::VaultToken => ".vault-token",
        }
    }
}

fn format_of(path: &str) -> Option<Format> {
    let p = path.trim_end_matches('/');
    let mut parts = p.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or(p).to_ascii_lowercase();
    let parent = parts.next().unwrap_or("").to_ascii_lowercase();
    Some(match name.as_str() {
        ".npmrc" | "npmrc" => Format::Npmrc,
        ".pypirc" => Format::Pypirc,
        ".git-credentials" => Format::GitCredentials,
        ".dockercfg" => Format::DockerConfig,
        "config.json" if parent == ".docker" => Format::DockerConfig,
        "kubeconfig" => Format::Kubeconfig,
        "config" if parent == ".kube" => Format::Kubeconfig,
        ".netrc" | "_netrc" => Format::Netrc,
        ".pgpass" | "pgpass.conf" => Format::Pgpass,
        ".htpasswd" | "htpasswd" => Format::Htpasswd,
        n if n.ends_with(".htpasswd") => Format::Htpasswd,
        "credentials" if parent == ".aws" => Format::AwsCredentials,
        ".s3cfg" => Format::S3cfg,
        ".boto" => Format::Boto,
        "application_default_credentials.json" => Format::GcloudAdc,
        ".vault-token" => Format::VaultToken,
        _ => return None,
    })
}

/// Whether `path` names a credential-bearing format this module reads.
pub fn is_credential_file(path: &str) -> bool {
    format_of(path).is_some()
}

struct Out<'a> {
    out: &'a mut Vec<Located>,
    format: Format,
}

impl Out<'_> {
    fn push(&mut self, rule: &'static str, description: &'static str, start: usize, end: usize) {
        self.push_detail(
            rule,
            description,
            start,
            end,
            self.format.name().to_string(),
        );
    }

    fn push_detail(
        &mut self,
        rule: &'static str,
        description: &'static str,
        start: usize,
        end: usize,
        detail: String,
    ) {
        if start >= end || self.out.iter().any(|l| start < l.end && l.start < end) {
            return;
        }
        self.out.push(Located {
            rule,
            description,
            confidence: Confidence::High,
            start,
            end,
            detail: Some(detail),
        });
    }
}

/// Lines with their byte offsets, line ends stripped.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0usize;
    text.split_inclusive('\n').map(move |raw| {
        let at = offset;
        offset += raw.len();
        (at, raw.trim_end_matches(['\n', '\r']))
    })
}

/// `key = value` INI lines: (key, value start, value end) in `line`.
static INI_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?P<key>[^=:#;\s][^=:]*?)\s*[=:]\s*(?P<value>.*?)\s*$"#).unwrap()
});

fn ini_pairs(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (at, line) in lines(text) {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with(';') || t.starts_with('[') {
            continue;
        }
        if let Some(c) = INI_LINE.captures(line) {
            let (Some(k), Some(v)) = (c.name("key"), c.name("value")) else {
                continue;
            };
            let (mut s, mut e) = (v.start(), v.end());
            let b = line.as_bytes();
            if e >= s + 2 && (b[s] == b'"' || b[s] == b'\'') && b[e - 1] == b[s] {
                s += 1;
                e -= 1;
            }
            out.push((k.as_str().to_ascii_lowercase(), at + s, at + e));
        }
    }
    out
}

fn real(kind: SecretKind, v: &str) -> bool {
    judge_value(kind, v).is_secret()
}

/// `"key": "value"` anywhere in a JSON text: (value start, value end).
fn json_string_values<'a>(
    re: &'a Regex,
    text: &'a str,
) -> impl Iterator<Item = (String, usize, usize)> + 'a {
    re.captures_iter(text).filter_map(|c| {
        let k = c.name("key")?;
        let v = c.name("value")?;
        Some((k.as_str().to_string(), v.start(), v.end()))
    })
}

static JSON_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?P<key>[A-Za-z_]+)"\s*:\s*"(?P<value>(?:[^"\\]|\\.)*)""#).unwrap()
});

static YAML_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:-\s+)?(?P<key>[A-Za-z][A-Za-z0-9_\-]*)\s*:\s+["']?(?P<value>[^"'\s#][^"'\s]*)["']?\s*(?:#.*)?$"#)
        .unwrap()
});

/// `//registry/:_authToken=value`, `_auth = value`
static NPMRC_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*(?:\S*:)?(?P<key>_authToken|_auth|_password)[ \t]*=[ \t]*["']?(?P<value>[^\s"']+)"#)
        .unwrap()
});

static URL_USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*[A-Za-z][A-Za-z0-9+.\-]*://(?P<user>[^\s:/@]*):(?P<value>[^\s@/]+)@"#)
        .unwrap()
});

static NETRC_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|\s)(?:password|passwd)\s+(?P<value>\S+)"#).unwrap());

/// The credentials in a credential-bearing file.
pub fn scan(path: &str, text: &str, out: &mut Vec<Located>) {
    let Some(format) = format_of(path) else {
        return;
    };
    let mut o = Out { out, format };
    match format {
        Format::Npmrc => {
            for c in NPMRC_LINE.captures_iter(text) {
                let (Some(k), Some(m)) = (c.name("key"), c.name("value")) else {
                    continue;
                };
                let (s, e) = (m.start(), m.end());
                let v = m.as_str();
                let key = k.as_str().to_ascii_lowercase();
                let key = key.as_str();
                let ok = match key {
                    "_authtoken" => real(SecretKind::Token, v),
                    // user:pass in base64, or the password in base64.
                    "_auth" => b64_decode(v)
                        .and_then(|b| String::from_utf8(b).ok())
                        .and_then(|t| t.split_once(':').map(|(_, p)| p.to_string()))
                        .is_some_and(|p| real(SecretKind::Password, &p)),
                    "_password" => b64_decode(v)
                        .and_then(|b| String::from_utf8(b).ok())
                        .is_some_and(|p| real(SecretKind::Password, &p)),
                    _ => false,
                };
                if ok {
                    o.push("npmrc-auth", "npm registry credential", s, e);
                }
            }
        }
        Format::Pypirc => {
            for (k, s, e) in ini_pairs(text) {
                if k == "password" && real(SecretKind::Password, &text[s..e]) {
                    o.push("pypirc-password", "package index password", s, e);
                }
            }
        }
        Format::GitCredentials => {
            for (at, line) in lines(text) {
                if let Some(c) = URL_USERINFO.captures(line) {
                    let Some(v) = c.name("value") else { continue };
                    if real(SecretKind::Password, v.as_str()) {
                        o.push(
                            "git-credentials",
                            "git credential store password",
                            at + v.start(),
                            at + v.end(),
                        );
                    }
                }
            }
        }
        Format::DockerConfig => {
            for (k, s, e) in json_string_values(&JSON_PAIR, text) {
                let v = &text[s..e];
                match k.as_str() {
                    "auth" => {
                        let pass = b64_decode(v)
                            .and_then(|b| String::from_utf8(b).ok())
                            .and_then(|t| t.split_once(':').map(|(_, p)| p.to_string()));
                        if let Some(p) = pass {
                            if real(SecretKind::Password, &p) {
                                o.push_detail(
                                    "docker-config-auth",
                                    "registry credential in Docker configuration",
                                    s,
                                    e,
                                    "Docker config auth (base64 user:password)".to_string(),
                                );
                            }
                        }
                    }
                    "identitytoken" | "registrytoken" | "password"
                        if real(SecretKind::Password, v) =>
                    {
                        o.push(
                            "docker-config-auth",
                            "registry credential in Docker configuration",
                            s,
                            e,
                        );
                    }
                    _ => {}
                }
            }
        }
        Format::Kubeconfig => {
            for (at, line) in lines(text) {
                let Some(c) = YAML_PAIR.captures(line) else {
                    continue;
                };
                let (Some(k), Some(v)) = (c.name("key"), c.name("value")) else {
                    continue;
                };
                let kind = match k.as_str() {
                    "token" | "id-token" | "refresh-token" | "access-token" => SecretKind::Token,
                    "client-key-data" => SecretKind::Secret,
                    "password" | "client-secret" => SecretKind::Password,
                    _ => continue,
                };
                let value = v.as_str();
                let ok = if k.as_str() == "client-key-data" {
                    // base64 of a PEM private key.
                    b64_decode(value).is_some_and(|b| b.starts_with(b"-----BEGIN"))
                } else {
                    real(kind, value)
                };
                if ok {
                    o.push_detail(
                        "kubeconfig-credential",
                        "Kubernetes client credential",
                        at + v.start(),
                        at + v.end(),
                        format!("kubeconfig {}", k.as_str()),
                    );
                }
            }
        }
        Format::Netrc => {
            for c in NETRC_PASSWORD.captures_iter(text) {
                let Some(v) = c.name("value") else { continue };
                if real(SecretKind::Password, v.as_str()) {
                    o.push("netrc-password", "netrc password", v.start(), v.end());
                }
            }
        }
        Format::Pgpass => {
            for (at, line) in lines(text) {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                // host:port:database:user:password, `\:` and `\\` escaped.
                let b = line.as_bytes();
                let mut fields = 0;
                let mut i = 0;
                let mut pw_start = None;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 1,
                        b':' => {
                            fields += 1;
                            if fields == 4 {
                                pw_start = Some(i + 1);
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if let Some(s) = pw_start {
                    let v = &line[s..];
                    if real(SecretKind::Password, v) {
                        o.push(
                            "pgpass-password",
                            "PostgreSQL password file entry",
                            at + s,
                            at + line.len(),
                        );
                    }
                }
            }
        }
        Format::Htpasswd => {
            for (at, line) in lines(text) {
                let t = line.trim_end();
                if t.starts_with('#') {
                    continue;
                }
                let Some((user, hash)) = t.split_once(':') else {
                    continue;
                };
                if user.is_empty() || hash.len() < 4 {
                    continue;
                }
                let s = at + user.len() + 1;
                let e = at + t.len();
                let scheme = if hash.starts_with("$2") {
                    Some("bcrypt")
                } else if hash.starts_with("$apr1$") {
                    Some("Apache MD5 (apr1)")
                } else if hash.starts_with("{SHA}") {
                    Some("unsalted SHA-1")
                } else if hash.starts_with("$5$") || hash.starts_with("$6$") {
                    Some("SHA-crypt")
                } else if hash.len() == 13
                    && hash
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'/')
                {
                    Some("DES crypt")
                } else {
                    None
                };
                match scheme {
                    Some(sch) => o.push_detail(
                        "htpasswd-hash",
                        "password hash in an htpasswd file",
                        s,
                        e,
                        format!("htpasswd {sch} hash for user {user}"),
                    ),
                    None if real(SecretKind::Password, hash) => o.push_detail(
                        "htpasswd-hash",
                        "plaintext password in an htpasswd file",
                        s,
                        e,
                        format!("htpasswd plaintext password for user {user}"),
                    ),
                    None => {}
                }
            }
        }
        Format::AwsCredentials | Format::S3cfg | Format::Boto => {
            for (k, s, e) in ini_pairs(text) {
                let kind = match k.as_str() {
                    "aws_secret_access_key" | "secret_key" | "gs_secret_access_key" => {
                        SecretKind::ApiKey
                    }
                    "aws_session_token"
                    | "aws_security_token"
                    | "access_token"
                    | "gs_oauth2_refresh_token" => SecretKind::Token,
                    "proxy_pass" | "proxy_password" => SecretKind::Password,
                    _ => continue,
                };
                if real(kind, &text[s..e]) {
                    if format == Format::AwsCredentials {
                        o.push("aws-credentials", "AWS CLI credential", s, e);
                    } else {
                        o.push("cloud-cli-credential", "cloud storage CLI credential", s, e);
                    }
                }
            }
        }
        Format::GcloudAdc => {
            for (k, s, e) in json_string_values(&JSON_PAIR, text) {
                let v = &text[s..e];
                let ok = match k.as_str() {
                    "refresh_token" => real(SecretKind::Token, v),
                    "private_key" => v.starts_with("-----BEGIN"),
                    _ => false,
                };
                if ok {
                    o.push_detail(
                        "cloud-cli-credential",
                        "Google Cloud credential",
                        s,
                        e,
                        format!("{} {k}", format.name()),
                    );
                }
            }
        }
        Format::VaultToken => {
            let t = text.trim();
            if !t.is_empty() && !t.contains('\n') && real(SecretKind::Token, t) {
                let s = text.find(t).unwrap_or(0);
                o.push("vault-token-file", "Vault token file", s, s + t.len());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str, text: &str) -> Vec<(&'static str, String)> {
        crate::secrets::found_by(scan, path, text)
    }

    fn b64(s: &str) -> String {
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let b = s.as_bytes();
        let mut out = String::new();
        for c in b.chunks(3) {
            let n = (c[0] as u32) << 16
                | (*c.get(1).unwrap_or(&0) as u32) << 8
                | *c.get(2).unwrap_or(&0) as u32;
            for i in 0..4 {
                if i <= c.len() {
                    out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    // Fake values only.
    const PW: &str = "Brixwump%731";
    const TOK: &str = "Xq4vN8mK2pL7rT1zW9yB3cD6fG5hJ0sA";

    #[test]
    fn recognised_paths() {
        for p in [
            "/root/.npmrc",
            "/home/a/.pypirc",
            "/root/.git-credentials",
            "/root/.docker/config.json",
            "/root/.dockercfg",
            "/root/.kube/config",
            "/etc/kubeconfig",
            "/root/.netrc",
            "/root/.pgpass",
            "/etc/nginx/.htpasswd",
            "/root/.aws/credentials",
            "/root/.s3cfg",
            "/root/.boto",
            "/root/.config/gcloud/application_default_credentials.json",
            "/root/.vault-token",
        ] {
            assert!(is_credential_file(p), "{p}");
        }
        for p in [
            "/app/config.json",
            "/app/credentials",
            "/root/.kube/cache",
            "/app/.env",
        ] {
            assert!(!is_credential_file(p), "{p}");
        }
    }

    #[test]
    fn each_format() {
        let auth = b64(&format!("ci:{PW}"));
        for (path, text, rule, value) in [
            (
                "/r/.npmrc",
                format!("//r.internal/:_authToken={TOK}\n"),
                "npmrc-auth",
                TOK.to_string(),
            ),
            (
                "/r/.npmrc",
                format!("_auth = {auth}\n"),
                "npmrc-auth",
                auth.clone(),
            ),
            (
                "/r/.pypirc",
                format!("[pypi]\nusername = ci\npassword = {PW}\n"),
                "pypirc-password",
                PW.to_string(),
            ),
            (
                "/r/.git-credentials",
                format!("https://ci:{PW}@git.internal\n"),
                "git-credentials",
                PW.to_string(),
            ),
            (
                "/r/.docker/config.json",
                format!("{{\"auths\":{{\"r\":{{\"auth\":\"{auth}\"}}}}}}"),
                "docker-config-auth",
                auth.clone(),
            ),
            (
                "/r/.docker/config.json",
                format!("{{\"auths\":{{\"r\":{{\"identitytoken\":\"{TOK}\"}}}}}}"),
                "docker-config-auth",
                TOK.to_string(),
            ),
            (
                "/r/.kube/config",
                format!("users:\n- name: a\n  user:\n    token: {TOK}\n"),
                "kubeconfig-credential",
                TOK.to_string(),
            ),
            (
                "/r/.netrc",
                format!("machine h login u password {PW}\n"),
                "netrc-password",
                PW.to_string(),
            ),
            (
                "/r/.pgpass",
                format!("db:5432:*:app:{PW}\n"),
                "pgpass-password",
                PW.to_string(),
            ),
            (
                "/r/.aws/credentials",
                format!("[default]\naws_secret_access_key = {TOK}\n"),
                "aws-credentials",
                TOK.to_string(),
            ),
            (
                "/r/.s3cfg",
                format!("[default]\nsecret_key = {TOK}\n"),
                "cloud-cli-credential",
                TOK.to_string(),
            ),
            (
                "/r/.vault-token",
                format!("hvs.{TOK}\n"),
                "vault-token-file",
                format!("hvs.{TOK}"),
            ),
        ] {
            assert_eq!(found(path, &text), vec![(rule, value)], "{path}");
        }
        let h = found(
            "/etc/.htpasswd",
            "admin:$apr1$abcdefgh$0123456789abcdefghijkl\n",
        );
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].0, "htpasswd-hash");
        let mut out = Vec::new();
        scan(
            "/etc/.htpasswd",
            "ops:$2y$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234\n",
            &mut out,
        );
        assert!(out[0].detail.as_deref().unwrap().contains("bcrypt"));
    }

    #[test]
    fn placeholders_and_empty_credentials_are_not_reported() {
        for (path, text) in [
            ("/r/.npmrc", "//r/:_authToken=${NPM_TOKEN}\n".to_string()),
            ("/r/.pypirc", "password = <your password>\n".to_string()),
            (
                "/r/.git-credentials",
                "https://user:password@git.internal\n".to_string(),
            ),
            (
                "/r/.docker/config.json",
                format!("{{\"auths\":{{\"r\":{{\"auth\":\"{}\"}}}}}}", b64("ci:")),
            ),
            (
                "/r/.docker/config.json",
                "{\"credsStore\": \"desktop\"}".to_string(),
            ),
            (
                "/r/.netrc",
                "machine h login u password changeme\n".to_string(),
            ),
            ("/r/.pgpass", "# host:port:db:user:password\n".to_string()),
            (
                "/r/.aws/credentials",
                "[default]\naws_access_key_id = x\naws_secret_access_key = YOUR_SECRET_KEY\n"
                    .to_string(),
            ),
            ("/r/.vault-token", "\n".to_string()),
        ] {
            assert!(
                found(path, &text).is_empty(),
                "{path}: {:?}",
                found(path, &text)
            );
        }
    }
}
