//! Readers of the published advisory formats, each bounded in bytes, each
//! turning its records into [`Advisory`] values for the store: OSV (JSON or
//! YAML; files, folders, the per-ecosystem zip archives), Alpine secdb (per
//! release), the Debian security tracker's JSON export. This module owns the
//! way in: format detection, bounded reads of files, folders and zip
//! entries, and the per-file accounting in [`ImportStats`]. It must not
//! touch the network, follow symbolic links, read special files (FIFOs,
//! devices, sockets), or keep more of a record than the model holds.

pub mod alpine;
pub mod debian;
pub mod osv;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek};
use std::path::Path;

use serde_json::Value;

pub use super::advisory::Advisory;
use crate::compose::yaml;

/// Bounds on what one import reads. Every read is bounded in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest OSV record file, Alpine secdb file or zip entry (bytes).
    pub max_record_bytes: u64,
    /// Largest Debian security tracker export (one JSON object, about
    /// 70 MB in 2025).
    pub max_tracker_bytes: u64,
    /// Most uncompressed bytes read from one zip archive, all entries
    /// together.
    pub max_zip_total_bytes: u64,
    /// Most entries read from one zip archive.
    pub max_zip_entries: usize,
    /// Deepest folder entered below the imported path.
    pub max_depth: usize,
    /// Most error and warning messages kept in [`ImportStats`] (each list);
    /// the rest are counted in `messages_dropped`.
    pub max_messages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 64 << 20,
            max_tracker_bytes: 256 << 20,
            max_zip_total_bytes: 8 << 30,
            max_zip_entries: 2_000_000,
            max_depth: 32,
            max_messages: 1000,
        }
    }
}

/// The formats [`detect`] recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One OSV record, or a JSON/YAML list of them.
    Osv,
    /// One Alpine secdb release file (`distroversion` + `packages`).
    AlpineSecdb,
    /// The Debian security tracker's JSON export (package → id → releases).
    DebianTracker,
}

/// What an import read, produced and skipped. Per-file errors are collected
/// here: one bad file does not stop the import of the others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportStats {
    /// Files whose bytes were read (zip archives count once, their entries
    /// in `zip_entries_read`).
    pub files_read: usize,
    pub zip_entries_read: usize,
    /// Advisories handed to the sink.
    pub advisories: usize,
    /// Advisories per source (`osv`, `alpine-secdb`, `debian-tracker`).
    pub by_source: BTreeMap<String, usize>,
    /// Advisories per ecosystem they name (an advisory naming two
    /// ecosystems counts in both; none: `(none)`).
    pub by_ecosystem: BTreeMap<String, usize>,
    /// Things not imported, by reason (files, entries, records, releases).
    pub skipped: BTreeMap<String, usize>,
    /// Per-record oddities that did not stop the record (an unknown range
    /// type, an event with no known key), naming the file.
    pub warnings: Vec<String>,
    /// Per-file (or per-entry, per-record) errors, naming the file.
    pub errors: Vec<String>,
    /// Warnings and errors beyond `Limits::max_messages`, not kept.
    pub messages_dropped: usize,
}

/// An import failure, naming the operation and the file (and the zip
/// entry: `archive.zip (entry x.json)`).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a regular file (device, FIFO or socket): not read")]
    SpecialFile { path: String },
    #[error("{path}: larger than the {limit} bytes {what} may have: not read")]
    TooLarge {
        path: String,
        limit: u64,
        what: &'static str,
    },
    #[error("{path}: line {line}, column {column}: not valid JSON for {what}: {message}")]
    Json {
        path: String,
        line: usize,
        column: usize,
        what: &'static str,
        message: String,
    },
    #[error("{path}: line {line}: not valid YAML: {message}")]
    Yaml {
        path: String,
        line: u32,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: not an advisory format (OSV record, Alpine secdb, Debian tracker export)")]
    NotAdvisory { path: String },
    #[error("{path}: not a readable zip archive: {message}")]
    Zip { path: String, message: String },
    #[error("{path}: {message}")]
    ZipEntry { path: String, message: String },
    #[error("{path}: {message}: archive not read further")]
    ZipStopped { path: String, message: String },
}

impl ImportError {
    pub(crate) fn json(path: &str, what: &'static str, e: &serde_json::Error) -> ImportError {
        ImportError::Json {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            what,
            message: e.to_string(),
        }
    }
    pub(crate) fn invalid(path: &str, message: impl Into<String>) -> ImportError {
        ImportError::Invalid {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

/// One document for a format reader: its text, `pre` when the text was
/// YAML (already converted to a value), and the name errors show.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub pre: Option<serde_json::Value>,
    pub shown: &'a str,
}

impl Doc<'_> {
    /// The document as `T`; `what` names the document in a syntax error.
    pub(crate) fn parse<T: serde::de::DeserializeOwned>(
        self,
        what: &'static str,
    ) -> Result<T, ImportError> {
        match self.pre {
            Some(v) => serde_json::from_value(v)
                .map_err(|e| ImportError::invalid(self.shown, e.to_string())),
            None => {
                serde_json::from_str(self.text).map_err(|e| ImportError::json(self.shown, what, &e))
            }
        }
    }
}

/// Where a format reader puts what it produces: the caller's sink, and the
/// stats it counts into.
pub struct Out<'a> {
    sink: &'a mut dyn FnMut(Advisory),
    stats: &'a mut ImportStats,
    limits: &'a Limits,
}

impl<'a> Out<'a> {
    pub fn new(
        sink: &'a mut dyn FnMut(Advisory),
        stats: &'a mut ImportStats,
        limits: &'a Limits,
    ) -> Self {
        Out {
            sink,
            stats,
            limits,
        }
    }

    /// Counts the advisory and hands it to the sink.
    pub fn advisory(&mut self, a: Advisory) {
        let s = &mut *self.stats;
        s.advisories += 1;
        *s.by_source.entry(a.source.clone()).or_default() += 1;
        let mut ecos: Vec<&str> = a.affected.iter().map(|x| x.ecosystem.as_str()).collect();
        ecos.sort_unstable();
        ecos.dedup();
        if ecos.is_empty() {
            ecos.push("(none)");
        }
        for e in ecos {
            *s.by_ecosystem.entry(e.to_string()).or_default() += 1;
        }
        (self.sink)(a);
    }

    pub fn skip(&mut self, reason: &str) {
        self.skip_n(reason, 1);
    }

    pub fn skip_n(&mut self, reason: &str, n: usize) {
        if n > 0 {
            *self.stats.skipped.entry(reason.to_string()).or_default() += n;
        }
    }

    pub fn warn(&mut self, message: String) {
        if self.stats.warnings.len() < self.limits.max_messages {
            self.stats.warnings.push(message);
        } else {
            self.stats.messages_dropped += 1;
        }
    }

    pub fn error(&mut self, e: &ImportError) {
        if self.stats.errors.len() < self.limits.max_messages {
            self.stats.errors.push(e.to_string());
        } else {
            self.stats.messages_dropped += 1;
        }
    }
}

/// Imports what `path` holds: a folder (walked: regular files only, hidden
/// entries and symbolic links skipped), a zip archive (every entry), or one
/// file in any format [`detect`] recognises. Each advisory goes to `sink`.
/// Per-file problems land in [`ImportStats::errors`]; only a `path` that
/// cannot be read at all, or is a special file, is an `Err`.
pub fn import_path(
    path: &Path,
    limits: &Limits,
    sink: &mut dyn FnMut(Advisory),
) -> Result<ImportStats, ImportError> {
    let mut stats = ImportStats::default();
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|source| ImportError::Io {
        path: shown.clone(),
        source,
    })?;
    {
        let mut out = Out::new(sink, &mut stats, limits);
        if meta.is_dir() {
            walk(path, 0, &mut out);
        } else if meta.is_file() {
            if let Err(e) = import_file(path, true, &mut out) {
                out.error(&e);
            }
        } else {
            return Err(ImportError::SpecialFile { path: shown });
        }
    }
    Ok(stats)
}

/// What a folder walk does with a file of this name.
fn file_kind(name: &str) -> Option<bool> {
    // Some(true): a zip archive; Some(false): a document to detect.
    let lower = name.to_ascii_lowercase();
    match lower.rsplit_once('.').map(|(_, ext)| ext) {
        Some("zip") => Some(true),
        Some("json" | "yaml" | "yml") => Some(false),
        // The tracker export is published without an extension.
        None => Some(false),
        Some(_) => None,
    }
}

fn walk(dir: &Path, depth: usize, out: &mut Out) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(source) => {
            out.error(&ImportError::Io {
                path: dir.display().to_string(),
                source,
            });
            return;
        }
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        let path = e.path();
        if name.starts_with('.') {
            out.skip("hidden file or folder");
            continue;
        }
        // DirEntry::file_type does not follow symbolic links.
        let Ok(ft) = e.file_type() else {
            out.error(&ImportError::invalid(
                &path.display().to_string(),
                "cannot read its file type",
            ));
            continue;
        };
        if ft.is_symlink() {
            out.skip("symbolic link (not followed)");
        } else if ft.is_dir() {
            if depth + 1 > out.limits.max_depth {
                out.warn(format!(
                    "{}: deeper than {} folders: not entered",
                    path.display(),
                    out.limits.max_depth
                ));
                out.skip("folder too deep");
            } else {
                walk(&path, depth + 1, out);
            }
        } else if ft.is_file() {
            if file_kind(&name).is_none() {
                out.skip("file extension not an advisory format");
                continue;
            }
            if let Err(e) = import_file(&path, false, out) {
                out.error(&e);
            }
        } else {
            out.error(&ImportError::SpecialFile {
                path: path.display().to_string(),
            });
        }
    }
}

/// Opens a regular file for reading (refusing anything else before opening
/// it: opening a FIFO would block).
fn open_regular(path: &Path) -> Result<fs::File, ImportError> {
    let shown = || path.display().to_string();
    let meta = fs::symlink_metadata(path).map_err(|source| ImportError::Io {
        path: shown(),
        source,
    })?;
    let meta = if meta.file_type().is_symlink() {
        fs::metadata(path).map_err(|source| ImportError::Io {
            path: shown(),
            source,
        })?
    } else {
        meta
    };
    if !meta.is_file() {
        return Err(ImportError::SpecialFile { path: shown() });
    }
    // Non-blocking: a file swapped for a FIFO since the check above is
    // opened at once and refused below, never waited on.
    let f = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
    }
    .map_err(|source| ImportError::Io {
        path: shown(),
        source,
    })?;
    // The file opened may not be the one looked at.
    match f.metadata() {
        Ok(m) if m.is_file() => Ok(f),
        Ok(_) => Err(ImportError::SpecialFile { path: shown() }),
        Err(source) => Err(ImportError::Io {
            path: shown(),
            source,
        }),
    }
}

/// One file: a zip archive by its extension, otherwise a document whose
/// format is detected. `named`: the user named this file (a file that is not
/// an advisory is then an error, while a folder walk only counts it).
fn import_file(path: &Path, named: bool, out: &mut Out) -> Result<(), ImportError> {
    let shown = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let f = open_regular(path)?;
    out.stats.files_read += 1;
    if file_kind(&name) == Some(true) {
        return import_zip_reader(f, &shown, out);
    }
    let limit = out
        .limits
        .max_record_bytes
        .max(out.limits.max_tracker_bytes);
    let mut buf = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|source| ImportError::Io {
            path: shown.clone(),
            source,
        })?;
    if buf.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            path: shown,
            limit,
            what: "an advisory file",
        });
    }
    match import_bytes_inner(&buf, &shown, &name, out) {
        Err(ImportError::NotAdvisory { .. }) if !named => {
            out.skip("not an advisory format");
            Ok(())
        }
        r => r.map(|_| ()),
    }
}

/// Imports one document already in memory (a file's bytes, a zip entry):
/// detects its format, checks the format's byte bound, converts. `name` is
/// how errors name it. No filesystem access: the fuzz target's entry point.
pub fn import_bytes(
    bytes: &[u8],
    name: &str,
    limits: &Limits,
    sink: &mut dyn FnMut(Advisory),
    stats: &mut ImportStats,
) -> Result<Format, ImportError> {
    let mut out = Out::new(sink, stats, limits);
    import_bytes_inner(bytes, name, name, &mut out)
}

fn import_bytes_inner(
    bytes: &[u8],
    shown: &str,
    file_name: &str,
    out: &mut Out,
) -> Result<Format, ImportError> {
    let text = text_of(bytes, shown)?;
    let (format, pre) = classify(text, shown, file_name)?;
    let limit = match format {
        Format::DebianTracker => out.limits.max_tracker_bytes,
        _ => out.limits.max_record_bytes,
    };
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            path: shown.to_string(),
            limit,
            what: match format {
                Format::DebianTracker => "a Debian tracker export",
                Format::AlpineSecdb => "an Alpine secdb file",
                Format::Osv => "an OSV record file",
            },
        });
    }
    match format {
        Format::Osv => osv::read(Doc { text, pre, shown }, out)?,
        Format::AlpineSecdb => alpine::read(Doc { text, pre, shown }, out)?,
        Format::DebianTracker => debian::read(text, shown, out)?,
    }
    Ok(format)
}

/// Reads every entry of a zip archive (the per-ecosystem OSV dumps: one
/// JSON record per entry). Each entry is bounded by `max_record_bytes`, the
/// archive by `max_zip_total_bytes` and `max_zip_entries`. An entry that
/// inflates past its declared size (a zip bomb) or past a bound stops the
/// archive with an error; a corrupt entry is an error for that entry only.
pub fn import_zip<R: Read + Seek>(
    reader: R,
    name: &str,
    limits: &Limits,
    sink: &mut dyn FnMut(Advisory),
    stats: &mut ImportStats,
) {
    let mut out = Out::new(sink, stats, limits);
    if let Err(e) = import_zip_reader(reader, name, &mut out) {
        out.error(&e);
    }
}

fn import_zip_reader<R: Read + Seek>(
    reader: R,
    shown: &str,
    out: &mut Out,
) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| ImportError::Zip {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    let entry_limit = out.limits.max_record_bytes;
    let mut total: u64 = 0;
    let stop = |message: String| ImportError::ZipStopped {
        path: shown.to_string(),
        message,
    };
    if zip.len() > out.limits.max_zip_entries {
        return Err(stop(format!(
            "{} entries, more than the {} read from one archive",
            zip.len(),
            out.limits.max_zip_entries
        )));
    }
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                out.error(&ImportError::ZipEntry {
                    path: format!("{shown} (entry #{i})"),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let entry_name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("#{i}"));
        let where_ = format!("{shown} (entry {entry_name})");
        if entry.is_dir() {
            continue;
        }
        let base = entry_name.rsplit('/').next().unwrap_or(&entry_name);
        if base.starts_with('.') || file_kind(base) != Some(false) {
            out.skip("zip entry not an advisory document (.json, .yaml)");
            continue;
        }
        if !entry.is_file() {
            out.skip("zip entry not a regular file (symbolic link)");
            continue;
        }
        let declared = entry.size();
        if declared > entry_limit {
            out.error(&ImportError::TooLarge {
                path: where_,
                limit: entry_limit,
                what: "a zip entry",
            });
            continue;
        }
        let mut buf = Vec::with_capacity(declared.min(1 << 20) as usize);
        let read = (&mut entry).take(entry_limit + 1).read_to_end(&mut buf);
        out.stats.zip_entries_read += 1;
        let actual = buf.len() as u64;
        // The zip reader itself refuses to inflate past the declared size
        // (its error says "larger than its declared uncompressed size"); the
        // length check holds should it ever not.
        let bomb = actual > declared
            || read
                .as_ref()
                .is_err_and(|e| e.to_string().contains("larger than its declared"));
        if bomb {
            return Err(stop(format!(
                "entry {entry_name} inflates past its declared size of {declared} bytes (a zip bomb?)"
            )));
        }
        if let Err(e) = read {
            out.error(&ImportError::ZipEntry {
                path: where_,
                message: format!("corrupt entry: {e}"),
            });
            continue;
        }
        if actual < declared {
            out.error(&ImportError::ZipEntry {
                path: where_,
                message: format!("entry holds {actual} bytes, not the {declared} it declares"),
            });
            continue;
        }
        total = total.saturating_add(actual);
        if total > out.limits.max_zip_total_bytes {
            return Err(stop(format!(
                "more than {} uncompressed bytes",
                out.limits.max_zip_total_bytes
            )));
        }
        match import_bytes_inner(&buf, &where_, base, out) {
            Ok(_) => {}
            Err(e @ ImportError::NotAdvisory { .. }) => {
                out.skip("not an advisory format");
                out.warn(e.to_string());
            }
            Err(e) => out.error(&e),
        }
    }
    Ok(())
}

/// The bytes as text: UTF-8, a byte-order mark dropped.
fn text_of<'b>(bytes: &'b [u8], shown: &str) -> Result<&'b str, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError::invalid(
            shown,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Top-level keys of an OSV record.
const OSV_KEYS: &[&str] = &[
    "id",
    "modified",
    "published",
    "withdrawn",
    "aliases",
    "related",
    "upstream",
    "summary",
    "details",
    "severity",
    "affected",
    "references",
    "credits",
    "database_specific",
    "schema_version",
];
/// Top-level keys of an Alpine secdb file.
const ALPINE_KEYS: &[&str] = &[
    "distroversion",
    "reponame",
    "archs",
    "urlprefix",
    "apkurl",
    "packages",
];

/// The format of a document, from its first bytes and (for JSON objects)
/// its top-level keys; None when it is none of them. YAML documents are
/// parsed in full to be classified.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let text = text_of(bytes, "").ok()?;
    classify(text, "", "").ok().map(|(f, _)| f)
}

/// The format, and for YAML the document already converted to JSON values.
fn classify(
    text: &str,
    shown: &str,
    file_name: &str,
) -> Result<(Format, Option<Value>), ImportError> {
    let not_advisory = || ImportError::NotAdvisory {
        path: shown.to_string(),
    };
    let trimmed = text.trim_start();
    match trimmed.as_bytes().first() {
        None => Err(not_advisory()),
        Some(b'[') => Ok((Format::Osv, None)),
        Some(b'{') => match sniff_json_object(text) {
            Ok(Some(f)) => Ok((f, None)),
            Ok(None) => Err(not_advisory()),
            Err(e) => Err(ImportError::json(shown, "an advisory document", &e)),
        },
        Some(_) => {
            let lower = file_name.to_ascii_lowercase();
            let yaml_named = lower.ends_with(".yaml") || lower.ends_with(".yml");
            let node = match yaml::parse(text) {
                Ok(n) => n,
                Err(e) if yaml_named => {
                    return Err(ImportError::Yaml {
                        path: shown.to_string(),
                        line: e.line,
                        message: e.message,
                    })
                }
                Err(_) => return Err(not_advisory()),
            };
            let value = yaml_to_json(&node);
            match classify_value(&value) {
                Some(f) => Ok((f, Some(value))),
                None => Err(not_advisory()),
            }
        }
    }
}

fn classify_value(v: &Value) -> Option<Format> {
    match v {
        Value::Array(_) => Some(Format::Osv),
        Value::Object(m) => {
            if m.keys().any(|k| ALPINE_KEYS.contains(&k.as_str())) {
                Some(Format::AlpineSecdb)
            } else if m.keys().any(|k| OSV_KEYS.contains(&k.as_str())) {
                Some(Format::Osv)
            } else if m.values().any(is_tracker_package) {
                Some(Format::DebianTracker)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A tracker package entry: an object whose values are issues with
/// `releases`.
fn is_tracker_package(v: &Value) -> bool {
    v.as_object().is_some_and(|issues| {
        issues
            .values()
            .any(|i| i.get("releases").is_some_and(Value::is_object))
    })
}

/// Classifies a JSON object by its top-level keys without reading more of
/// it than needed: stops at the first OSV or Alpine key, or at the first
/// value shaped like a tracker package.
fn sniff_json_object(text: &str) -> Result<Option<Format>, serde_json::Error> {
    use serde::de::{Deserializer as _, Error as _, MapAccess, Visitor};
    use std::cell::Cell;
    const DONE: &str = "dockaudit: format found";

    struct Sniff<'c>(&'c Cell<Option<Format>>);
    impl<'de> Visitor<'de> for Sniff<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                let found = if ALPINE_KEYS.contains(&key.as_ref()) {
                    Some(Format::AlpineSecdb)
                } else if OSV_KEYS.contains(&key.as_ref()) {
                    Some(Format::Osv)
                } else {
                    let v: Value = map.next_value()?;
                    is_tracker_package(&v).then_some(Format::DebianTracker)
                };
                if found.is_some() {
                    self.0.set(found);
                    return Err(A::Error::custom(DONE));
                }
            }
            Ok(())
        }
    }

    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    match de.deserialize_map(Sniff(&found)) {
        Ok(()) => {
            de.end()?;
            Ok(None)
        }
        Err(_) if found.get().is_some() => Ok(found.get()),
        Err(e) => Err(e),
    }
}

/// A YAML node as a JSON value: every scalar a string (OSV versions such as
/// `0.10` must stay text), null as null, mappings with scalar keys.
pub(crate) fn yaml_to_json(n: &yaml::Node) -> Value {
    match &n.value {
        yaml::Value::Null => Value::Null,
        yaml::Value::Scalar(s, _) => Value::String(s.clone()),
        yaml::Value::Seq(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        yaml::Value::Map(entries) => {
            let mut m = serde_json::Map::new();
            for (k, v) in entries {
                if let Some(k) = k.as_str() {
                    m.insert(k.to_string(), yaml_to_json(v));
                }
            }
            Value::Object(m)
        }
    }
}

/// The first non-empty line of `text`, at most `max` characters (cut at a
/// character boundary, an ellipsis marking the cut).
pub(crate) fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        return line.to_string();
    }
    let mut s: String = line.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// A severity rating word as the store keeps it: lowercase, trailing `*`
/// (the tracker's "low**") dropped, Debian's "unimportant" as "negligible";
/// None for "not yet assigned" and empty ratings.
pub(crate) fn rating(word: &str) -> Option<String> {
    let w = word
        .trim()
        .trim_end_matches('*')
        .trim()
        .to_ascii_lowercase();
    match w.as_str() {
        "" | "not yet assigned" | "unknown" => None,
        "unimportant" => Some("negligible".to_string()),
        _ => Some(w),
    }
}

#[cfg(test)]
mod tests;

/// A JSON object read as its entries in document order (the tracker export
/// and secdb `secfixes` are objects keyed by data, not by field names).
#[derive(Debug, Default)]
pub(crate) struct Ordered<V>(pub Vec<(String, V)>);

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, Visitor};
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: serde::Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = map.next_entry::<String, V>()? {
                    v.push((k, x));
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_any(V2(std::marker::PhantomData))
    }
}
