//! Reads the files `dockaudit secrets` scans: files and folders (symbolic
//! links not followed, `.git` skipped) or standard input, each bounded in
//! bytes (a larger file is scanned up to the bound and reported as read in
//! part), regular files only, binary content skipped by sniffing, in
//! parallel. The baseline file: accepted findings by fingerprint and path.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a device, FIFO or socket is not read: nothing is kept in one at
/// rest, so it is noted, not a finding that fails a run.
pub const NOT_REGULAR: &str = "not a regular file (device, FIFO or socket): not read";

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::facts::secrets::{BaselineUse, FileSecret, FileSecrets, SecretScan};
use crate::secrets::scan::{is_binary, scan_shown};

/// Default bound on the bytes read of one file.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// What one file gave.
enum Read1 {
    Scanned {
        bytes: u64,
        secrets: Vec<FileSecret>,
        partial: Option<String>,
    },
    Binary,
    Unread(String),
}

fn shown_to_fact(s: crate::secrets::scan::Shown) -> FileSecret {
    FileSecret {
        rule: s.rule.to_string(),
        description: s.description.to_string(),
        confidence: match s.confidence {
            crate::secrets::Confidence::High => "high".into(),
            crate::secrets::Confidence::Medium => "medium".into(),
        },
        line: s.line,
        column: s.column,
        end_column: s.end_column,
        preview: s.preview,
        fingerprint: s.fingerprint,
        detail: s.detail,
    }
}

/// Scan bytes already read (at most `limit` of them were kept; `more`
/// says the source had more).
fn scan_bytes(name: &str, mut bytes: Vec<u8>, limit: u64, more: bool) -> Read1 {
    if is_binary(&bytes) {
        return Read1::Binary;
    }
    let partial =
        more.then(|| format!("larger than {limit} bytes: only the first {limit} scanned"));
    // Cut at the last newline so a value is not split mid-way.
    if more {
        if let Some(nl) = bytes.iter().rposition(|b| *b == b'\n') {
            bytes.truncate(nl + 1);
        }
    }
    let n = bytes.len() as u64;
    let text = String::from_utf8_lossy(&bytes);
    let secrets = scan_shown(name, &text)
        .into_iter()
        .map(shown_to_fact)
        .collect();
    Read1::Scanned {
        bytes: n,
        secrets,
        partial,
    }
}

fn read_limited(r: impl Read, limit: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut buf = Vec::new();
    r.take(limit + 1).read_to_end(&mut buf)?;
    let more = buf.len() as u64 > limit;
    buf.truncate(limit as usize);
    Ok((buf, more))
}

fn read_one(path: &Path, limit: u64) -> Read1 {
    if path.as_os_str() == "-" {
        return match read_limited(std::io::stdin().lock(), limit) {
            Ok((b, more)) => scan_bytes("-", b, limit, more),
            Err(e) => Read1::Unread(format!("cannot read standard input: {e}")),
        };
    }
    // The kind is checked before opening: a FIFO or device is never opened.
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return Read1::Unread(format!("cannot read: {e}")),
    };
    let meta = if meta.file_type().is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return Read1::Unread(format!("cannot follow the link: {e}")),
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return Read1::Unread(NOT_REGULAR.into());
    }
    // Opened without blocking and checked again on the handle: a file
    // swapped for a FIFO since the check above is refused, not waited on.
    let file = match crate::collect::files::open_regular(path) {
        Ok(f) => f,
        Err(e) => return Read1::Unread(e.trim_start_matches("is ").to_string()),
    };
    match read_limited(file, limit) {
        Ok((b, more)) => scan_bytes(&path.to_string_lossy(), b, limit, more),
        Err(e) => Read1::Unread(format!("cannot read: {e}")),
    }
}

/// Scan `paths` (files, folders, `-`), at most `limit` bytes of each file.
pub fn scan_paths(paths: &[PathBuf], limit: u64) -> Result<SecretScan, String> {
    let (files, unread_dirs) = crate::collect::files::find_with(paths, true, |_| true, &[".git"])?;
    let results: Vec<(String, Read1)> = files
        .par_iter()
        .map(|p| (p.to_string_lossy().to_string(), read_one(p, limit)))
        .collect();
    let mut scan = SecretScan {
        roots: paths
            .iter()
            .map(|p| p.to_string_lossy().to_string())
            .collect(),
        unread: unread_dirs,
        ..Default::default()
    };
    for (path, r) in results {
        match r {
            Read1::Scanned {
                bytes,
                secrets,
                partial,
            } => {
                scan.files_scanned += 1;
                scan.bytes_scanned += bytes;
                if let Some(p) = partial {
                    scan.partial.push(format!("{path}: {p}"));
                }
                if !secrets.is_empty() {
                    scan.files.push(FileSecrets { path, secrets });
                }
            }
            Read1::Binary => scan.binary_skipped += 1,
            Read1::Unread(why) => scan.unread.push(format!("{path}: {why}")),
        }
    }
    scan.files.sort_by(|a, b| a.path.cmp(&b.path));
    scan.unread.sort();
    scan.partial.sort();
    Ok(scan)
}

/// A baseline: findings accepted by fingerprint and path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub secrets: Vec<BaselineEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub path: String,
    pub fingerprint: String,
    pub rule: String,
    /// Where it was when accepted (informational: a moved line still
    /// matches).
    #[serde(default)]
    pub line: u32,
}

/// The baseline of every finding of a scan.
pub fn baseline_of(scan: &SecretScan) -> Baseline {
    let mut secrets: Vec<BaselineEntry> = scan
        .files
        .iter()
        .flat_map(|f| {
            f.secrets.iter().map(|s| BaselineEntry {
                path: f.path.clone(),
                fingerprint: s.fingerprint.clone(),
                rule: s.rule.clone(),
                line: s.line,
            })
        })
        .collect();
    secrets.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Baseline {
        version: 1,
        secrets,
    }
}

/// Reads a baseline file (bounded; JSON).
pub fn read_baseline(path: &Path) -> Result<Baseline, String> {
    use crate::collect::files::{read_input_text, InputKind};
    let text = read_input_text(path, InputKind::Baseline)
        .map_err(|e| format!("baseline {}: {e}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "baseline {}: line {} column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if b.version != 1 {
        return Err(format!(
            "baseline {}: version {}: this dockaudit reads version 1",
            path.display(),
            b.version
        ));
    }
    Ok(b)
}

/// Removes the findings the baseline accepts (same fingerprint, same
/// path) and records the entries that matched nothing.
pub fn apply_baseline(scan: &mut SecretScan, baseline: &Baseline, file: &str) {
    let mut used = vec![false; baseline.secrets.len()];
    let mut accepted = 0;
    for f in &mut scan.files {
        f.secrets.retain(|s| {
            let hit = baseline
                .secrets
                .iter()
                .position(|e| e.path == f.path && e.fingerprint == s.fingerprint);
            match hit {
                Some(i) => {
                    used[i] = true;
                    accepted += 1;
                    false
                }
                None => true,
            }
        });
    }
    scan.files.retain(|f| !f.secrets.is_empty());
    let stale = baseline
        .secrets
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| {
            format!(
                "{}: {} ({}), was line {}",
                e.path, e.rule, e.fingerprint, e.line
            )
        })
        .collect();
    scan.baseline = Some(BaselineUse {
        file: file.to_string(),
        accepted,
        stale,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_with(path: &str, fp: &str) -> SecretScan {
        SecretScan {
            files: vec![FileSecrets {
                path: path.into(),
                secrets: vec![FileSecret {
                    rule: "r".into(),
                    fingerprint: fp.into(),
                    line: 3,
                    ..Default::default()
                }],
            }],
            ..Default::default()
        }
    }

    #[test]
    fn baseline_accepts_by_fingerprint_and_path_and_reports_stale_entries() {
        let b = baseline_of(&scan_with("a.env", "f1"));
        // Same secret, moved to another line: still accepted.
        let mut moved = scan_with("a.env", "f1");
        moved.files[0].secrets[0].line = 40;
        apply_baseline(&mut moved, &b, "base.json");
        assert!(moved.files.is_empty());
        assert_eq!(moved.baseline.as_ref().unwrap().accepted, 1);
        // The same secret in another file is not accepted; the entry is stale.
        let mut other = scan_with("b.env", "f1");
        apply_baseline(&mut other, &b, "base.json");
        assert_eq!(other.files.len(), 1);
        assert_eq!(other.baseline.as_ref().unwrap().stale.len(), 1);
    }

    #[test]
    fn special_files_are_refused_unopened_and_large_files_read_in_part() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let ok = std::process::Command::new("mkfifo").arg(&fifo).status();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "line\n".repeat(1000)).unwrap();
        std::fs::write(dir.path().join("bin"), b"\x00\x01\x02").unwrap();
        let s = scan_paths(&[dir.path().to_path_buf()], 100).unwrap();
        if ok.map(|s| s.success()).unwrap_or(false) {
            // The walk does not list FIFOs; named directly, one is refused.
            let s2 = scan_paths(std::slice::from_ref(&fifo), 100).unwrap();
            assert!(
                s2.unread[0].contains("not a regular file"),
                "{:?}",
                s2.unread
            );
        }
        assert_eq!(s.binary_skipped, 1);
        assert!(s
            .partial
            .iter()
            .any(|u| u.contains("big.txt") && u.contains("only the first 100")));
        assert!(!s.unread.iter().any(|u| u.contains("big.txt")));
    }
}
