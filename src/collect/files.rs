//! Bounded reads of the text files the file-based commands audit (compose
//! files, env files, Kubernetes manifests). I/O only: parsing is elsewhere.

use std::fs;
use std::path::Path;

/// Largest document read (real compose files and manifests are a few
/// kilobytes).
pub const MAX_TEXT_BYTES: u64 = 2 << 20;

/// Reads a YAML/JSON document file (compose files, their `.env` and
/// `extends` files, Kubernetes manifests) as text, at most
/// [`MAX_TEXT_BYTES`]: see [`read_text_bounded`].
pub fn read_text(path: &Path) -> Result<String, String> {
    read_text_bounded(path, MAX_TEXT_BYTES)
}

/// Reads a text file of at most `limit` bytes: a regular file only (a
/// device, FIFO or socket would never end or never answer), read through a
/// byte bound rather than trusting its size, UTF-8, no NUL bytes, a
/// byte-order mark dropped.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".to_string());
    }
    if !meta.is_file() {
        return Err("is not a regular file (device, FIFO or socket): not read".to_string());
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    text_of(read_bounded(file, limit)?)
}

/// Reads at most `limit` bytes from `r`; more is an error naming the bound.
pub fn read_bounded(r: impl std::io::Read, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    r.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "is larger than the {limit} bytes such a file may have: not read"
        ));
    }
    Ok(buf)
}

/// The bytes as text: UTF-8, no NUL bytes, without a byte-order mark.
pub fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("is a binary file (NUL bytes), not YAML or JSON".to_string());
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// Folders a search never enters (version control, dependencies, builds).
const SKIP_DIRS: &[&str] = &[".git", "node_modules", "target", ".hg", ".svn", "vendor"];

/// The files named on the command line, and under each folder among them
/// the files whose name `wanted` accepts (sorted, without duplicates,
/// symbolic links not followed, at most 32 folders deep). "-" (stdin) is
/// kept as given when `stdin` is true.
pub fn find(
    paths: &[std::path::PathBuf],
    stdin: bool,
    wanted: fn(&str) -> bool,
) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if stdin && p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            walk(p, wanted, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, wanted: fn(&str) -> bool, out: &mut Vec<std::path::PathBuf>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                walk(&e.path(), wanted, out, depth + 1);
            }
        } else if ft.is_file() && wanted(&name) {
            out.push(e.path());
        }
    }
}
