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

/// A value starting with `/` that reads as a path: not one with a long
/// segment mixing upper and lower case and digits (base64 secrets start
/// with `/` one time in 64: `/K7MDENGbPxRfiCYzq9+Wm2Lx4Tn8VbQ3sHjD1pAe`).
pub fn starts_like_path(v: &str) -> bool {
    v.starts_with('/')
        && !v.split('/').any(|seg| {
            seg.len() >= 20
                && !seg.contains('.')
                && seg.bytes().any(|b| b.is_ascii_uppercase())
                && seg.bytes().any(|b| b.is_ascii_lowercase())
                && seg.bytes().any(|b| b.is_ascii_digit())
        })
}

/// A value worth calling a secret: not empty, not a reference to another
/// variable, not a path, not a boolean or a placeholder.
pub fn is_nontrivial_value(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if v.len() < 4 {
        return false;
    }
    if v.starts_with('$') || starts_like_path(v) || v.starts_with("~/") {
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
/// distinct redacted value. In bare texts (environment values, labels,
/// commands) a redaction marker of a redacted evidence bundle is the hit
/// it stands for, so a redacted bundle is judged as the raw one was.
fn hits_of(path: &str, text: &str) -> Vec<SecretHit> {
    let mut hits: Vec<SecretHit> = Vec::new();
    let blanked;
    let text = if path == TEXT_SYNTAX && text.contains(MARKER_START) {
        let (marked, rest) = marker_hits(text);
        for (_, _, hit) in marked {
            if !hits.contains(&hit) {
                hits.push(hit);
            }
        }
        blanked = rest;
        blanked.as_str()
    } else {
        text
    };
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

/// `redact_text` without its cache: for texts seen once (a finding's
/// message names its subject), which would only fill the cache.
pub fn redact_text_once(text: &str) -> String {
    redact_uncached(text)
}

fn redact_uncached(text: &str) -> String {
    // Markers of a redacted bundle are shown as the redacted value, in one
    // pass: what that leaves is redacted as any text (a start of a marker
    // left over, or one formed by what was put in, is not read again).
    if text.contains(MARKER_START) {
        let mut out = text.to_string();
        let (mut marked, _) = markers(text);
        marked.sort_by_key(|m| std::cmp::Reverse(m.start));
        for m in marked {
            let shown = m.kv.or(m.text).map(|h| h.redacted).unwrap_or_default();
            out.replace_range(m.start..m.end, &shown);
        }
        return redact_unmarked(&out);
    }
    redact_unmarked(text)
}

/// `redact_uncached` of a text whose markers were already replaced.
fn redact_unmarked(text: &str) -> String {
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
    // The passes below need a secret-looking word (a name they judge, a
    // URL, a password option): most texts (every finding's message) have
    // none and are done.
    if !REDACT_HINTS.is_match(&out) {
        return out;
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
    // Command forms that give a password as a bare argument.
    for (name, s, e) in bare_arguments(&out).into_iter().rev() {
        let value = &out[s..e];
        if name == "password" || (is_secret_name(&name) && is_nontrivial_value(value)) {
            let shown = redact(value);
            out.replace_range(s..e, &shown);
        }
    }
    for re in [&*ASSIGNMENT, &*FLAG] {
        let hay = out.clone();
        out = re
            .replace_all(&hay, |c: &regex::Captures| {
                let name = &c[1];
                // `splunk-token (file: ...)`: a dash inside a word is no flag.
                if !starts_word(&hay, c.get(1).expect("name group").start()) {
                    return c[0].to_string();
                }
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

/// Whether byte `at` of `hay` starts a word (a flag's dash inside
/// `splunk-token` does not).
fn starts_word(hay: &str, at: usize) -> bool {
    hay[..at]
        .chars()
        .next_back()
        .is_none_or(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-')))
}

/// Words without which no pass of `redact_uncached` after the detector's
/// changes anything: the detector's own keywords (which cover the names
/// `is_secret_name` takes, `://` and the password options) and the other
/// last words of secret names.
static REDACT_HINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let extra = [
        "bearer",
        "pat",
        "jwt",
        "hmac",
        "sas",
        "sign",
        "cipher",
        "crypt",
        "license",
        "nonce",
        "session",
        "login",
        "chpasswd",
        "configure",
        "private",
        "cert",
        "apikey",
    ];
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(generic::KEYWORDS.iter().chain(extra.iter()))
        .expect("redaction hints")
});

/// Values given as bare arguments of commands, by position in `text`,
/// sorted, none overlapping another: `docker login -p VALUE`, `mysql
/// -pVALUE`, `echo 'user:VALUE' | chpasswd` (named `password`), and `aws
/// configure set NAME VALUE` (named NAME, quotes left out). Variables,
/// numbers and values already redacted are left out.
fn bare_arguments(text: &str) -> Vec<(String, usize, usize)> {
    let bare = [&*LOGIN_P, &*MYSQL_P, &*CHPASSWD]
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
        .filter_map(|c| {
            c.name("v")
                .map(|v| ("password".to_string(), v.start(), v.end()))
        });
    let set = CONFIGURE_SET.captures_iter(text).filter_map(|c| {
        let v = c.get(3)?;
        let quoted = v.as_str().starts_with(['"', '\'']) && v.len() >= 2;
        let (s, e) = if quoted {
            (v.start() + 1, v.end() - 1)
        } else {
            (v.start(), v.end())
        };
        Some((c[2].to_string(), s, e))
    });
    let mut out: Vec<(String, usize, usize)> = bare
        .chain(set)
        .filter(|(_, s, e)| s < e && bare_password(&text[*s..*e]))
        .collect();
    out.sort_by_key(|(_, s, _)| *s);
    let mut end = 0;
    out.retain(|(_, s, e)| {
        let keep = *s >= end;
        if keep {
            end = *e;
        }
        keep
    });
    out
}

/// A bare argument taken for a password: not a variable, not already
/// redacted, not a number (`-p 2222` is a port more often than not).
fn bare_password(value: &str) -> bool {
    !(value.starts_with('$')
        || value.contains("[redacted")
        || value.contains('…')
        || value.bytes().all(|b| b.is_ascii_digit()))
}

/// `docker login ... -p VALUE` (podman, nerdctl, buildah, skopeo alike):
/// `login` as a word of its own, then `-p` (lower case) and its value.
static LOGIN_P: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|\s)login\s[^;&|\n]*?\s-p\s+["']?(?P<v>[^\s"';&|]+)"#)
        .expect("login -p pattern")
});

/// `mysql -uroot -pVALUE` (mysqldump, mysqladmin alike): the program as a
/// command word, then `-p` (lower case; `-P` is the port) and its value.
static MYSQL_P: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|[\s;&|(/])(?:mysql|mysqldump|mysqladmin|mariadb)\s[^;&|\n]*?\s-p["']?(?P<v>[^\s"';&|]+)"#,
    )
    .expect("mysql -p pattern")
});

/// `echo 'user:VALUE' | chpasswd`.
static CHPASSWD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\becho\s+(?:-e\s+)?["']?[^\s:"']+:(?P<v>[^\s"'|]+)["']?\s*\|\s*(?:sudo\s+)?chpasswd"#)
        .expect("chpasswd pattern")
});

/// `aws configure set NAME VALUE`.
static CONFIGURE_SET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\bconfigure\s+set\s+([a-z0-9_.-]+)\s+)("[^"]*"|'[^']*'|[^\s"';&|]+)"#)
        .expect("configure set pattern")
});

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

/// How a redaction marker starts.
const MARKER_START: &str = "[redacted-secret,";

/// A redaction marker: what a secret value is replaced with in a redacted
/// evidence bundle or facts file. It keeps what the checks report of the
/// secret and a keyed fingerprint of the value, never the value: the hit
/// the detector gives the value in a text (`text=`), and the hit it gives
/// it as the value of its name (`kv=`, a `NAME=value` judgement), which
/// may differ (a token format, or only a secret-looking name). One word
/// with no quote, space or shell operator, so that whatever splits a
/// command line or an assignment keeps it whole; free text in it is
/// percent-encoded.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\[redacted-secret,length=([0-9]{1,9}|block),prefix=([A-Za-z0-9.+%-]{0,48}),fingerprint=([a-z0-9:-]{0,80})(?:,text=([a-z0-9-]{1,64})/(high|medium)/([A-Za-z0-9.+%-]{1,480}))?(?:,kv=([a-z0-9-]{1,64})/(high|medium)/([A-Za-z0-9.+%-]{1,480}))?\]",
    )
    .expect("redaction marker pattern")
});

/// `PREFIX… [redacted, N chars]` or `[redacted, N chars]`, as [`redact`]
/// writes them.
static REDACTED_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\S{1,16})… )?\[redacted, ([0-9]{1,9}) chars\]$").expect("redacted form")
});

/// Percent-encoding of every byte but `A-Za-z0-9.+-`.
fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b".+-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn pct_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The marker that replaces `value`, a secret the detector reported as
/// `text` in a text and as `kv` as the value of its name (at least one).
pub fn redaction_marker(text: Option<&SecretHit>, kv: Option<&SecretHit>, value: &str) -> String {
    let shown = kv.or(text).map(|h| h.redacted.as_str()).unwrap_or("");
    let (length, prefix) = match REDACTED_FORM.captures(shown) {
        Some(c) => (
            c[2].to_string(),
            c.get(1).map(|m| m.as_str()).unwrap_or("").to_string(),
        ),
        None => ("block".to_string(), String::new()),
    };
    let part = |name: &str, h: Option<&SecretHit>| match h {
        None => String::new(),
        Some(h) => {
            let about: String = h.description.chars().take(120).collect();
            format!(
                ",{name}={}/{}/{}",
                h.rule,
                match h.confidence {
                    Confidence::High => "high",
                    Confidence::Medium => "medium",
                },
                pct_encode(if about.is_empty() { "secret" } else { &about })
            )
        }
    };
    format!(
        "{MARKER_START}length={length},prefix={},fingerprint={}{}{}]",
        pct_encode(&prefix),
        scan::fingerprint(value),
        part("text", text),
        part("kv", kv)
    )
}

/// A string that lives as long as the program, for rule ids and
/// descriptions read back from markers; distinct ones are few (the
/// detector's rules), and beyond a bound a generic text is used.
fn intern(s: &str, fallback: &'static str) -> &'static str {
    static SEEN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let Ok(mut seen) = SEEN.lock() else {
        return fallback;
    };
    if let Some(k) = seen.iter().find(|k| **k == s) {
        return k;
    }
    if seen.len() >= 1024 {
        return fallback;
    }
    let k: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.push(k);
    k
}

/// One marker read back: where it is, its text and name-value hits.
struct Marker {
    start: usize,
    end: usize,
    text: Option<SecretHit>,
    kv: Option<SecretHit>,
}

/// The markers in `text`, and the text with them blanked (spaces, offsets
/// kept) for the detector.
fn markers(text: &str) -> (Vec<Marker>, String) {
    let mut out = Vec::new();
    let mut blanked = text.to_string();
    for c in MARKER.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        let prefix = pct_decode(&c[2]);
        let hit = |i: usize| -> Option<SecretHit> {
            let rule = c.get(i)?.as_str();
            let redacted = match (&c[1], prefix.as_str()) {
                ("block", _) if rule == "private-key" => {
                    "-----BEGIN … PRIVATE KEY----- [redacted]".to_string()
                }
                ("block", _) => "[redacted block]".to_string(),
                (n, "") => format!("[redacted, {n} chars]"),
                (n, p) => format!("{p}… [redacted, {n} chars]"),
            };
            Some(SecretHit {
                rule: intern(rule, "redacted-secret"),
                description: intern(&pct_decode(&c[i + 2]), "secret"),
                confidence: if &c[i + 1] == "high" {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                redacted,
            })
        };
        out.push(Marker {
            start: m.start(),
            end: m.end(),
            text: hit(4),
            kv: hit(7),
        });
        blanked.replace_range(m.start()..m.end(), &" ".repeat(m.len()));
    }
    (out, blanked)
}

/// The text hits of the markers in `text` (for `hits_of`).
fn marker_hits(text: &str) -> (Vec<(usize, usize, SecretHit)>, String) {
    let (ms, blanked) = markers(text);
    let hits = ms
        .into_iter()
        .filter_map(|m| m.text.map(|h| (m.start, m.end, h)))
        .collect();
    (hits, blanked)
}

/// A `NAME=value` value (environment entry, label) as a redacted bundle
/// keeps it: the marker when the detector calls it a secret, else None
/// (kept as it is).
pub fn redact_kv_value(name: &str, value: &str) -> Option<String> {
    if value.contains(MARKER_START) {
        return None;
    }
    assignment_marker(name, value)
}

/// How a hit of the detector shows its value.
fn shown(h: &Located, value: &str) -> SecretHit {
    SecretHit {
        rule: h.rule,
        description: h.description,
        confidence: h.confidence,
        redacted: if h.rule == "private-key" {
            "-----BEGIN … PRIVATE KEY----- [redacted]".to_string()
        } else if value.contains('\n') {
            "[redacted block]".to_string()
        } else {
            redact(value)
        },
    }
}

/// The marker of the value of `name=value`, the same wherever the
/// assignment is written (an environment entry, an `ENV` step of the build
/// history, a command line), so that checks comparing them (an `ENV` step
/// that set the config's entry) still find them equal: the text hit is the
/// detector's on `name=value` (it judges an assignment by its name).
fn assignment_marker(name: &str, value: &str) -> Option<String> {
    let kv = scan_kv(name, value)?;
    let line = format!("{name}={value}");
    let at = name.len() + 1;
    let text = scan::scan(TEXT_SYNTAX, &line)
        .into_iter()
        .find(|h| at < h.end)
        .map(|h| shown(&h, &line[h.start..h.end]));
    Some(redaction_marker(text.as_ref(), Some(&kv), value))
}

/// A free text (command line, build step, argument) as a redacted bundle
/// keeps it: each secret the detector finds, and each value of a
/// secret-looking assignment or flag, replaced by its marker.
pub fn redact_text_for_facts(text: &str) -> String {
    let (_, blanked) = markers(text);
    let found = scan::scan(TEXT_SYNTAX, &blanked);
    // (start, end, marker), none overlapping another.
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for (re, flag) in [(&*ASSIGNMENT, false), (&*FLAG, true)] {
        for c in re.captures_iter(&blanked) {
            if flag && !starts_word(&blanked, c.get(1).expect("name group").start()) {
                continue;
            }
            let name = c[1].trim_start_matches('-');
            let v = c.get(3).expect("value group");
            let (mut s, mut e) = (v.start(), v.end());
            let raw = &text[s..e];
            if raw.len() >= 2
                && (raw.starts_with('"') && raw.ends_with('"')
                    || raw.starts_with('\'') && raw.ends_with('\''))
            {
                s += 1;
                e -= 1;
            }
            if s >= e || spans.iter().any(|(a, b, _)| s < *b && *a < e) {
                continue;
            }
            let value = &text[s..e];
            let marker = if flag {
                // A flag's value: the text hit is the detector's on the
                // command line itself (it knows flags).
                scan_kv(name, value).map(|kv| {
                    let t = found
                        .iter()
                        .find(|h| h.start < e && s < h.end)
                        .map(|h| shown(h, &text[h.start..h.end]));
                    redaction_marker(t.as_ref(), Some(&kv), value)
                })
            } else {
                assignment_marker(name, value)
            };
            if let Some(m) = marker {
                spans.push((s, e, m));
            }
        }
    }
    // The bare password arguments `redact_text` hides, judged as a
    // password or as the value of the name `configure set` gives.
    for (name, s, e) in bare_arguments(&blanked) {
        let value = &text[s..e];
        if spans.iter().any(|(a, b, _)| s < *b && *a < e) {
            continue;
        }
        if let Some(kv) = scan_kv(&name, value) {
            spans.push((s, e, redaction_marker(None, Some(&kv), value)));
        }
    }
    for h in &found {
        if spans.iter().any(|(a, b, _)| h.start < *b && *a < h.end) {
            continue;
        }
        let value = &text[h.start..h.end];
        spans.push((
            h.start,
            h.end,
            redaction_marker(Some(&shown(h, value)), None, value),
        ));
    }
    spans.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let mut out = text.to_string();
    for (s, e, marker) in spans {
        out.replace_range(s..e, &marker);
    }
    out
}

/// Judges a `NAME=value` pair: known token formats in the value first, then
/// a secret-looking name with a non-trivial value.
pub fn scan_kv(name: &str, value: &str) -> Option<SecretHit> {
    // A value redacted in an evidence bundle: judged as it was.
    if value.contains(MARKER_START) {
        let (ms, _) = markers(value.trim());
        if let [m] = ms.as_slice() {
            if m.start == 0 && m.end == value.trim().len() {
                return m.kv.clone().or_else(|| m.text.clone());
            }
        }
    }
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

/// What a scanner found in `text`: each rule with the text it covers (the
/// scanners' unit tests).
#[cfg(test)]
pub(crate) fn found_by(
    scan: fn(&str, &str, &mut Vec<Located>),
    path: &str,
    text: &str,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    scan(path, text, &mut out);
    out.iter()
        .map(|l| (l.rule, text[l.start..l.end].to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_bare_password_arguments() {
        for (text, secret) in [
            (
                "RUN apt-get install -y x && docker login -u ci -p Xq81mWz0pLx7Vb3n r.corp",
                "Xq81mWz0pLx7Vb3n",
            ),
            ("echo 'root:Xk9pQ2mZ7v' | chpasswd", "Xk9pQ2mZ7v"),
            ("mysql -uroot -pS3cr3tPw9x -e 'select 1'", "S3cr3tPw9x"),
            (
                "aws configure set aws_secret_access_key udubh1MlH2zj3jmrsA4WbHprxhbjUi+PeHeWp1Ov",
                "udubh1MlH2zj3jmrsA4WbHprxhbjUi+PeHeWp1Ov",
            ),
        ] {
            let out = redact_text(text);
            assert!(!out.contains(secret), "{out}");
            assert!(out.contains("redacted"), "{out}");
        }
        // A base64 secret that starts with a slash is no path.
        assert!(!starts_like_path(
            "/K7MDENGbPxRfiCYzq9+Wm2Lx4Tn8VbQ3sHjD1pAe"
        ));
        for p in [
            "/run/secrets/db_password",
            "/var/lib/docker/overlay2/3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d/diff",
            "/etc/ssl/private/Server2024Cert.pem",
        ] {
            assert!(starts_like_path(p), "{p}");
        }
        assert!(
            !redact_text("AWS_SECRET_ACCESS_KEY=/K7MDENGbPxRfiCYzq9+Wm2Lx4Tn8VbQ3sHjD1pAe")
                .contains("K7MDENGbPxRfiCYzq9")
        );
        // A finding's message is redacted as its evidence is.
        let f = crate::checks::Finding::new(
            crate::checks::Subject::new("container", "db"),
            "exec 0123 runs \"sh -c 'PGPASSWORD=S3cretPw9xQ psql'\" privileged",
            crate::checks::Evidence::new("a", "b", "c"),
        );
        assert!(!f.message.contains("S3cretPw9xQ"), "{}", f.message);
        // Redacted bundles hide them too.
        for (text, secret) in [
            (
                "docker login -u ci -p Xq81mWz0pLx7Vb3n r.corp",
                "Xq81mWz0pLx7Vb3n",
            ),
            ("mysql -uroot -pS3cr3tPw9x -e 'select 1'", "S3cr3tPw9x"),
            ("echo 'root:Xk9pQ2mZ7v' | chpasswd", "Xk9pQ2mZ7v"),
        ] {
            let out = redact_text_for_facts(text);
            assert!(!out.contains(secret) && out.contains(MARKER_START), "{out}");
        }
        // Variables, ports, other programs' flags and other arguments stay.
        for text in [
            "mysqladmin ping -h db -P3306",
            "ssh login@host -p 2222",
            "docker login -u ci -p $REGISTRY_PASSWORD r.corp",
            "aws configure set region eu-west-1",
            "echo hello | tee /tmp/x",
        ] {
            assert_eq!(redact_text(text), text);
        }
    }

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
            "VALKEY_PRIMARY_PASSWORD",
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
    use super::*;

    #[test]
    fn markers_are_judged_as_the_secrets_they_replace() {
        let aws = "AKIAJT2MYNCZX7TUOUCI";
        for (name, value) in [
            ("DB_PASSWORD", "hunter2hunter2"),
            ("SOMETHING", aws),
            ("NOTE", "token is AKIAJT2MYNCZX7TUOUCI here"),
        ] {
            let raw = scan_kv(name, value).unwrap();
            let marker = redact_kv_value(name, value).unwrap();
            assert!(!marker.contains(value) && !marker.contains(aws), "{marker}");
            assert_eq!(scan_kv(name, &marker), Some(raw.clone()), "{marker}");
            // As an assignment in a text, the same hits too.
            assert_eq!(
                scan_text(&format!("{name}={marker}")),
                scan_text(&format!("{name}={value}")),
                "{marker}"
            );
            // Evidence shows the redacted form, not the marker.
            assert_eq!(redact_text(&marker), raw.redacted);
        }
        let cmd = format!(
            "/bin/sh -c export AWS_ACCESS_KEY_ID={aws} && mysql --password s3cr3tP4ssw0rd -u root"
        );
        let red = redact_text_for_facts(&cmd);
        assert!(
            !red.contains(aws) && !red.contains("s3cr3tP4ssw0rd"),
            "{red}"
        );
        assert!(red.contains("-u root"), "{red}");
        assert_eq!(scan_text(&red), scan_text(&cmd));
        assert_eq!(redact_text_for_facts(&red), red);
        assert_eq!(
            redact_text_for_facts("apt-get install -y curl"),
            "apt-get install -y curl"
        );
    }

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
