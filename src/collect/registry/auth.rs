//! Registry credentials and challenges: `--username`/`--password-stdin`,
//! the Docker client configuration (`auths`, `credHelpers`, `credsStore`,
//! helpers run with a timeout and bounded output), and the
//! `WWW-Authenticate` challenges of the distribution token flow. A secret
//! read here never reaches a message: `Credentials` prints as redacted and
//! errors name the source, never the value.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;

/// A user name and its secret (password or token).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub secret: String,
    /// Where they came from, for messages ("--username", "the Docker
    /// config's auths", "credential helper docker-credential-x").
    pub origin: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials {{ username: {:?}, secret: [redacted], origin: {:?} }}",
            self.username, self.origin
        )
    }
}

impl Credentials {
    /// The `Authorization: Basic` value.
    pub fn basic(&self) -> String {
        let raw = format!("{}:{}", self.username, self.secret);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }

    /// Replaces the secret (and the Basic value of it) wherever it
    /// appears in `text`: the last guard before a message is shown.
    pub fn scrub(&self, text: &str) -> String {
        let mut t = text.to_string();
        for s in [self.secret.clone(), self.basic()] {
            if s.len() >= 3 {
                t = t.replace(&s, "[redacted]");
            }
        }
        t
    }
}

/// How long a credential helper may run.
pub const HELPER_TIMEOUT: Duration = Duration::from_secs(10);
/// Bytes of a credential helper's answer or of the Docker config read.
const MAX_HELPER_OUTPUT: u64 = 64 << 10;
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The Docker client configuration file: `$DOCKER_CONFIG/config.json`,
/// else `~/.docker/config.json`.
pub fn docker_config_path() -> Option<PathBuf> {
    match std::env::var_os("DOCKER_CONFIG") {
        Some(d) if !d.is_empty() => Some(Path::new(&d).join("config.json")),
        _ => std::env::var_os("HOME").map(|h| Path::new(&h).join(".docker/config.json")),
    }
}

/// Credentials for `host` from the Docker configuration at `path`:
/// `credHelpers[host]`, else `auths[host]` (`auth` base64 of user:password,
/// or `username` and `password`), else `credsStore`. Ok(None) when the
/// file or the host is absent; Err when it cannot be read or a helper
/// fails (the reason names the file or helper, never a secret).
pub fn from_docker_config(path: &Path, host: &str) -> Result<Option<Credentials>, String> {
    let raw = match crate::collect::files::open_regular(path) {
        Ok(f) => {
            let mut buf = Vec::new();
            f.take(MAX_CONFIG_BYTES + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if buf.len() as u64 > MAX_CONFIG_BYTES {
                return Err(format!(
                    "{}: over the bound of {MAX_CONFIG_BYTES} bytes",
                    path.display()
                ));
            }
            buf
        }
        Err(e) if !path.exists() => {
            let _ = e;
            return Ok(None);
        }
        Err(e) => return Err(format!("{} {e}", path.display())),
    };
    let v: serde_json::Value =
        serde_json::from_slice(&raw).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    if let Some(helper) = lookup(&v["credHelpers"], host).and_then(|h| h.as_str()) {
        return run_helper(helper, host, HELPER_TIMEOUT).map(Some);
    }
    if let Some(entry) = lookup(&v["auths"], host) {
        let origin = format!("{} auths", path.display());
        if let Some(a) = entry["auth"].as_str().filter(|a| !a.is_empty()) {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(a.trim())
                .map_err(|_| format!("{origin}: the auth of {host} is not base64"))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("{origin}: the auth of {host} is not UTF-8"))?;
            let Some((u, p)) = text.split_once(':') else {
                return Err(format!("{origin}: the auth of {host} is not user:password"));
            };
            return Ok(Some(Credentials {
                username: u.to_string(),
                secret: p.to_string(),
                origin,
            }));
        }
        if let (Some(u), Some(p)) = (entry["username"].as_str(), entry["password"].as_str()) {
            return Ok(Some(Credentials {
                username: u.to_string(),
                secret: p.to_string(),
                origin,
            }));
        }
        if entry["identitytoken"].is_string() {
            return Err(format!(
                "{origin}: {host} has an identity token (OAuth refresh token), which is not supported; use --username and --password-stdin"
            ));
        }
    }
    if let Some(store) = v["credsStore"].as_str().filter(|s| !s.is_empty()) {
        return match run_helper(store, host, HELPER_TIMEOUT) {
            Ok(c) => Ok(Some(c)),
            // The store has nothing for this host: anonymous.
            Err(e) if e.contains("credentials not found") => Ok(None),
            Err(e) => Err(e),
        };
    }
    Ok(None)
}

/// The entry of a map keyed by registry (`host`, `https://host`,
/// `http://host`, with or without a trailing path).
fn lookup<'a>(map: &'a serde_json::Value, host: &str) -> Option<&'a serde_json::Value> {
    let obj = map.as_object()?;
    if let Some(v) = obj.get(host) {
        return Some(v);
    }
    obj.iter()
        .find(|(k, _)| {
            let k = k
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            let k = k.split('/').next().unwrap_or(k);
            k.eq_ignore_ascii_case(host)
        })
        .map(|(_, v)| v)
}

/// Runs `docker-credential-<helper> get` with `host` on its standard
/// input, within `timeout` and a bound on its output.
pub fn run_helper(helper: &str, host: &str, timeout: Duration) -> Result<Credentials, String> {
    if helper.is_empty()
        || !helper
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(format!(
            "credential helper name {helper:?} is not a plain name"
        ));
    }
    run_program(&format!("docker-credential-{helper}"), host, timeout)
}

/// Runs the credential helper program `prog` (a name on PATH or a path).
fn run_program(prog: &str, host: &str, timeout: Duration) -> Result<Credentials, String> {
    let mut child = Command::new(prog)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("credential helper {prog}: cannot run: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(host.as_bytes());
    }
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stdout)
            .take(MAX_HELPER_OUTPUT + 1)
            .read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "credential helper {prog}: no answer within {}",
                    crate::collect::endpoint::human(timeout)
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("credential helper {prog}: {e}")),
        }
    };
    let out = reader.join().unwrap_or_default();
    if out.len() as u64 > MAX_HELPER_OUTPUT {
        return Err(format!(
            "credential helper {prog}: answer over {MAX_HELPER_OUTPUT} bytes"
        ));
    }
    if !status.success() {
        // Helpers print "credentials not found in native keychain" on
        // stdout; that text holds no secret. Anything else is not shown.
        let text = String::from_utf8_lossy(&out);
        let why = if text.contains("credentials not found") {
            "credentials not found"
        } else {
            "it failed"
        };
        return Err(format!("credential helper {prog}: {why} ({status})"));
    }
    let v: serde_json::Value = serde_json::from_slice(&out)
        .map_err(|_| format!("credential helper {prog}: the answer is not JSON"))?;
    let (Some(u), Some(s)) = (v["Username"].as_str(), v["Secret"].as_str()) else {
        return Err(format!(
            "credential helper {prog}: the answer lacks Username or Secret"
        ));
    };
    if u == "<token>" {
        return Err(format!(
            "credential helper {prog}: it gave an identity token, which is not supported; use --username and --password-stdin"
        ));
    }
    Ok(Credentials {
        username: u.to_string(),
        secret: s.to_string(),
        origin: format!("credential helper {prog}"),
    })
}

/// A `WWW-Authenticate` challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Challenge {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
}

/// Parses `Basic realm="x"` or `Bearer realm="...",service="...",scope="..."`
/// (quoted or token values, commas inside quotes kept).
pub fn parse_challenge(h: &str) -> Result<Challenge, String> {
    let h = h.trim();
    let (scheme, rest) = h.split_once(char::is_whitespace).unwrap_or((h, ""));
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => Ok(Challenge::Basic),
        "bearer" => {
            let params = parse_params(rest)?;
            let realm = params
                .get("realm")
                .cloned()
                .ok_or_else(|| "a Bearer challenge without a realm".to_string())?;
            if !(realm.starts_with("https://") || realm.starts_with("http://")) {
                return Err(format!("Bearer realm {realm:?} is not an http(s) URL"));
            }
            Ok(Challenge::Bearer {
                realm,
                service: params.get("service").cloned(),
                scope: params.get("scope").cloned(),
            })
        }
        other => Err(format!("unsupported authentication scheme {other:?}")),
    }
}

fn parse_params(s: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i] == b',' || b[i].is_ascii_whitespace()) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b'=' && b[i] != b',' {
            i += 1;
        }
        let key = s[start..i].trim().to_ascii_lowercase();
        if i >= b.len() || b[i] != b'=' {
            if !key.is_empty() {
                return Err(format!("challenge parameter {key:?} without a value"));
            }
            continue;
        }
        i += 1;
        let mut val = String::new();
        if i < b.len() && b[i] == b'"' {
            i += 1;
            let mut closed = false;
            while i < b.len() {
                match b[i] {
                    // The escaped character whole: it may take several
                    // bytes (a fuzzed challenge ended mid-character here).
                    b'\\' if i + 1 < b.len() => {
                        let ch = s[i + 1..].chars().next().unwrap_or('\u{fffd}');
                        val.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    b'"' => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    _ => {
                        let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                        val.push(ch);
                        i += ch.len_utf8();
                    }
                }
            }
            if !closed {
                return Err(format!("challenge parameter {key:?}: unclosed quote"));
            }
        } else {
            let start = i;
            while i < b.len() && b[i] != b',' {
                i += 1;
            }
            val = s[start..i].trim().to_string();
        }
        out.insert(key, val);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_parse() {
        assert_eq!(
            parse_challenge(r#"Basic realm="Registry Realm""#).unwrap(),
            Challenge::Basic
        );
        assert_eq!(
            parse_challenge(
                r#"Bearer realm="https://auth.example/token",service="reg.example",scope="repository:a/b:pull,push""#
            )
            .unwrap(),
            Challenge::Bearer {
                realm: "https://auth.example/token".into(),
                service: Some("reg.example".into()),
                scope: Some("repository:a/b:pull,push".into()),
            }
        );
        assert!(parse_challenge("Bearer service=x")
            .unwrap_err()
            .contains("without a realm"));
        assert!(parse_challenge(r#"Bearer realm="file:///etc/passwd""#)
            .unwrap_err()
            .contains("not an http(s) URL"));
        assert!(parse_challenge(r#"Bearer realm="https://x"#)
            .unwrap_err()
            .contains("unclosed quote"));
        assert!(parse_challenge("Negotiate abc")
            .unwrap_err()
            .contains("unsupported"));
    }

    #[test]
    fn config_auths_and_redaction() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.json");
        let auth = base64::engine::general_purpose::STANDARD.encode("alice:pa55-w0rd");
        std::fs::write(
            &p,
            format!(r#"{{"auths":{{"https://reg.example:5000":{{"auth":"{auth}"}}}}}}"#),
        )
        .unwrap();
        let c = from_docker_config(&p, "reg.example:5000").unwrap().unwrap();
        assert_eq!(c.username, "alice");
        assert_eq!(c.secret, "pa55-w0rd");
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("pa55") && dbg.contains("[redacted]"), "{dbg}");
        assert_eq!(
            c.scrub(&format!("failed with {} and pa55-w0rd", c.basic())),
            "failed with [redacted] and [redacted]"
        );
        assert_eq!(from_docker_config(&p, "other:5000").unwrap(), None);
        assert_eq!(
            from_docker_config(&dir.path().join("none.json"), "x").unwrap(),
            None
        );
        std::fs::write(&p, r#"{"auths":{"h":{"auth":"%%%"}}}"#).unwrap();
        let e = from_docker_config(&p, "h").unwrap_err();
        assert!(e.contains("not base64") && !e.contains("%%%"), "{e}");
    }

    #[test]
    fn helpers_run_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("docker-credential-dockaudittest");
        std::fs::write(
            &bin,
            "#!/bin/sh\nread host\nif [ \"$host\" = slow ]; then sleep 5; fi\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"bob\",\"Secret\":\"s3cr3t\"}' \"$host\"\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let prog = bin.to_str().unwrap();
        let c = run_program(prog, "reg.example", HELPER_TIMEOUT).unwrap();
        assert_eq!((c.username.as_str(), c.secret.as_str()), ("bob", "s3cr3t"));
        let start = Instant::now();
        let e = run_program(prog, "slow", Duration::from_millis(300)).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(3), "{e}");
        assert!(e.contains("no answer within 300ms"), "{e}");
        assert!(run_helper("../x", "h", HELPER_TIMEOUT)
            .unwrap_err()
            .contains("not a plain name"));
    }
}
