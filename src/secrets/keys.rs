//! Private keys in every common container: PEM (PKCS#1, SEC1, PKCS#8 and
//! its encrypted form, DSA, PGP), OpenSSH's own format, PuTTY key files;
//! encrypted keys told apart from plain ones. Pure.
//!
//! A block counts only with a body: a BEGIN line alone (a marker string in
//! a parser, a line of documentation) is not a key. PEM inside a JSON or
//! YAML string (`\n` escapes, quotes, indentation) is read like PEM in a
//! file. An unterminated block still counts when its body does, with "no
//! END line" in its detail.

use std::sync::LazyLock;

use regex::Regex;

use super::rules::b64_decode;
use super::{Confidence, Located};

/// Keywords that make `scan` worth running.
pub const KEYWORDS: &[&str] = &["private key", "putty-user-key-file"];

/// The most of a text one block may span.
const MAX_BLOCK: usize = 64 * 1024;
/// The fewest base64 characters a body needs (a 256-bit EC key in SEC1
/// is ~160; anything under this is a marker or an elided example).
const MIN_BODY: usize = 64;

static BEGIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"-----BEGIN (?P<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----")
        .expect("BEGIN pattern")
});

static PUTTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"PuTTY-User-Key-File-(?P<v>[23]): *[A-Za-z0-9@.\-]+").expect("PuTTY pattern")
});

/// Every private key block in `text`.
pub fn scan(text: &str, out: &mut Vec<Located>) {
    let mut covered = 0usize;
    for c in BEGIN.captures_iter(text) {
        let (Some(m), Some(kind)) = (c.get(0), c.name("kind")) else {
            continue;
        };
        if m.start() < covered {
            continue;
        }
        if let Some(hit) = pem_block(text, m.start(), m.end(), kind.as_str()) {
            covered = hit.end;
            push(out, hit);
        }
    }
    let mut covered = 0usize;
    for m in PUTTY.find_iter(text) {
        if m.start() < covered {
            continue;
        }
        if let Some(hit) = putty_block(text, m.start()) {
            covered = hit.end;
            push(out, hit);
        }
    }
}

fn push(out: &mut Vec<Located>, hit: Located) {
    if !out.contains(&hit) {
        out.push(hit);
    }
}

/// The largest char boundary at or below `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Logical lines of `text[from..to]`, split at newlines and at the two
/// characters `\n` (a newline escaped in a JSON or code string): byte
/// ranges in `text`.
fn logical_lines(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = from;
    let mut i = from;
    while i < to {
        if b[i] == b'\n' {
            lines.push((start, i));
            i += 1;
            start = i;
        } else if b[i] == b'\\' && i + 1 < to && b[i + 1] == b'n' {
            lines.push((start, i));
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < to {
        lines.push((start, to));
    }
    lines
}

/// A line stripped of what surrounds PEM in code and configuration:
/// indentation, quotes, string concatenation, line continuations, `\r`
/// (literal or escaped).
fn clean(line: &str) -> &str {
    let mut l = line.trim();
    loop {
        let before = l.len();
        // Trailing: `\r` (escaped), continuation, separators, quotes, a
        // concatenation operator after a space.
        for suffix in ["\\r", "\\", ",", ";", ")", "\"", "'", "`", " +"] {
            if let Some(s) = l.strip_suffix(suffix) {
                l = s.trim_end();
            }
        }
        // Leading: a concatenation operator, a bytes-literal prefix, quotes.
        for prefix in ["+ ", "b\"", "b'", "\"", "'", "`"] {
            if let Some(s) = l.strip_prefix(prefix) {
                l = s.trim_start();
            }
        }
        if l.len() == before {
            return l;
        }
    }
}

enum Line<'a> {
    Blank,
    /// `Name: value` (PEM and PGP armor headers, PuTTY fields).
    Header(&'a str, &'a str),
    Base64(&'a str),
    /// PGP armor checksum `=abcd`.
    Checksum,
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let l = clean(line);
    if l.is_empty() {
        return Line::Blank;
    }
    if l.len() == 5 && l.starts_with('=') {
        return Line::Checksum;
    }
    if l.bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
    {
        return Line::Base64(l);
    }
    if let Some((name, value)) = l.split_once(':') {
        if !name.is_empty()
            && name.len() <= 40
            && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        {
            return Line::Header(name, value.trim());
        }
    }
    Line::Other
}

/// What a PEM body holds: its headers, base64 text, and where it ends.
struct Body<'a> {
    headers: Vec<(&'a str, &'a str)>,
    base64: String,
    /// Lines that are neither base64 nor headers.
    other: usize,
    lines: usize,
    /// End (byte offset) of the last body line.
    end: usize,
}

fn read_body<'a>(text: &'a str, from: usize, to: usize, stop_at_other: bool) -> Body<'a> {
    let mut body = Body {
        headers: Vec::new(),
        base64: String::new(),
        other: 0,
        lines: 0,
        end: from,
    };
    for (s, e) in logical_lines(text, from, to) {
        match classify(&text[s..e]) {
            Line::Blank => {
                if stop_at_other && !body.base64.is_empty() {
                    break;
                }
            }
            Line::Header(n, v) => {
                if stop_at_other && !body.base64.is_empty() {
                    break;
                }
                body.headers.push((n, v));
                body.lines += 1;
                body.end = e;
            }
            Line::Base64(b) => {
                body.base64.push_str(b);
                body.lines += 1;
                body.end = e;
            }
            Line::Checksum => {
                body.lines += 1;
                body.end = e;
            }
            Line::Other => {
                // Lines joined with spaces (a folded YAML scalar, a
                // one-line .env value): base64 words separated by blanks,
                // each but the last a whole line of a key (64 or 70
                // characters; prose has short words).
                let l = clean(&text[s..e]);
                let words: Vec<&str> = l.split_whitespace().collect();
                if words.len() > 1
                    && words[..words.len() - 1].iter().all(|w| w.len() >= 40)
                    && words.iter().all(|w| {
                        w.bytes()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
                    })
                {
                    words.iter().for_each(|w| body.base64.push_str(w));
                    body.lines += 1;
                    body.end = e;
                    continue;
                }
                if stop_at_other {
                    break;
                }
                body.other += 1;
                body.lines += 1;
            }
        }
    }
    body
}

/// A body that is base64 of plausible length and variety, not code or an
/// elided example.
fn plausible(body: &Body) -> bool {
    if body.base64.len() < MIN_BODY {
        return false;
    }
    // Code between two marker strings is mostly not base64.
    if body.other * 10 > body.lines * 3 {
        return false;
    }
    let mut seen = [false; 128];
    for b in body.base64.bytes() {
        seen[usize::from(b & 0x7f)] = true;
    }
    seen.iter().filter(|&&s| s).count() >= 16
}

fn pem_block(text: &str, start: usize, begin_end: usize, kind: &str) -> Option<Located> {
    let limit = floor_boundary(text, begin_end.saturating_add(MAX_BLOCK));
    let window = &text[begin_end..limit];
    let end_marker = format!("-----END {kind}-----");
    // The block ends at its END line, or at the next BEGIN if that comes
    // first (then it is unterminated).
    let next_begin = window.find("-----BEGIN ").map(|i| begin_end + i);
    let end_at = window
        .find(&end_marker)
        .map(|i| begin_end + i)
        .filter(|&i| next_begin.is_none_or(|b| i < b));
    let (body, end, terminated) = match end_at {
        Some(i) => {
            let body = read_body(text, begin_end, i, false);
            if plausible(&body) {
                (body, i + end_marker.len(), true)
            } else {
                // Not a key between the markers; maybe a key that lost its
                // END line right after BEGIN.
                let body = read_body(text, begin_end, i, true);
                let end = body.end;
                (body, end, false)
            }
        }
        None => {
            let body = read_body(text, begin_end, next_begin.unwrap_or(limit), true);
            let end = body.end;
            (body, end, false)
        }
    };
    if !plausible(&body) {
        return None;
    }
    let (description, encryption) = match kind {
        "PRIVATE KEY" => ("PKCS#8 private key", Some(false)),
        "ENCRYPTED PRIVATE KEY" => ("PKCS#8 private key", Some(true)),
        "RSA PRIVATE KEY" => ("PKCS#1 RSA private key", Some(proc_type_encrypted(&body))),
        "EC PRIVATE KEY" => ("SEC1 EC private key", Some(proc_type_encrypted(&body))),
        "DSA PRIVATE KEY" => ("DSA private key", Some(proc_type_encrypted(&body))),
        "OPENSSH PRIVATE KEY" => ("OpenSSH private key", openssh_encrypted(&body.base64)),
        "PGP PRIVATE KEY BLOCK" => ("PGP private key block", pgp_encrypted(&body.base64)),
        _ => ("private key", None),
    };
    Some(located(
        description,
        start,
        end,
        encryption,
        terminated,
        "no END line",
    ))
}

fn located(
    description: &'static str,
    start: usize,
    end: usize,
    encryption: Option<bool>,
    terminated: bool,
    missing: &str,
) -> Located {
    let enc = match encryption {
        Some(true) => "encrypted",
        Some(false) => "unencrypted",
        None => "encryption unknown",
    };
    let detail = if terminated {
        enc.to_string()
    } else {
        format!("{enc}; {missing}")
    };
    Located {
        rule: "private-key",
        description,
        confidence: Confidence::High,
        start,
        end,
        detail: Some(detail),
    }
}

/// Traditional OpenSSL PEM encryption: `Proc-Type: 4,ENCRYPTED` and a
/// `DEK-Info` header.
fn proc_type_encrypted(body: &Body) -> bool {
    body.headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("Proc-Type") && v.to_ascii_uppercase().contains("ENCRYPTED")
    })
}

/// The head of a base64 body, decoded (whole 4-character groups only, so
/// a truncated body still decodes).
fn decode_head(b64: &str, max: usize) -> Option<Vec<u8>> {
    let n = b64.len().min(max) / 4 * 4;
    b64_decode(&b64[..n])
}

/// OpenSSH's format: "openssh-key-v1\0", then the cipher name as an SSH
/// string: "none" for a plain key, a cipher ("aes256-ctr",
/// "chacha20-poly1305@openssh.com", ...) for an encrypted one.
fn openssh_encrypted(b64: &str) -> Option<bool> {
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let bytes = decode_head(b64, 400)?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let cipher = rest.get(4..4 + len)?;
    Some(cipher != b"none")
}

/// An OpenPGP secret key packet (tag 5, or 7 for a subkey), version 4:
/// after the public key material, the S2K usage octet is 0 for a plain
/// key, 253/254/255 (or a cipher id) for an encrypted one.
fn pgp_encrypted(b64: &str) -> Option<bool> {
    let bytes = decode_head(b64, 16 * 1024)?;
    let first = *bytes.first()?;
    if first & 0x80 == 0 {
        return None;
    }
    let (tag, mut pos) = if first & 0x40 != 0 {
        // New format: length octets follow.
        let tag = first & 0x3f;
        let l0 = *bytes.get(1)?;
        let skip = match l0 {
            0..=191 => 1,
            192..=223 => 2,
            255 => 5,
            _ => return None,
        };
        (tag, 1 + skip)
    } else {
        let tag = (first >> 2) & 0x0f;
        let skip = match first & 3 {
            0 => 1,
            1 => 2,
            2 => 4,
            _ => 0,
        };
        (tag, 1 + skip)
    };
    if tag != 5 && tag != 7 {
        return None;
    }
    let b = &bytes;
    if *b.get(pos)? != 4 {
        return None;
    }
    pos += 1 + 4; // version, creation time
    let algo = *b.get(pos)?;
    pos += 1;
    let mpi = |pos: &mut usize| -> Option<()> {
        let bits = u16::from_be_bytes([*b.get(*pos)?, *b.get(*pos + 1)?]) as usize;
        *pos += 2 + bits.div_ceil(8);
        (*pos <= b.len()).then_some(())
    };
    let oid = |pos: &mut usize| -> Option<()> {
        let n = *b.get(*pos)? as usize;
        *pos += 1 + n;
        (*pos <= b.len()).then_some(())
    };
    match algo {
        // RSA: n, e.
        1..=3 => {
            mpi(&mut pos)?;
            mpi(&mut pos)?;
        }
        // Elgamal: p, g, y.
        16 | 20 => {
            for _ in 0..3 {
                mpi(&mut pos)?;
            }
        }
        // DSA: p, q, g, y.
        17 => {
            for _ in 0..4 {
                mpi(&mut pos)?;
            }
        }
        // ECDSA, EdDSA: curve OID, point.
        19 | 22 => {
            oid(&mut pos)?;
            mpi(&mut pos)?;
        }
        // ECDH: curve OID, point, KDF parameters.
        18 => {
            oid(&mut pos)?;
            mpi(&mut pos)?;
            oid(&mut pos)?;
        }
        _ => return None,
    }
    Some(*b.get(pos)? != 0)
}

/// A PuTTY key file: the header line, then `Encryption:`, `Comment:`,
/// `Public-Lines:` and its base64, (version 3: key derivation fields),
/// `Private-Lines:` and its base64, `Private-MAC:`.
fn putty_block(text: &str, start: usize) -> Option<Located> {
    let limit = floor_boundary(text, start.saturating_add(MAX_BLOCK));
    let lines = logical_lines(text, start, limit);
    let mut encryption = None;
    let mut private_lines = false;
    let mut base64 = 0usize;
    let mut end = start;
    let mut mac = false;
    for (i, &(s, e)) in lines.iter().enumerate() {
        if i == 0 {
            end = e;
            continue;
        }
        match classify(&text[s..e]) {
            Line::Header(n, v) => {
                end = e;
                match n {
                    "Encryption" => encryption = Some(v != "none"),
                    "Private-Lines" => private_lines = true,
                    "Private-MAC" | "Private-Hash" => {
                        mac = true;
                        break;
                    }
                    _ => {}
                }
            }
            Line::Base64(b) => {
                base64 += b.len();
                end = e;
            }
            Line::Blank | Line::Checksum | Line::Other => break,
        }
    }
    if encryption.is_none() || !private_lines || base64 < MIN_BODY {
        return None;
    }
    Some(located(
        "PuTTY private key",
        start,
        end,
        encryption,
        mac,
        "no Private-MAC line",
    ))
}

#[cfg(test)]
mod tests;
