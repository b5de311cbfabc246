//! The one secrets scanner every audit uses: a keyword prefilter
//! (Aho-Corasick, ASCII case-insensitive) decides which detectors run on a
//! text (token formats, private keys, generic assignments, credential
//! files); overlapping hits keep the most specific; each hit gets its line,
//! column span, a redacted preview and a fingerprint (a keyed hash of the
//! value, stable when lines move). Binary content is recognised by sniffing
//! and not scanned. Pure: callers bound and read the bytes.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{files, generic, keys, redact, rules, Confidence, Located};

/// What the prefilter's keyword `i` switches on.
#[derive(Clone, Copy)]
enum Target {
    Rule(usize),
    Keys,
    Generic,
}

struct Prefilter {
    ac: AhoCorasick,
    targets: Vec<Target>,
    rules: usize,
}

static PREFILTER: LazyLock<Prefilter> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    let mut targets = Vec::new();
    for (i, r) in rules::all().iter().enumerate() {
        for k in r.keywords {
            words.push(k.to_ascii_lowercase());
            targets.push(Target::Rule(i));
        }
    }
    for k in keys::KEYWORDS {
        words.push(k.to_ascii_lowercase());
        targets.push(Target::Keys);
    }
    for k in generic::KEYWORDS {
        words.push(k.to_ascii_lowercase());
        targets.push(Target::Generic);
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&words)
        .expect("secret keywords build an automaton");
    Prefilter {
        ac,
        targets,
        rules: rules::all().len(),
    }
});

/// Content that is not text: a NUL byte in the first 8 KiB (the test git
/// and grep use), or, when that is not UTF-8, control characters in more
/// than one byte of twenty. A Latin-1 file (a Java `.properties`, an old
/// configuration file) is text with a few bytes that are not UTF-8: it is
/// read (lossily), not passed over.
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    match std::str::from_utf8(head) {
        Ok(_) => false,
        // A character cut by the 8 KiB window is not binary.
        Err(e) if e.error_len().is_none() => false,
        Err(_) => {
            let control = head
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
                .count();
            control * 20 > head.len()
        }
    }
}

/// Every secret in `text`; `path` selects format-aware detectors
/// (credential files, the syntax of assignments). Sorted by position;
/// overlapping hits keep the highest confidence, then the first detector
/// (token formats before keys before credential files before generic).
pub fn scan(path: &str, text: &str) -> Vec<Located> {
    let pf = &*PREFILTER;
    let mut active = vec![false; pf.rules];
    let (mut want_keys, mut want_generic) = (false, false);
    for m in pf.ac.find_overlapping_iter(text) {
        match pf.targets[m.pattern().as_usize()] {
            Target::Rule(i) => active[i] = true,
            Target::Keys => want_keys = true,
            Target::Generic => want_generic = true,
        }
    }
    let active: Vec<usize> = active
        .iter()
        .enumerate()
        .filter_map(|(i, on)| on.then_some(i))
        .collect();
    let mut found = Vec::new();
    if !active.is_empty() {
        rules::scan(text, &active, &mut found);
    }
    if want_keys {
        keys::scan(text, &mut found);
    }
    if files::is_credential_file(path) {
        files::scan(path, text, &mut found);
    }
    if want_generic {
        generic::scan(path, text, &mut found);
    }
    resolve(found, text.len())
}

/// Drop hits that are out of range or overlap a better one.
fn resolve(found: Vec<Located>, len: usize) -> Vec<Located> {
    let mut ranked: Vec<(usize, Located)> = found
        .into_iter()
        .filter(|h| h.start < h.end && h.end <= len)
        .enumerate()
        .collect();
    // Best first: confidence, then detector order (the index).
    ranked.sort_by(|(ia, a), (ib, b)| b.confidence.cmp(&a.confidence).then(ia.cmp(ib)));
    let mut kept: Vec<Located> = Vec::new();
    for (_, h) in ranked {
        if kept.iter().any(|k| h.start < k.end && k.start < h.end) {
            continue;
        }
        kept.push(h);
    }
    kept.sort_by_key(|h| (h.start, h.end));
    kept
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u32, col as u32)
}

/// The default fingerprint key: fingerprints are comparable across
/// machines. `DOCKAUDIT_FINGERPRINT_KEY` sets another, so that a weak
/// password cannot be confirmed from a shared baseline by guessing.
const DEFAULT_KEY: &[u8] = b"dockaudit secret fingerprint v1";

/// A stable fingerprint of a secret value: `hmac-sha256:` and the first 16
/// bytes of HMAC-SHA256(key, value), hex. Never reversible to the value.
pub fn fingerprint(value: &str) -> String {
    let key = std::env::var("DOCKAUDIT_FINGERPRINT_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let key = key.as_deref().map(str::as_bytes).unwrap_or(DEFAULT_KEY);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("hmac-sha256:{hex}")
}

/// One secret as reports show it: never the value itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub rule: &'static str,
    pub description: &'static str,
    pub confidence: Confidence,
    pub line: u32,
    pub column: u32,
    pub end_column: u32,
    /// The line with the value redacted, trimmed to 160 characters.
    pub preview: String,
    pub fingerprint: String,
    pub detail: Option<String>,
}

/// `scan` with positions, previews and fingerprints.
pub fn scan_shown(path: &str, text: &str) -> Vec<Shown> {
    let hits = scan(path, text);
    let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    spans.sort_unstable();
    hits.into_iter()
        .map(|h| {
            let value = &text[h.start..h.end];
            let (line, column) = position(text, h.start);
            let (end_line, end) = position(text, h.end);
            let line_start = text[..h.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[h.start..]
                .find('\n')
                .map_or(text.len(), |i| h.start + i);
            // The line with every secret found on it redacted, not only
            // this one (two keys on one line would show each other).
            let mut preview = String::new();
            let mut at = line_start;
            for &(s, e) in spans
                .iter()
                .filter(|(s, e)| *s < line_end && *e > line_start)
            {
                if s < at {
                    at = at.max(e.min(line_end));
                    continue;
                }
                preview.push_str(&text[at..s]);
                let v = &text[s..e];
                preview.push_str(&if v.contains('\n') {
                    "[redacted block]".to_string()
                } else {
                    redact(v)
                });
                at = e.min(line_end);
                if e >= line_end {
                    break;
                }
            }
            preview.push_str(&text[at..line_end]);
            let preview_trimmed = preview.trim();
            if preview_trimmed.chars().count() > 160 {
                preview = preview_trimmed.chars().take(159).collect::<String>() + "…";
            } else {
                preview = preview_trimmed.to_string();
            }
            Shown {
                rule: h.rule,
                description: h.description,
                confidence: h.confidence,
                line,
                column,
                end_column: if end_line == line { end } else { column },
                preview,
                fingerprint: fingerprint(value),
                detail: h.detail,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_sample_tokens_are_not_secrets() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let hits = scan_shown(
            "README.md",
            &format!("curl -H 'Authorization: Bearer {jwt}'\n"),
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn previews_redact_every_secret_of_the_line() {
        let id = "AKIAJT2MYNCZX7TUOUCI";
        let key = "udubh1MlH2zj3jmrsA4WbHprxhbjUi+PeHeWp1Ov";
        let text =
            format!("#!/bin/sh\nexport AWS_ACCESS_KEY_ID={id} AWS_SECRET_ACCESS_KEY={key}\n");
        let shown = scan_shown("deploy.sh", &text);
        assert!(shown.len() >= 2, "{shown:?}");
        for s in &shown {
            assert!(
                !s.preview.contains(id) && !s.preview.contains(key),
                "{}",
                s.preview
            );
            assert!(
                s.preview.starts_with("export AWS_ACCESS_KEY_ID="),
                "{}",
                s.preview
            );
        }
    }

    fn hit(start: usize, end: usize, confidence: Confidence, rule: &'static str) -> Located {
        Located {
            rule,
            description: "",
            confidence,
            start,
            end,
            detail: None,
        }
    }

    #[test]
    fn overlaps_keep_the_most_confident_then_the_first() {
        let got = resolve(
            vec![
                hit(0, 10, Confidence::Medium, "generic"),
                hit(2, 8, Confidence::High, "token"),
                hit(20, 30, Confidence::High, "a"),
                hit(25, 35, Confidence::High, "b"),
                hit(40, 90, Confidence::High, "out-of-range"),
            ],
            50,
        );
        let rules: Vec<&str> = got.iter().map(|h| h.rule).collect();
        assert_eq!(rules, vec!["token", "a"]);
    }

    #[test]
    fn positions_count_characters() {
        let t = "a\nbé=x\n";
        assert_eq!(position(t, 0), (1, 1));
        assert_eq!(position(t, 2), (2, 1));
        assert_eq!(position(t, t.find('=').unwrap()), (2, 3));
        assert_eq!(position(t, t.len()), (3, 1));
    }

    #[test]
    fn fingerprints_are_stable_keyed_and_opaque() {
        let a = fingerprint("hunter2-but-longer");
        assert_eq!(a, fingerprint("hunter2-but-longer"));
        assert_ne!(a, fingerprint("hunter3-but-longer"));
        assert!(a.starts_with("hmac-sha256:") && a.len() == 12 + 32);
        assert!(!a.contains("hunter"));
    }

    #[test]
    fn binary_sniffing() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary("plain text é".as_bytes()));
        // UTF-16 (with its BOM): NUL bytes.
        assert!(is_binary(&[0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]));
        // Latin-1 text is text; control bytes that are not UTF-8 are not.
        assert!(!is_binary(b"# caf\xe9 cr\xe8me\ndb.password=Vexqu1ll482\n"));
        assert!(is_binary(&[0xff, 0x01, 0x02, 0x03, 0x04, 0x41, 0x05, 0x06]));
        let hits = scan_shown(
            "app.properties",
            &String::from_utf8_lossy(b"# caf\xe9\ndb.password=Vexqu1ll+482Zq\n"),
        );
        assert_eq!(hits.len(), 1, "{hits:?}");
        // A multi-byte character cut at the 8 KiB window is still text.
        let mut s = "a".repeat(8191).into_bytes();
        s.extend_from_slice("é".as_bytes());
        assert!(!is_binary(&s));
    }
}
