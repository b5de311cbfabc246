//! Bounded reads of every input the user or an engine supplies: files named
//! on the command line or by another file (Dockerfiles, compose, env and
//! `extends` files, manifests, dockaudit.toml, baselines, evidence
//! bundles), host files, standard input and engine responses. Each kind of
//! input has a byte bound; special files (devices, FIFOs, sockets) are
//! refused without blocking, stdin ("-") excepted. I/O only: parsing is
//! elsewhere.

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Largest compose document read by default (real compose files are a few
/// kilobytes).
pub const MAX_TEXT_BYTES: u64 = 2 << 20;

/// What an input is: each kind has its own byte bound (a default, the
/// `--max-input-bytes KIND=BYTES` flag, the `[audit.max_input_bytes]`
/// table of dockaudit.toml) and its name in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    /// A Dockerfile (never more than the parser's own 16 MiB).
    Dockerfile,
    /// A compose file, its `.env` / `--env-file` and its `extends` files.
    Compose,
    /// A Kubernetes manifest file or stream.
    Manifest,
    /// dockaudit.toml (its own bound comes from the flag only).
    Config,
    /// A secrets baseline.
    Baseline,
    /// An evidence bundle (`host --facts`).
    Bundle,
    /// A host file: daemon.json, systemd units, /etc/passwd, /proc entries.
    HostFile,
    /// One engine API response (headers and body; the image export is a
    /// stream bounded by the layer limits and the export timeouts instead).
    Response,
}

impl InputKind {
    pub const ALL: [InputKind; 8] = [
        InputKind::Dockerfile,
        InputKind::Compose,
        InputKind::Manifest,
        InputKind::Config,
        InputKind::Baseline,
        InputKind::Bundle,
        InputKind::HostFile,
        InputKind::Response,
    ];

    /// The key of the flag and of `[audit.max_input_bytes]`.
    pub fn key(self) -> &'static str {
        match self {
            InputKind::Dockerfile => "dockerfile",
            InputKind::Compose => "compose",
            InputKind::Manifest => "manifest",
            InputKind::Config => "config",
            InputKind::Baseline => "baseline",
            InputKind::Bundle => "bundle",
            InputKind::HostFile => "host_file",
            InputKind::Response => "response",
        }
    }

    /// What the input is, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            InputKind::Dockerfile => "a Dockerfile",
            InputKind::Compose => "a compose file",
            InputKind::Manifest => "a manifest",
            InputKind::Config => "a configuration file",
            InputKind::Baseline => "a baseline",
            InputKind::Bundle => "an evidence bundle",
            InputKind::HostFile => "a host file",
            InputKind::Response => "an engine response",
        }
    }

    pub fn default_bytes(self) -> u64 {
        match self {
            InputKind::Dockerfile => crate::dockerfile::MAX_FILE_BYTES as u64,
            InputKind::Compose => MAX_TEXT_BYTES,
            InputKind::Manifest => 16 << 20,
            InputKind::Config => 1 << 20,
            InputKind::Baseline => 64 << 20,
            InputKind::Bundle => 256 << 20,
            InputKind::HostFile => 16 << 20,
            InputKind::Response => 16 << 20,
        }
    }

    /// The largest bound that may be set (the Dockerfile parser reads at
    /// most its own bound; the others fit in memory).
    pub fn max_bytes(self) -> u64 {
        match self {
            InputKind::Dockerfile => crate::dockerfile::MAX_FILE_BYTES as u64,
            _ => 4 << 30,
        }
    }

    pub fn parse(key: &str) -> Option<InputKind> {
        let k = key.trim().replace('-', "_");
        InputKind::ALL.into_iter().find(|i| i.key() == k)
    }
}

/// The byte bound of each input kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputLimits {
    bytes: [u64; InputKind::ALL.len()],
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits {
            bytes: InputKind::ALL.map(InputKind::default_bytes),
        }
    }
}

impl InputLimits {
    pub fn get(&self, kind: InputKind) -> u64 {
        self.bytes[kind as usize]
    }

    /// Sets one bound: 1 byte up to the kind's maximum.
    pub fn set(&mut self, kind: InputKind, bytes: u64) -> Result<(), String> {
        if bytes == 0 || bytes > kind.max_bytes() {
            return Err(format!(
                "the bound on {} must be 1 to {} bytes, not {bytes}",
                kind.noun(),
                kind.max_bytes()
            ));
        }
        self.bytes[kind as usize] = bytes;
        Ok(())
    }
}

/// `KIND=BYTES` (BYTES may end in K, M or G, powers of 1024; KiB, MiB, GiB
/// too), as `--max-input-bytes` takes it.
pub fn parse_limit(s: &str) -> Result<(InputKind, u64), String> {
    let kinds = || {
        InputKind::ALL
            .iter()
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?}: use KIND=BYTES, KIND one of {}", kinds()))?;
    let kind = InputKind::parse(k)
        .ok_or_else(|| format!("{k:?}: no such input kind (use one of {})", kinds()))?;
    let bytes = parse_bytes(v)
        .ok_or_else(|| format!("{v:?}: not a byte count (a number, optionally with K, M or G)"))?;
    Ok((kind, bytes))
}

/// A byte count: digits, optionally followed by K, M, G (KiB, MiB, GiB).
pub fn parse_bytes(s: &str) -> Option<u64> {
    let s = s.trim();
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, unit) = s.split_at(digits);
    let n: u64 = n.parse().ok()?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" => 10,
        "m" | "mib" => 20,
        "g" | "gib" => 30,
        _ => return None,
    };
    n.checked_mul(1u64 << shift)
}

/// The bounds of this run; 0: the kind's default.
static LIMITS: [AtomicU64; InputKind::ALL.len()] = [const { AtomicU64::new(0) }; 8];

/// Sets the bounds of this run before anything is read (the CLI does,
/// from its flags, then again with dockaudit.toml once it is read). A
/// process-wide setting rather than a parameter: every collector reads
/// through here, and the bounds are the run's configuration.
pub fn set_limits(l: &InputLimits) {
    for kind in InputKind::ALL {
        LIMITS[kind as usize].store(l.get(kind), Ordering::Relaxed);
    }
}

/// The bound on one kind of input for this run (the default when the CLI
/// set none).
pub fn limit(kind: InputKind) -> u64 {
    match LIMITS[kind as usize].load(Ordering::Relaxed) {
        0 => kind.default_bytes(),
        n => n,
    }
}

/// Why an input was not read: one line, to follow the input's name.
pub fn too_large(kind: InputKind, limit: u64) -> String {
    format!(
        "is too large: larger than {limit} bytes, the bound on {} (--max-input-bytes {}=BYTES): not read",
        kind.noun(),
        kind.key()
    )
}

/// Opens a regular file for reading. The open itself never blocks (a FIFO
/// is opened non-blocking, then refused), and the kind is checked on the
/// handle, so the file read is the file checked: a device, FIFO or socket
/// is refused (they never end or never answer), a directory too.
pub fn open_regular(path: &Path) -> Result<fs::File, String> {
    match open_regular_io(path) {
        Ok(f) => Ok(f),
        Err(Refused::Io(e)) => Err(format!("cannot read: {e}")),
        Err(Refused::Dir) => Err("is a directory, not a file".to_string()),
        Err(Refused::Special) => {
            Err("is not a regular file (device, FIFO or socket): not read".to_string())
        }
    }
}

enum Refused {
    Io(std::io::Error),
    Dir,
    Special,
}

/// `open_regular` for a file of an image's folder, which must not be a
/// symbolic link when opened (one swapped in after the folder was listed
/// would lead out of the image, to the host's files).
pub fn open_regular_no_follow(path: &Path) -> Result<fs::File, String> {
    match open_regular_flags(path, libc::O_NOFOLLOW) {
        Ok(f) => Ok(f),
        Err(Refused::Io(e)) if e.raw_os_error() == Some(libc::ELOOP) => {
            Err("became a symbolic link while the folder was read: not read".to_string())
        }
        Err(Refused::Io(e)) => Err(format!("cannot read: {e}")),
        Err(Refused::Dir) => Err("is a directory, not a file".to_string()),
        Err(Refused::Special) => {
            Err("is not a regular file (device, FIFO or socket): not read".to_string())
        }
    }
}

fn open_regular_io(path: &Path) -> Result<fs::File, Refused> {
    open_regular_flags(path, 0)
}

fn open_regular_flags(path: &Path, extra: libc::c_int) -> Result<fs::File, Refused> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of
    // waiting for one. It changes nothing for a regular file's reads.
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | extra)
        .open(path)
        .map_err(Refused::Io)?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if meta.is_dir() {
        return Err(Refused::Dir);
    }
    if !meta.is_file() {
        return Err(Refused::Special);
    }
    Ok(file)
}

/// Reads a host file (under the host root) within the host-file bound: a
/// regular file only, opened without blocking. The error keeps the I/O
/// error's kind, so the caller can tell an absent file from an unreadable
/// one; a special file or one over the bound is an error saying so.
pub fn read_host_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = match open_regular_io(path) {
        Ok(f) => f,
        Err(Refused::Io(e)) => return Err(e),
        Err(Refused::Dir) => return Err(std::io::Error::other("a directory, not a file")),
        Err(Refused::Special) => {
            return Err(std::io::Error::other(
                "not a regular file (device, FIFO or socket): not read",
            ))
        }
    };
    let kind = InputKind::HostFile;
    let limit = limit(kind);
    let mut buf = Vec::new();
    file.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(std::io::Error::other(
            too_large(kind, limit).trim_start_matches("is ").to_string(),
        ));
    }
    Ok(buf)
}

/// Reads one input of `kind`: a regular file (see [`open_regular`]), or
/// standard input when `path` is "-" and `stdin` allows it (the only way a
/// pipe is read). More than the kind's bound is an error naming the bound;
/// the error follows the input's name in messages.
pub fn read_input(path: &Path, kind: InputKind, stdin: bool) -> Result<Vec<u8>, String> {
    let limit = limit(kind);
    if stdin && path.as_os_str() == "-" {
        return read_limited(std::io::stdin().lock(), kind, limit);
    }
    read_limited(open_regular(path)?, kind, limit)
}

/// [`read_input`] as text (see [`text_of`]), standard input not allowed.
pub fn read_input_text(path: &Path, kind: InputKind) -> Result<String, String> {
    text_of(read_input(path, kind, false)?)
}

/// At most `limit` bytes of `r`; more is an error naming the bound of
/// `kind`.
pub fn read_limited(r: impl std::io::Read, kind: InputKind, limit: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(too_large(kind, limit));
    }
    Ok(buf)
}

/// Reads a compose document, its `.env` and `extends` files as text,
/// within the compose bound.
pub fn read_text(path: &Path) -> Result<String, String> {
    read_input_text(path, InputKind::Compose)
}

/// Reads a text file of at most `limit` bytes: a regular file only (a
/// device, FIFO or socket would never end or never answer), read through a
/// byte bound rather than trusting its size, UTF-8, no NUL bytes, a
/// byte-order mark dropped.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, String> {
    text_of(read_bounded(open_regular(path)?, limit)?)
}

/// Reads at most `limit` bytes from `r`; more is an error naming the bound.
pub fn read_bounded(r: impl std::io::Read, limit: u64) -> Result<Vec<u8>, String> {
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
