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
    find_with(paths, stdin, wanted, SKIP_DIRS).map(|(files, _)| files)
}

/// [`find`] with the folders to skip given, also returning the folders
/// that could not be read (`path: reason`), which a caller that must not
/// take "unread" for "empty" reports.
pub fn find_with(
    paths: &[std::path::PathBuf],
    stdin: bool,
    wanted: fn(&str) -> bool,
    skip_dirs: &[&str],
) -> Result<(Vec<std::path::PathBuf>, Vec<String>), String> {
    let mut out = Vec::new();
    let mut unread = Vec::new();
    for p in paths {
        if stdin && p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            let mut w = Walk {
                wanted,
                skip_dirs,
                out: &mut out,
                unread: &mut unread,
            };
            w.walk(p, 0);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok((out, unread))
}

struct Walk<'a> {
    wanted: fn(&str) -> bool,
    skip_dirs: &'a [&'a str],
    out: &'a mut Vec<std::path::PathBuf>,
    unread: &'a mut Vec<String>,
}

impl Walk<'_> {
    fn walk(&mut self, dir: &Path, depth: usize) {
        if depth > 32 {
            self.unread.push(format!(
                "{}: deeper than 32 folders: not entered",
                dir.display()
            ));
            return;
        }
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.unread.push(format!("{}: {e}", dir.display()));
                return;
            }
        };
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().to_string();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if !self.skip_dirs.contains(&name.as_str()) {
                    self.walk(&e.path(), depth + 1);
                }
            } else if ft.is_file() && (self.wanted)(&name) {
                self.out.push(e.path());
            }
        }
    }
}
