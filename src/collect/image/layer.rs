//! One layer: decompression (gzip, zstd or none, from the magic bytes) on
//! the producer thread, tar parsing and content analysis on the consumer
//! thread, joined by a bounded channel of chunks. Nothing is written to disk;
//! file contents are read only up to the configured bounds.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

use super::packages;
use super::Limits;
use crate::facts::image::{OsRelease, Package, SecretFinding};

/// What a tar entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    Hardlink,
    Char,
    Block,
    Fifo,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Dir => "dir",
            Kind::Symlink => "symlink",
            Kind::Hardlink => "hardlink",
            Kind::Char => "char",
            Kind::Block => "block",
            Kind::Fifo => "fifo",
        }
    }
}

/// Whiteout markers (OCI image spec, layer changesets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Whiteout {
    /// `.wh.<name>`: the path (already stripped of the marker) is deleted.
    Delete,
    /// `.wh..wh..opq`: the directory's lower-layer children are hidden.
    Opaque,
}

/// One tar entry of a layer, path normalised to "/a/b".
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: Box<str>,
    pub kind: Kind,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub size: u64,
    pub link: Option<Box<str>>,
    pub whiteout: Option<Whiteout>,
}

/// A package source that was not read: its packages are unknown, which
/// the inventory says, never an empty list.
fn no_packages(why: impl std::fmt::Display) -> Captured {
    Captured::Unread(format!("{why}; its packages are not listed"))
}

/// What was learnt from one file's content.
#[derive(Clone, Debug)]
pub enum Captured {
    Passwd(String),
    Shadow(String),
    Group(String),
    OsRelease(OsRelease),
    Packages(Vec<Package>),
    Secret {
        kind: Option<&'static str>,
        hits: Vec<SecretFinding>,
    },
    Warning(String),
    /// A file facts come from (passwd, a package database) that was not
    /// read: the reason names the bound.
    Unread(String),
    /// A file over the content bound, not an ELF binary: checked for
    /// secrets by its name only.
    NameOnly,
    /// What an earlier copy of a file gave (its secrets) when the same
    /// layer writes the file again: still in the blob, not in the view.
    Overwritten(Box<Captured>),
    /// What an earlier copy gave that the later one replaces: nothing.
    Superseded,
}

/// The files of the final view that image facts come from; each is
/// resolved through the image's symlinks when the view is built.
pub const FACT_FILES: &[&str] = &[
    "/etc/passwd",
    "/etc/shadow",
    "/etc/os-release",
    "/usr/lib/os-release",
    "/var/lib/dpkg/status",
    "/lib/apk/db/installed",
    "/var/lib/rpm/rpmdb.sqlite",
    "/usr/lib/sysimage/rpm/rpmdb.sqlite",
    "/var/lib/rpm/Packages",
    "/var/lib/rpm/Packages.db",
    "/usr/lib/sysimage/rpm/Packages",
    "/usr/lib/sysimage/rpm/Packages.db",
];

/// The sha256 digests of a layer read in full: of the blob as stored
/// (compressed) and of the tar it holds (the config's diff_id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerDigests {
    pub blob: String,
    pub diff: String,
}

/// The scan of one layer: its entries in tar order and what its files said.
#[derive(Clone, Debug, Default)]
pub struct LayerScan {
    pub compression: &'static str,
    pub uncompressed: u64,
    pub entries: Vec<Entry>,
    /// (path, what) in tar order.
    pub captures: Vec<(Box<str>, Captured)>,
    /// Digests of the layer, when it was read to its end.
    pub digests: Option<LayerDigests>,
}

/// A decompressed-chunk message.
enum Msg {
    Data(Vec<u8>),
    Err(String),
}

/// Read over the chunks another thread sends.
struct ChannelReader {
    rx: Receiver<Msg>,
    cur: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.cur.len() {
            match self.rx.recv() {
                Ok(Msg::Data(d)) => {
                    self.cur = d;
                    self.pos = 0;
                }
                Ok(Msg::Err(e)) => return Err(io::Error::other(e)),
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// A layer's key (archive path or blob) and its scan or error.
pub type LayerResult = (String, Result<LayerScan, String>);

/// A layer handed to the parsing thread.
struct Job {
    key: String,
    compression: &'static str,
    rx: Receiver<Msg>,
}

/// The two-thread layer pipeline: the caller's thread reads the archive and
/// decompresses; a worker parses tars and analyses contents.
pub struct Pipeline {
    jobs: Option<SyncSender<Job>>,
    worker: Option<JoinHandle<Vec<LayerResult>>>,
    limits: Limits,
    total_bytes: u64,
    digests: std::collections::HashMap<String, LayerDigests>,
    pub progress: Option<indicatif::ProgressBar>,
}

const CHUNK: usize = 256 * 1024;

/// Detects the compression of a layer stream from its first bytes.
pub fn sniff(head: &[u8]) -> &'static str {
    if head.starts_with(&[0x1f, 0x8b]) {
        "gzip"
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "zstd"
    } else {
        "none"
    }
}

impl Pipeline {
    pub fn new(limits: Limits) -> Pipeline {
        let (tx, rx) = sync_channel::<Job>(1);
        let wl = limits.clone();
        let worker = std::thread::Builder::new()
            .name("layer-parse".into())
            .spawn(move || {
                let mut out = Vec::new();
                for job in rx {
                    let reader = ChannelReader {
                        rx: job.rx,
                        cur: Vec::new(),
                        pos: 0,
                    };
                    let res = scan_layer_tar(reader, &wl).map(|mut s| {
                        s.compression = job.compression;
                        s
                    });
                    out.push((job.key, res));
                }
                out
            })
            .expect("spawning the layer parser thread");
        Pipeline {
            jobs: Some(tx),
            worker: Some(worker),
            limits,
            total_bytes: 0,
            digests: Default::default(),
            progress: None,
        }
    }

    /// Decompresses one layer blob on this thread and streams it to the
    /// parser. Errors (corrupt data, bounds) are delivered to the parser,
    /// which reports them with the entry it was reading. The digests of
    /// the blob and of its tar are computed on the way (no second pass);
    /// bytes after the tar's end are read too, since they count in both.
    pub fn feed(&mut self, key: &str, blob: impl Read) {
        use sha2::{Digest, Sha256};
        let hashed = HashingReader {
            inner: blob,
            hash: Sha256::new(),
        };
        let mut input = BufReader::with_capacity(
            CHUNK,
            CountingReader {
                inner: hashed,
                progress: self.progress.clone(),
            },
        );
        let head = input.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
        let compression = sniff(&head);
        let (tx, rx) = sync_channel::<Msg>(4);
        let Some(jobs) = &self.jobs else { return };
        if jobs
            .send(Job {
                key: key.to_string(),
                compression,
                rx,
            })
            .is_err()
        {
            return;
        }
        let mut diff = Sha256::new();
        {
            let mut decoder: Box<dyn Read + '_> = match compression {
                "gzip" => Box::new(flate2::read::MultiGzDecoder::new(&mut input)),
                "zstd" => match zstd::stream::read::Decoder::with_buffer(&mut input) {
                    Ok(d) => Box::new(d),
                    Err(e) => {
                        let _ = tx.send(Msg::Err(format!("zstd: {e}")));
                        return;
                    }
                },
                _ => Box::new(&mut input),
            };
            let mut layer_bytes: u64 = 0;
            let mut parsing = true;
            loop {
                let mut buf = vec![0u8; CHUNK];
                let mut filled = 0;
                let mut eof = false;
                while filled < buf.len() {
                    match decoder.read(&mut buf[filled..]) {
                        Ok(0) => {
                            eof = true;
                            break;
                        }
                        Ok(n) => filled += n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            let _ = tx.send(Msg::Err(format!("{compression} data: {e}")));
                            return;
                        }
                    }
                }
                buf.truncate(filled);
                diff.update(&buf);
                layer_bytes += filled as u64;
                self.total_bytes += filled as u64;
                if layer_bytes > self.limits.max_layer_bytes {
                    let _ = tx.send(Msg::Err(format!(
                        "layer exceeds the bound of {} uncompressed bytes (--max-layer-bytes)",
                        self.limits.max_layer_bytes
                    )));
                    return;
                }
                if self.total_bytes > self.limits.max_total_bytes {
                    let _ = tx.send(Msg::Err(format!(
                        "image exceeds the bound of {} uncompressed bytes (--max-image-bytes)",
                        self.limits.max_total_bytes
                    )));
                    return;
                }
                // The parser stops at the tar's end (or on an error): the
                // rest is still read for the digests.
                if parsing && !buf.is_empty() && tx.send(Msg::Data(buf)).is_err() {
                    parsing = false;
                }
                if eof {
                    break;
                }
            }
        }
        drop(tx);
        // Whatever the decoder left of the blob counts in its digest.
        let rest = io::copy(
            &mut (&mut input).take(self.limits.max_layer_bytes),
            &mut io::sink(),
        );
        if rest.is_err() {
            return;
        }
        let blob_hash = input.into_inner().inner.hash.finalize();
        self.digests.insert(
            key.to_string(),
            LayerDigests {
                blob: hex(&blob_hash),
                diff: hex(&diff.finalize()),
            },
        );
    }

    /// Waits for the parser and returns each layer's scan by key.
    pub fn finish(mut self) -> Vec<LayerResult> {
        self.jobs.take();
        let mut out = self
            .worker
            .take()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| vec![("?".into(), Err("layer parser panicked".into()))])
            })
            .unwrap_or_default();
        for (key, res) in &mut out {
            if let Ok(scan) = res {
                scan.digests = self.digests.remove(key.as_str());
            }
        }
        out
    }
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// sha256 of what passes through.
pub(crate) struct HashingReader<R> {
    pub(crate) inner: R,
    pub(crate) hash: sha2::Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

struct CountingReader<R> {
    inner: R,
    progress: Option<indicatif::ProgressBar>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = &self.progress {
            p.inc(n as u64);
        }
        Ok(n)
    }
}

/// "/a/b" from a tar path; `..` and absolute paths are refused.
pub fn normalize(raw: &str) -> Result<String, String> {
    if raw.starts_with('/') {
        return Err("absolute path in layer".to_string());
    }
    let mut out = String::with_capacity(raw.len() + 1);
    for comp in raw.split('/') {
        match comp {
            "" | "." => {}
            ".." => return Err("path with `..` component in layer".to_string()),
            c => {
                out.push('/');
                out.push_str(c);
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    Ok(out)
}

/// A path's bytes as text, a different text for each byte string: valid
/// UTF-8 as it is, each byte that is not as U+FFFD and its two hex digits,
/// a U+FFFD of the name as U+FFFD and `U`. (A lossy conversion would make
/// `\xff` and `\xfe` one path, so a whiteout or a later file of one would
/// remove the other from the view.)
pub fn path_text(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.contains('\u{FFFD}') {
            return s.to_string();
        }
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            out.push(c);
            if c == '\u{FFFD}' {
                out.push('U');
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\u{FFFD}{b:02x}"));
        }
    }
    out
}

/// A file written again later in the same layer: what its earlier copy
/// gave is gone from the view. Its secrets stay (the copy is still in the
/// layer's blob), marked overwritten; the rest is dropped. A hard link the
/// layer made to the earlier copy keeps its content: its secrets and
/// packages move to the link. `at` holds the captures of each path not yet
/// superseded, so that every capture is visited once (a layer of a million
/// copies of one file stays linear).
fn supersede(
    captures: &mut [(Box<str>, Captured)],
    at: &mut HashMap<Box<str>, Vec<usize>>,
    links_to: &mut HashMap<Box<str>, Box<str>>,
    path: &str,
) {
    let Some(indices) = at.remove(path) else {
        return;
    };
    let link = links_to.remove(path);
    let mut moved = Vec::new();
    for i in indices {
        let (p, c) = &mut captures[i];
        *c = match (std::mem::replace(c, Captured::Superseded), &link) {
            (keep @ (Captured::Secret { .. } | Captured::Packages(_)), Some(l)) => {
                *p = l.clone();
                moved.push(i);
                keep
            }
            (Captured::Secret { kind, hits }, None) if !hits.is_empty() => {
                Captured::Overwritten(Box::new(Captured::Secret { kind, hits }))
            }
            (keep @ (Captured::Warning(_) | Captured::NameOnly), _) => keep,
            _ => Captured::Superseded,
        };
    }
    if let Some(l) = link {
        at.entry(l).or_default().extend(moved);
    }
}

/// Parses one uncompressed layer tar.
pub fn scan_layer_tar(reader: impl Read, limits: &Limits) -> Result<LayerScan, String> {
    let mut ar = tar::Archive::new(Counter {
        inner: reader,
        n: 0,
    });
    let mut scan = LayerScan::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut seen_files: std::collections::HashSet<Box<str>> = Default::default();
    // The captures of each path, and the first hard link the layer made to
    // each target: see `supersede`.
    let mut cap_at: HashMap<Box<str>, Vec<usize>> = HashMap::new();
    let mut links_to: HashMap<Box<str>, Box<str>> = HashMap::new();
    let entries = ar.entries().map_err(|e| format!("not a tar: {e}"))?;
    let mut last_path = String::from("(start of layer)");
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("after entry {last_path}: {e}"))?;
        let raw = path_text(&entry.path_bytes());
        last_path = raw.clone();
        let path = normalize(&raw).map_err(|e| format!("entry {raw:?}: {e}"))?;
        if scan.entries.len() as u64 >= limits.max_entries {
            return Err(format!(
                "entry {raw:?}: layer has more than {} entries (--max-entries)",
                limits.max_entries
            ));
        }
        let h = entry.header();
        let et = h.entry_type();
        let kind = match et {
            // An old-style entry (type NUL) named with a trailing slash is a
            // directory, as the engine's tar reader takes it.
            tar::EntryType::Regular if h.as_old().linkflag[0] == 0 && raw.ends_with('/') => {
                Kind::Dir
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                Kind::File
            }
            tar::EntryType::Directory => Kind::Dir,
            tar::EntryType::Symlink => Kind::Symlink,
            tar::EntryType::Link => Kind::Hardlink,
            tar::EntryType::Char => Kind::Char,
            tar::EntryType::Block => Kind::Block,
            tar::EntryType::Fifo => Kind::Fifo,
            // pax/GNU long-name headers are consumed by the tar crate;
            // anything else is ignored.
            _ => continue,
        };
        let mode = h.mode().unwrap_or(0);
        let uid = h.uid().unwrap_or(0);
        let gid = h.gid().unwrap_or(0);
        let size = entry.size();
        let link = if matches!(kind, Kind::Symlink | Kind::Hardlink) {
            entry
                .link_name_bytes()
                .map(|l| path_text(&l).into_boxed_str())
        } else {
            None
        };
        // Whiteouts.
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
        if let Some(target) = name.strip_prefix(".wh.") {
            let (p, w) = if target == ".wh..opq" {
                (
                    if dir.is_empty() { "/" } else { dir }.to_string(),
                    Whiteout::Opaque,
                )
            } else if target.is_empty() {
                return Err(format!("entry {raw:?}: empty whiteout name"));
            } else {
                (format!("{dir}/{target}"), Whiteout::Delete)
            };
            scan.entries.push(Entry {
                path: p.into_boxed_str(),
                kind,
                mode,
                uid,
                gid,
                size: 0,
                link: None,
                whiteout: Some(w),
            });
            continue;
        }
        let link = match (kind, link) {
            (Kind::Hardlink, Some(l)) => {
                let target =
                    normalize(&l).map_err(|e| format!("entry {raw:?}: hard link target: {e}"))?;
                if !seen_files.contains(target.as_str()) {
                    return Err(format!(
                        "entry {raw:?}: hard link to missing target {target}"
                    ));
                }
                Some(target.into_boxed_str())
            }
            (Kind::Hardlink, None) => {
                return Err(format!("entry {raw:?}: hard link without a target"))
            }
            (_, l) => l,
        };
        // Any entry but a folder may be a hard link's target (the engine
        // links symlinks and devices too); one written again in the layer
        // replaces what its earlier copy gave.
        if kind != Kind::Dir && !seen_files.insert(path.clone().into_boxed_str()) {
            supersede(&mut scan.captures, &mut cap_at, &mut links_to, &path);
        }
        if let (Kind::Hardlink, Some(t)) = (kind, &link) {
            links_to
                .entry(t.clone())
                .or_insert_with(|| path.clone().into_boxed_str());
        }
        let before = scan.captures.len();
        if kind == Kind::File {
            analyze(
                &path,
                size,
                &mut entry,
                &mut buf,
                limits,
                &mut scan.captures,
            )
            .map_err(|e| format!("entry {raw:?}: {e}"))?;
        } else if kind == Kind::Hardlink {
            if let Some(k) = crate::secrets::secret_file_kind(&path) {
                scan.captures.push((
                    path.clone().into_boxed_str(),
                    Captured::Secret {
                        kind: Some(k),
                        hits: Vec::new(),
                    },
                ));
            }
        }
        if scan.captures.len() > before {
            cap_at
                .entry(path.clone().into_boxed_str())
                .or_default()
                .extend(before..scan.captures.len());
        }
        scan.entries.push(Entry {
            path: path.into_boxed_str(),
            kind,
            mode,
            uid,
            gid,
            size,
            link,
            whiteout: None,
        });
    }
    scan.uncompressed = ar.into_inner().n;
    Ok(scan)
}

struct Counter<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

/// Paths whose content is not scanned for secrets (documentation, locales).
const SKIP_CONTENT: &[&str] = &[
    "/usr/share/doc/",
    "/usr/share/man/",
    "/usr/share/info/",
    "/usr/share/locale/",
    "/usr/share/i18n/",
    "/usr/share/zoneinfo/",
    "/usr/share/common-licenses/",
    "/usr/share/licenses/",
    "/proc/",
    "/sys/",
];

/// rpm databases in the Berkeley DB (`Packages`: CentOS 7, RHEL 7 and 8,
/// Amazon Linux 2) and ndb (`Packages.db`: SUSE) formats. Not parsed: the
/// image's packages are then unknown, said as such, never taken as none.
fn is_unparsed_rpmdb(path: &str) -> bool {
    matches!(
        path,
        "/var/lib/rpm/Packages"
            | "/var/lib/rpm/Packages.db"
            | "/usr/lib/sysimage/rpm/Packages"
            | "/usr/lib/sysimage/rpm/Packages.db"
    )
}

#[derive(PartialEq)]
enum Want {
    Text,
    Db,
    Jar,
}

fn wanted(path: &str) -> Option<Want> {
    match path {
        "/etc/passwd"
        | "/etc/shadow"
        | "/etc/group"
        | "/etc/os-release"
        | "/usr/lib/os-release" => return Some(Want::Text),
        "/var/lib/dpkg/status"
        | "/lib/apk/db/installed"
        | "/var/lib/rpm/rpmdb.sqlite"
        | "/usr/lib/sysimage/rpm/rpmdb.sqlite" => return Some(Want::Db),
        p if is_unparsed_rpmdb(p) => return Some(Want::Db),
        _ => {}
    }
    if path.starts_with("/var/lib/dpkg/status.d/") && !path.ends_with(".md5sums") {
        return Some(Want::Db);
    }
    if (path.contains("/site-packages/") || path.contains("/dist-packages/"))
        && (path.ends_with(".dist-info/METADATA")
            || path.ends_with(".egg-info/PKG-INFO")
            || path.ends_with(".egg-info"))
    {
        return Some(Want::Text);
    }
    if is_node_package_json(path) {
        return Some(Want::Text);
    }
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".jar") || lower.ends_with(".war") || lower.ends_with(".ear") {
        return Some(Want::Jar);
    }
    None
}

/// node_modules/<name>/package.json or node_modules/@scope/<name>/package.json.
fn is_node_package_json(path: &str) -> bool {
    let Some(dir) = path.strip_suffix("/package.json") else {
        return false;
    };
    let mut parts = dir.rsplit('/');
    let name = parts.next().unwrap_or("");
    let parent = parts.next().unwrap_or("");
    if parent == "node_modules" {
        return !name.is_empty() && !name.starts_with('@');
    }
    parent.starts_with('@') && parts.next() == Some("node_modules")
}

/// Reads up to `bound` bytes of the entry into `buf` (cleared first).
fn read_bounded(r: &mut impl Read, buf: &mut Vec<u8>, bound: u64) -> io::Result<()> {
    buf.clear();
    r.take(bound).read_to_end(buf)?;
    Ok(())
}

/// A file of a directory image that could not be opened (its mode, when
/// not auditing as root): a fact file or package database is unread, never
/// taken as empty; package metadata is a warning; any other file counts as
/// checked for secrets by its name only. A name that says secret is still
/// reported.
/// What an ELF binary's build data gave: its packages, and why some are
/// not known (build info in a format not read).
fn push_binary(
    out: &mut Vec<(Box<str>, Captured)>,
    p: &str,
    pkgs: Vec<Package>,
    unread: Option<&str>,
) {
    if let Some(why) = unread {
        out.push((p.into(), Captured::Unread(why.to_string())));
    }
    if !pkgs.is_empty() {
        out.push((p.into(), Captured::Packages(pkgs)));
    }
}

pub(crate) fn not_opened(path: &str, why: &str, out: &mut Vec<(Box<str>, Captured)>) {
    let p: Box<str> = path.into();
    let want = wanted(path);
    // A Java archive's packages are unknown too (as when over its bound).
    let cap = if FACT_FILES.contains(&path) || matches!(want, Some(Want::Db | Want::Jar)) {
        Captured::Unread(format!("cannot open it: {why}"))
    } else if want.is_some() {
        Captured::Warning(format!("{path}: cannot open it ({why}); not inspected"))
    } else {
        Captured::NameOnly
    };
    out.push((p.clone(), cap));
    if let Some(kind) = crate::secrets::secret_file_kind(path) {
        out.push((
            p,
            Captured::Secret {
                kind: Some(kind),
                hits: Vec::new(),
            },
        ));
    }
}

/// Looks at one regular file: by name and, within the bounds, by content.
pub(crate) fn analyze(
    path: &str,
    size: u64,
    r: &mut impl Read,
    buf: &mut Vec<u8>,
    limits: &Limits,
    out: &mut Vec<(Box<str>, Captured)>,
) -> io::Result<()> {
    let secret_kind = crate::secrets::secret_file_kind(path);
    let want = wanted(path);
    let small = size <= limits.content_bytes;
    let p: Box<str> = path.into();
    match want {
        Some(Want::Db) => {
            // Not read: too large, or a format dockaudit does not parse.
            let unread = if size > limits.db_bytes {
                Some(format!(
                    "package database of {size} bytes exceeds the bound of {} bytes (--db-bytes)",
                    limits.db_bytes
                ))
            } else if is_unparsed_rpmdb(path) {
                Some(
                    "rpm database in the Berkeley DB or ndb format, which dockaudit does not parse"
                        .to_string(),
                )
            } else {
                None
            };
            if let Some(why) = unread {
                out.push((p, no_packages(why)));
                return Ok(());
            }
            read_bounded(r, buf, limits.db_bytes)?;
            if path.ends_with("rpmdb.sqlite") {
                match packages::parse_rpm_sqlite(buf, path) {
                    Ok(pkgs) => out.push((p, Captured::Packages(pkgs))),
                    Err(e) => out.push((
                        p,
                        no_packages(format!("package database not readable ({e})")),
                    )),
                }
                return Ok(());
            }
            let text = String::from_utf8_lossy(buf);
            let pkgs = if path == "/lib/apk/db/installed" {
                packages::parse_apk(&text, path)
            } else {
                packages::parse_dpkg(&text, path)
            };
            out.push((p, Captured::Packages(pkgs)));
            return Ok(());
        }
        Some(Want::Jar) => {
            // A Java archive that is not read leaves its packages unknown:
            // unread (the inventory says so), never an archive without
            // packages.
            if size > limits.jar_bytes {
                let why = format!(
                    "Java archive of {size} bytes exceeds the bound of {} bytes",
                    limits.jar_bytes
                );
                out.push((p, no_packages(why)));
                return Ok(());
            }
            read_bounded(r, buf, limits.jar_bytes)?;
            match packages::parse_jar(buf, path) {
                Ok((pkgs, unread)) => {
                    out.push((p.clone(), Captured::Packages(pkgs)));
                    // Under the outer archive's path (the one in the final
                    // view), naming the nested one.
                    for u in unread {
                        out.push((p.clone(), no_packages(format!("nested {u}"))));
                    }
                }
                Err(e) => out.push((p, no_packages(e))),
            }
            return Ok(());
        }
        Some(Want::Text) if !small && FACT_FILES.contains(&path) => {
            // Facts from this file are unknown, not absent: say why.
            out.push((
                p.clone(),
                Captured::Unread(format!(
                    "{size} bytes exceed the bound of {} bytes (--content-bytes)",
                    limits.content_bytes
                )),
            ));
            if secret_kind.is_some() {
                out.push((
                    p,
                    Captured::Secret {
                        kind: secret_kind,
                        hits: Vec::new(),
                    },
                ));
            }
            return Ok(());
        }
        Some(Want::Text) if small => {
            read_bounded(r, buf, limits.content_bytes)?;
            let text = String::from_utf8_lossy(buf);
            let cap = match path {
                "/etc/passwd" => Some(Captured::Passwd(text.to_string())),
                "/etc/shadow" => Some(Captured::Shadow(text.to_string())),
                "/etc/group" => Some(Captured::Group(text.to_string())),
                "/etc/os-release" | "/usr/lib/os-release" => {
                    Some(Captured::OsRelease(packages::parse_os_release(&text, path)))
                }
                _ if path.ends_with("/package.json") => {
                    packages::parse_package_json(&text, path).map(|p| Captured::Packages(vec![p]))
                }
                _ => packages::parse_python_metadata(&text, path)
                    .map(|p| Captured::Packages(vec![p])),
            };
            if let Some(c) = cap {
                out.push((p.clone(), c));
            }
            if secret_kind.is_some() {
                scan_secret(path, secret_kind, buf, out);
            }
            return Ok(());
        }
        _ => {}
    }
    if small {
        read_bounded(r, buf, limits.content_bytes)?;
        if buf.starts_with(b"\x7fELF") {
            let (pkgs, unread) = packages::parse_elf(buf, path);
            push_binary(out, &p, pkgs, unread);
            return Ok(());
        }
        let skip = SKIP_CONTENT.iter().any(|s| path.starts_with(s));
        if secret_kind.is_some() || !skip {
            scan_secret(path, secret_kind, buf, out);
        }
        return Ok(());
    }
    // Large file: an ELF binary is read up to its bound for Go and Rust
    // build data; anything else only by name.
    buf.clear();
    r.take(4).read_to_end(buf)?;
    if buf.as_slice() == b"\x7fELF" {
        r.take(limits.binary_bytes.saturating_sub(4))
            .read_to_end(buf)?;
        let (mut pkgs, mut unread) = packages::parse_elf(buf, path);
        let go_found = pkgs.iter().any(|p| p.kind == "golang");
        if !go_found && unread.is_none() && size > limits.binary_bytes {
            // A large Go binary keeps its build data at the start of its
            // data segment, often past the part read: look for it in the
            // rest as it streams by (the tar entry is read to its end
            // anyway), keeping no more than 2 MiB.
            let keep = packages::GO_BUILDINFO_MAGIC.len() - 1;
            let carry = buf[buf.len().saturating_sub(keep)..].to_vec();
            if let Some(tail) = find_in_stream(r, packages::GO_BUILDINFO_MAGIC, carry, 1 << 20)? {
                match packages::parse_go_buildinfo(&tail, path) {
                    Ok(go) => pkgs.extend(go),
                    Err(why) => unread = Some(why),
                }
            }
        }
        push_binary(out, &p, pkgs, unread);
        if buf.capacity() > (4 << 20) {
            *buf = Vec::new(); // do not keep a large buffer between files
        }
    }
    if secret_kind.is_some() {
        out.push((
            p,
            Captured::Secret {
                kind: secret_kind,
                hits: Vec::new(),
            },
        ));
    } else if buf.as_slice() != b"\x7fELF" && !SKIP_CONTENT.iter().any(|s| path.starts_with(s)) {
        out.push((p, Captured::NameOnly));
    }
    Ok(())
}

/// Reads `r` to its end looking for `needle` (`carry`: the bytes read just
/// before, so a needle split across the boundary is found); gives the
/// needle and up to `want` bytes after it. Memory stays within two chunks.
fn find_in_stream(
    r: &mut impl Read,
    needle: &[u8],
    carry: Vec<u8>,
    want: usize,
) -> io::Result<Option<Vec<u8>>> {
    const CHUNK_BYTES: usize = 1 << 20;
    let mut window = carry;
    let mut chunk = vec![0u8; CHUNK_BYTES];
    loop {
        let n = r.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        window.extend_from_slice(&chunk[..n]);
        if let Some(i) = memchr::memmem::find(&window, needle) {
            let mut tail = window.split_off(i);
            while tail.len() < want {
                let n = r.read(&mut chunk)?;
                if n == 0 {
                    break;
                }
                tail.extend_from_slice(&chunk[..n]);
            }
            tail.truncate(want);
            // The rest of the entry is left for the tar reader to skip.
            return Ok(Some(tail));
        }
        let keep = needle.len().saturating_sub(1).min(window.len());
        window.drain(..window.len() - keep);
    }
}

/// What the files of a layer said, by path.
type Captures = Vec<(Box<str>, Captured)>;

/// Reads some files of one layer blob again (compressed or not): each
/// `(path in the layer, path it stands for)` is analysed as the path it
/// stands for, so that a file reached through a symlink gives the facts of
/// the path the symlink replaces. Returns what was captured, by that path.
/// The last copy of a file in the layer counts, as in the final view; a
/// wanted file that is not a regular file of the layer is unread.
pub fn read_files(
    blob: impl Read,
    want: &[(String, String)],
    limits: &Limits,
) -> Result<Captures, String> {
    let mut input = BufReader::with_capacity(CHUNK, blob.take(limits.max_layer_bytes));
    let head = input.fill_buf().map_err(|e| e.to_string())?.to_vec();
    let decoder: Box<dyn Read> = match sniff(&head) {
        "gzip" => Box::new(flate2::read::MultiGzDecoder::new(input)),
        "zstd" => Box::new(
            zstd::stream::read::Decoder::with_buffer(input).map_err(|e| format!("zstd: {e}"))?,
        ),
        _ => Box::new(input),
    };
    let mut ar = tar::Archive::new(decoder.take(limits.max_layer_bytes));
    // What each wanted file said, by the path it stands for: the last copy
    // in the layer wins, as in the final view.
    let mut said: Vec<Option<Captures>> = vec![None; want.len()];
    let mut buf = Vec::new();
    for entry in ar.entries().map_err(|e| format!("not a tar: {e}"))? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let raw = path_text(&entry.path_bytes());
        let Ok(path) = normalize(&raw) else { continue };
        let regular = matches!(
            entry.header().entry_type(),
            tar::EntryType::Regular | tar::EntryType::Continuous
        );
        let size = entry.size();
        let matching: Vec<usize> = (0..want.len()).filter(|&k| want[k].0 == path).collect();
        // Two fact files may lead to one file: its content is read once
        // (within the bounds that reading it applies) and given to each.
        let mut content: Option<Vec<u8>> = None;
        if regular && matching.len() > 1 {
            let bound = limits.content_bytes.max(limits.db_bytes).min(size);
            let mut data = Vec::new();
            (&mut entry)
                .take(bound)
                .read_to_end(&mut data)
                .map_err(|e| format!("reading {path}: {e}"))?;
            content = Some(data);
        }
        for k in matching {
            let stands_for = &want[k].1;
            if !regular {
                // A later entry of another kind (sparse, link) replaces an
                // earlier copy: its content is not known.
                said[k] = None;
                continue;
            }
            let mut caps = Vec::new();
            match &content {
                Some(data) => analyze(
                    stands_for,
                    size,
                    &mut data.as_slice(),
                    &mut buf,
                    limits,
                    &mut caps,
                ),
                None => analyze(stands_for, size, &mut entry, &mut buf, limits, &mut caps),
            }
            .map_err(|e| format!("reading {path}: {e}"))?;
            said[k] = Some(
                caps.into_iter()
                    .filter(|(_, c)| !matches!(c, Captured::Secret { .. } | Captured::Warning(_)))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for (k, caps) in said.into_iter().enumerate() {
        match caps {
            Some(c) => out.extend(c),
            // Never taken as absent: the file stands in the final view.
            None => out.push((
                want[k].1.as_str().into(),
                Captured::Unread(format!(
                    "{} is not a regular file of its layer on a second read",
                    want[k].0
                )),
            )),
        }
    }
    Ok(out)
}

/// Secret scan of a text file's content (binary content: by name only).
fn scan_secret(
    path: &str,
    kind: Option<&'static str>,
    buf: &[u8],
    out: &mut Vec<(Box<str>, Captured)>,
) {
    let mut hits = Vec::new();
    // The scanner's own keyword prefilter skips content with nothing to
    // look at; binary content is not scanned.
    if !crate::secrets::scan::is_binary(buf) {
        let text = String::from_utf8_lossy(buf);
        for h in crate::secrets::scan::scan_shown(path, &text) {
            hits.push(SecretFinding {
                rule: h.rule.to_string(),
                description: h.description.to_string(),
                redacted: h.preview,
                line: Some(h.line),
                fingerprint: Some(h.fingerprint),
            });
        }
    }
    if kind.is_some() || !hits.is_empty() {
        out.push((path.into(), Captured::Secret { kind, hits }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_read_takes_the_last_copy_and_never_reads_a_missing_file_as_absent() {
        let mut b = tar::Builder::new(Vec::new());
        for text in [
            "root:x:0:0::/root:/bin/sh\n",
            "app:x:1000:1000::/app:/bin/sh\n",
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(text.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, "lib/passwd", text.as_bytes())
                .unwrap();
        }
        let tar = b.into_inner().unwrap();
        let want = vec![
            ("/lib/passwd".to_string(), "/etc/passwd".to_string()),
            ("/lib/shadow".to_string(), "/etc/shadow".to_string()),
        ];
        let out = read_files(std::io::Cursor::new(tar), &want, &Limits::default()).unwrap();
        let said: Vec<String> = out.iter().map(|(p, c)| format!("{p} {c:?}")).collect();
        assert_eq!(out.len(), 2, "{said:?}");
        assert!(
            matches!(&out[0], (p, Captured::Passwd(t)) if &**p == "/etc/passwd" && t.starts_with("app:")),
            "{said:?}"
        );
        assert!(
            matches!(&out[1], (p, Captured::Unread(w)) if &**p == "/etc/shadow" && w.contains("/lib/shadow")),
            "{said:?}"
        );
    }

    #[test]
    fn go_build_data_past_the_binary_bound_is_found_as_the_file_streams_by() {
        // Go build info (as the toolchain writes it inline) at 5,000,001
        // bytes into a 6 MB ELF file, with a 1 MiB binary bound: past the
        // part read, and split across the stream's chunks.
        let info = crate::parse::packages::go_buildinfo_blob("golang.org/x/net v0.17.0");
        let mut elf = b"\x7fELF".to_vec();
        elf.resize((1 << 20) * 4 + 1_000_001 - 4 + 4, 0x90);
        elf.extend_from_slice(&info);
        elf.resize(6_000_000, 0);
        let limits = Limits {
            binary_bytes: 1 << 20,
            ..Limits::default()
        };
        let mut out = Vec::new();
        let mut buf = Vec::new();
        analyze(
            "/usr/local/bin/app",
            elf.len() as u64,
            &mut std::io::Cursor::new(&elf),
            &mut buf,
            &limits,
            &mut out,
        )
        .unwrap();
        let pkgs: Vec<String> = out
            .iter()
            .filter_map(|(_, c)| match c {
                Captured::Packages(p) => {
                    Some(p.iter().map(|p| format!("{} {}", p.name, p.version)))
                }
                _ => None,
            })
            .flatten()
            .collect();
        assert!(
            pkgs.contains(&"golang.org/x/net v0.17.0".to_string()),
            "{pkgs:?}"
        );
        // A reader that gives 5 bytes a read splits the needle across
        // reads: the carried bytes still find it.
        struct Dribble(std::io::Cursor<Vec<u8>>);
        impl Read for Dribble {
            fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
                let n = b.len().min(5);
                self.0.read(&mut b[..n])
            }
        }
        let mut r = Dribble(std::io::Cursor::new(
            [&b"xxxxxxx\xff Go buildinf:"[..], b"rest"].concat(),
        ));
        let t = find_in_stream(
            &mut r,
            crate::parse::packages::GO_BUILDINFO_MAGIC,
            Vec::new(),
            64,
        )
        .unwrap()
        .unwrap();
        assert!(t.starts_with(crate::parse::packages::GO_BUILDINFO_MAGIC));
        assert!(t.ends_with(b"rest"), "{t:?}");
        let mut r = Dribble(std::io::Cursor::new(b"no needle here at all".to_vec()));
        assert!(find_in_stream(&mut r, b"needle!", Vec::new(), 8)
            .unwrap()
            .is_none());
    }

    #[test]
    fn files_that_cannot_be_opened_are_unread_never_empty() {
        let mut out = Vec::new();
        not_opened("/etc/shadow", "Permission denied", &mut out);
        not_opened("/var/lib/rpm/rpmdb.sqlite", "Permission denied", &mut out);
        not_opened("/root/.ssh/id_rsa", "Permission denied", &mut out);
        not_opened(
            "/usr/lib/python3/dist-packages/x-1.0.dist-info/METADATA",
            "Permission denied",
            &mut out,
        );
        not_opened("/srv/app/data.bin", "Permission denied", &mut out);
        let said: Vec<String> = out.iter().map(|(p, c)| format!("{p} {c:?}")).collect();
        assert!(
            matches!(&out[0], (p, Captured::Unread(w)) if &**p == "/etc/shadow" && w.contains("Permission denied")),
            "{said:?}"
        );
        assert!(matches!(&out[1], (_, Captured::Unread(_))), "{said:?}");
        assert!(matches!(&out[2], (_, Captured::NameOnly)), "{said:?}");
        assert!(
            matches!(&out[3], (p, Captured::Secret { kind: Some(_), hits }) if &**p == "/root/.ssh/id_rsa" && hits.is_empty()),
            "{said:?}"
        );
        assert!(
            matches!(&out[4], (_, Captured::Warning(w)) if w.contains("not inspected")),
            "{said:?}"
        );
        assert!(matches!(&out[5], (_, Captured::NameOnly)), "{said:?}");
        assert_eq!(out.len(), 6, "{said:?}");
        // A Java archive's packages are unknown, as when over its bound.
        let mut out = Vec::new();
        not_opened("/app/lib/app.jar", "Permission denied", &mut out);
        assert!(
            matches!(&out[..], [(_, Captured::Unread(w))] if w.contains("Permission denied")),
            "{out:?}"
        );
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("./etc/passwd").unwrap(), "/etc/passwd");
        assert_eq!(normalize("etc/").unwrap(), "/etc");
        assert_eq!(normalize("./").unwrap(), "/");
        assert!(normalize("../etc/passwd").is_err());
        assert!(normalize("a/../../b").is_err());
        assert!(normalize("/etc/passwd").is_err());
    }

    #[test]
    fn node_package_paths() {
        assert!(is_node_package_json(
            "/app/node_modules/left-pad/package.json"
        ));
        assert!(is_node_package_json(
            "/app/node_modules/@babel/core/package.json"
        ));
        assert!(!is_node_package_json("/app/package.json"));
        assert!(!is_node_package_json(
            "/app/node_modules/x/lib/package.json"
        ));
    }
}
