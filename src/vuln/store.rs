//! The embedded advisory store: one SQLite file holding each advisory once
//! per (source, id), zstd-compressed, indexed by (ecosystem, package).
//! Import is idempotent (same record: unchanged; an older `modified` never
//! overwrites a newer one); audits open the file read-only and never write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use super::advisory::Advisory;

/// The file inside the database folder.
pub const FILE: &str = "advisories.sqlite";
const SCHEMA: &str = "3";
/// Records are small (about 1 KB of JSON): zstd's fastest levels skip
/// Huffman-coding the literals, the import's largest cost at levels 1-3,
/// for a database about 12% larger (1.15x the OSV zip archives it was
/// imported from; scripts/bench-vulns.sh).
const ZSTD_LEVEL: i32 = -1;
/// SQLite page cache of an import (KiB): holds the indexes of a few hundred
/// thousand records, so inserts do not spill and re-read pages (peak
/// memory of a 300,000-record import: about 165 MB).
const IMPORT_CACHE_KIB: i64 = 64 << 10;
/// SQLite page cache of a read-only store (KiB): lookups of one audit.
const READ_CACHE_KIB: i64 = 16 << 10;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("advisory database {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("advisory database {path}: {op}: {source}")]
    Sql {
        path: String,
        op: &'static str,
        source: rusqlite::Error,
    },
    #[error("advisory database {path}: record {id}: {reason}")]
    Record {
        path: String,
        id: String,
        reason: String,
    },
}

/// The default database folder: `$XDG_DATA_HOME/dockaudit/advisories`, else
/// `$HOME/.local/share/dockaudit/advisories`.
pub fn default_dir() -> Option<PathBuf> {
    Some(crate::config::data_dir()?.join("advisories"))
}

/// The key an ecosystem is indexed and looked up by: Ubuntu's `:LTS`
/// suffix dropped (`Ubuntu:22.04:LTS` is the 22.04 release; `Ubuntu:Pro:`
/// stays apart), Alpine releases spelled `v3.19`, Debian's release by its
/// major number.
pub fn ecosystem_key(ecosystem: &str) -> String {
    let e = ecosystem.trim();
    if let Some(rest) = e.strip_prefix("Ubuntu:") {
        return format!("Ubuntu:{}", rest.strip_suffix(":LTS").unwrap_or(rest));
    }
    if let Some(rest) = e.strip_prefix("Alpine:") {
        let rest = rest.strip_prefix('v').unwrap_or(rest);
        let mm: Vec<&str> = rest.split('.').take(2).collect();
        return format!("Alpine:v{}", mm.join("."));
    }
    if let Some(rest) = e.strip_prefix("Debian:") {
        let major = rest.split('.').next().unwrap_or(rest);
        return format!("Debian:{major}");
    }
    e.to_string()
}

/// The key a package name is indexed by: PyPI names normalised (PEP 503),
/// every other ecosystem's names as spelled.
pub fn package_key(ecosystem: &str, name: &str) -> String {
    if ecosystem == "PyPI" {
        let mut out = String::with_capacity(name.len());
        let mut sep = false;
        for c in name.trim().chars() {
            if matches!(c, '-' | '_' | '.') {
                sep = true;
            } else {
                if sep && !out.is_empty() {
                    out.push('-');
                }
                sep = false;
                out.extend(c.to_lowercase());
            }
        }
        out
    } else {
        name.trim().to_string()
    }
}

/// FNV-1a, 64 bits: a stable digest of a record's normalised form (stable
/// across builds, unlike the standard hasher).
fn digest(bytes: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

/// What makes a record unique beside its source and id. OSV ids are
/// unique per database; sources keyed by CVE (the Debian tracker, Alpine
/// secdb) publish one record per package and CVE, so the package names
/// are part of the key.
fn scope(a: &Advisory) -> String {
    if a.source == "osv" {
        return String::new();
    }
    let mut names: Vec<&str> = a.affected.iter().map(|x| x.package.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

/// What one import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Records older (by `modified`) than the stored copy: kept the stored.
    pub older: u64,
}

/// One source's share of the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceStatus {
    pub source: String,
    pub records: u64,
    pub withdrawn: u64,
    pub newest_modified: Option<String>,
}

/// What `db status` prints and audits report as the data they used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub path: String,
    pub records: u64,
    pub sources: Vec<SourceStatus>,
    /// (ecosystem key, advisories naming it), sorted by ecosystem.
    pub ecosystems: Vec<(String, u64)>,
    pub newest_modified: Option<String>,
    /// RFC 3339 time of the last import.
    pub last_import: Option<String>,
}

/// One index entry: an advisory naming a package, with that package's
/// affected entries (and their positions in the record).
#[derive(Clone, Debug)]
pub struct Entry {
    pub rid: i64,
    pub id: String,
    pub withdrawn: bool,
    pub affected: Vec<(usize, super::advisory::Affected)>,
}

/// A record ready to store, made on whichever thread reads the records
/// (see [`Preparer`]): its keys, its normalised JSON's digest, its
/// compressed body and its index rows. The record itself is dropped there:
/// the storing thread gets a few flat buffers, not the record's many small
/// allocations to free.
pub struct Prepared {
    source: String,
    id: String,
    modified: Option<String>,
    withdrawn: bool,
    digest: i64,
    body: Vec<u8>,
    scope: String,
    /// (ecosystem key, package key, that package's affected entries as
    /// JSON) per package the record names.
    index: Vec<(String, String, Vec<u8>)>,
}

/// Serialises and compresses records for [`Store::import`]; one per
/// thread (it holds a compression context).
pub struct Preparer {
    compressor: zstd::bulk::Compressor<'static>,
}

impl Preparer {
    pub fn new() -> Result<Preparer, StoreError> {
        Ok(Preparer {
            compressor: zstd::bulk::Compressor::new(ZSTD_LEVEL).map_err(|e| StoreError::Open {
                path: String::new(),
                reason: format!("zstd: {e}"),
            })?,
        })
    }

    pub fn prepare(&mut self, a: Advisory) -> Result<Prepared, StoreError> {
        let err = |reason: String| StoreError::Record {
            path: String::new(),
            id: a.id.clone(),
            reason,
        };
        let json = serde_json::to_vec(&a).map_err(|e| err(e.to_string()))?;
        let body = self
            .compressor
            .compress(&json)
            .map_err(|e| err(format!("zstd: {e}")))?;
        // The index row of each (ecosystem, package) carries that package's
        // affected entries: judging needs only them, the whole record is
        // decoded only for a match.
        type Group<'r> = (
            (String, String),
            Vec<(usize, &'r super::advisory::Affected)>,
        );
        let mut groups: Vec<Group> = Vec::new();
        for (i, aff) in a.affected.iter().enumerate() {
            let eco = ecosystem_key(&aff.ecosystem);
            let pkg = package_key(&eco, &aff.package);
            match groups.iter_mut().find(|(k, _)| k.0 == eco && k.1 == pkg) {
                Some((_, v)) => v.push((i, aff)),
                None => groups.push(((eco, pkg), vec![(i, aff)])),
            }
        }
        let mut index = Vec::with_capacity(groups.len());
        for ((eco, pkg), entries) in groups {
            let entries = serde_json::to_vec(&entries).map_err(|e| err(e.to_string()))?;
            index.push((eco, pkg, entries));
        }
        let scope = scope(&a);
        let Advisory {
            source,
            id,
            modified,
            withdrawn,
            ..
        } = a;
        Ok(Prepared {
            source,
            id,
            modified,
            withdrawn: withdrawn.is_some(),
            digest: digest(&json),
            body,
            scope,
            index,
        })
    }
}

/// The prepared statements of one import.
struct Writer<'t> {
    find: rusqlite::CachedStatement<'t>,
    insert: rusqlite::CachedStatement<'t>,
    update: rusqlite::CachedStatement<'t>,
    unindex: rusqlite::CachedStatement<'t>,
    index: rusqlite::CachedStatement<'t>,
    path: String,
}

impl Writer<'_> {
    fn sql(&self, op: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sql {
            path: self.path.clone(),
            op,
            source,
        }
    }

    /// Store one record: unchanged, older, updated or added.
    fn put(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        p: Prepared,
        counts: &mut ImportCounts,
    ) -> Result<(), StoreError> {
        let existing: Option<(i64, Option<String>, i64)> = self
            .find
            .query_row(params![p.source, p.id, p.scope], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(self.sql("find record"))?;
        match &existing {
            Some((_, _, old)) if *old == p.digest => {
                counts.unchanged += 1;
                return Ok(());
            }
            Some((_, Some(stored), _))
                if p.modified.as_deref().is_some_and(|m| m < stored.as_str()) =>
            {
                counts.older += 1;
                return Ok(());
            }
            _ => {}
        }
        let rid = match existing {
            Some((rid, _, _)) => {
                self.update
                    .execute(params![rid, p.modified, p.withdrawn, p.digest, p.body])
                    .map_err(self.sql("update record"))?;
                self.unindex
                    .execute([rid])
                    .map_err(self.sql("unindex record"))?;
                counts.updated += 1;
                rid
            }
            None => {
                self.insert
                    .execute(params![
                        p.source,
                        p.id,
                        p.modified,
                        p.withdrawn,
                        p.digest,
                        p.body,
                        p.scope
                    ])
                    .map_err(self.sql("insert record"))?;
                counts.added += 1;
                tx.last_insert_rowid()
            }
        };
        for (eco, pkg, entries) in &p.index {
            self.index
                .execute(params![eco, pkg, rid, p.id, p.withdrawn, entries])
                .map_err(self.sql("index record"))?;
        }
        Ok(())
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    cache: HashMap<i64, Rc<Advisory>>,
    /// Reused across records: a zstd context costs more to create than a
    /// small record does to decompress.
    decompressor: Option<zstd::bulk::Decompressor<'static>>,
}

impl Store {
    /// The schema version the store records (None in a new file).
    fn schema(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.sql_err("read schema"))
    }

    fn sql_err(&self, op: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sql {
            path: self.path.display().to_string(),
            op,
            source,
        }
    }

    /// Open (creating when absent) the database in `dir` for import.
    pub fn open_for_import(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(FILE);
        let open_err = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_err(format!("create folder: {e}")))?;
        let conn = Connection::open(&path).map_err(|e| open_err(e.to_string()))?;
        let store = Store {
            conn,
            path,
            cache: HashMap::new(),
            decompressor: None,
        };
        store
            .conn
            .execute_batch(
                &format!("PRAGMA journal_mode = DELETE;
                 PRAGMA cache_size = -{IMPORT_CACHE_KIB};
                 CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                 CREATE TABLE IF NOT EXISTS advisory(
                    rid INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    id TEXT NOT NULL,
                    modified TEXT,
                    withdrawn INTEGER NOT NULL,
                    digest INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    scope TEXT NOT NULL,
                    UNIQUE(source, id, scope));
                 CREATE TABLE IF NOT EXISTS affects(
                    ecosystem TEXT NOT NULL,
                    package TEXT NOT NULL,
                    rid INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    withdrawn INTEGER NOT NULL,
                    entries BLOB NOT NULL,
                    PRIMARY KEY(ecosystem, package, rid)) WITHOUT ROWID;
                 CREATE TABLE IF NOT EXISTS imports(
                    at TEXT NOT NULL, paths TEXT NOT NULL,
                    added INTEGER, updated INTEGER, unchanged INTEGER, older INTEGER,
                    errors INTEGER);"),
            )
            .map_err(store.sql_err("create schema"))?;
        let schema = store.schema()?;
        match schema.as_deref() {
            None => {
                store
                    .conn
                    .execute("INSERT INTO meta VALUES ('schema', ?1)", [SCHEMA])
                    .map_err(store.sql_err("write schema"))?;
            }
            Some(SCHEMA) => {}
            Some(other) => {
                return Err(StoreError::Open {
                    path: store.path.display().to_string(),
                    reason: format!(
                        "schema {other}, this dockaudit writes {SCHEMA}: import into a new folder"
                    ),
                })
            }
        }
        Ok(store)
    }

    /// Open an existing database read-only (audits). An absent database is
    /// an error that says how to make one.
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Err(StoreError::Open {
                path: path.display().to_string(),
                reason: "no advisory database here: import advisories with `dockaudit db \
                         import --db DIR PATH...`"
                    .into(),
            });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let store = Store {
            conn,
            path,
            cache: HashMap::new(),
            decompressor: None,
        };
        let schema = store.schema()?;
        if schema.as_deref() != Some(SCHEMA) {
            return Err(StoreError::Open {
                path: store.path.display().to_string(),
                reason: format!(
                    "schema {}, this dockaudit reads {SCHEMA}: import again into a new folder",
                    schema.unwrap_or_else(|| "missing".into())
                ),
            });
        }
        store
            .conn
            .execute_batch(&format!("PRAGMA cache_size = -{READ_CACHE_KIB};"))
            .map_err(store.sql_err("set cache size"))?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Import records in one transaction: `feed` hands each record to the
    /// sink it is given (the importers stream them) and returns the number
    /// of per-file errors it met, kept in the import log. The first record
    /// that cannot be stored stops the import and rolls it back.
    pub fn import(
        &mut self,
        paths: &str,
        feed: impl FnOnce(&mut dyn FnMut(Prepared)) -> u64,
    ) -> Result<ImportCounts, StoreError> {
        let path = self.path.display().to_string();
        let sql = |op: &'static str| {
            let path = path.clone();
            move |source| StoreError::Sql {
                path: path.clone(),
                op,
                source,
            }
        };
        let tx = self.conn.transaction().map_err(sql("begin"))?;
        let mut counts = ImportCounts::default();
        let mut failed: Option<StoreError> = None;
        let errors;
        {
            let mut w = Writer {
                find: tx
                    .prepare_cached(
                        "SELECT rid, modified, digest FROM advisory \
                         WHERE source = ?1 AND id = ?2 AND scope = ?3",
                    )
                    .map_err(sql("prepare"))?,
                insert: tx
                    .prepare_cached(
                        "INSERT INTO advisory(source, id, modified, withdrawn, digest, body, scope) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    )
                    .map_err(sql("prepare"))?,
                update: tx
                    .prepare_cached(
                        "UPDATE advisory SET modified = ?2, withdrawn = ?3, digest = ?4, \
                         body = ?5 WHERE rid = ?1",
                    )
                    .map_err(sql("prepare"))?,
                unindex: tx
                    .prepare_cached("DELETE FROM affects WHERE rid = ?1")
                    .map_err(sql("prepare"))?,
                index: tx
                    .prepare_cached("INSERT OR REPLACE INTO affects VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .map_err(sql("prepare"))?,
                path: path.clone(),
            };
            let mut sink = |p: Prepared| {
                if failed.is_some() {
                    return;
                }
                if let Err(e) = w.put(&tx, p, &mut counts) {
                    failed = Some(e);
                }
            };
            errors = feed(&mut sink);
        }
        if let Some(e) = failed {
            return Err(e);
        }
        tx.execute(
            "INSERT INTO imports VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                paths,
                counts.added as i64,
                counts.updated as i64,
                counts.unchanged as i64,
                counts.older as i64,
                errors as i64
            ],
        )
        .map_err(sql("record import"))?;
        tx.commit().map_err(sql("commit"))?;
        self.cache.clear();
        Ok(counts)
    }

    /// Run `f` in a read transaction unless a batch (`begin_batch`)
    /// already holds one: one snapshot for the reads inside.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let own = self.conn.is_autocommit();
        if own {
            self.conn
                .execute_batch("BEGIN")
                .map_err(self.sql_err("begin lookup"))?;
        }
        let out = f(self);
        if own {
            self.conn
                .execute_batch("COMMIT")
                .map_err(self.sql_err("end lookup"))?;
        }
        out
    }

    /// The index entries naming (ecosystem, package): each advisory's id,
    /// whether it is withdrawn, and its affected entries for that package
    /// (with their positions in the record), without decoding the record.
    pub fn entries(&mut self, ecosystem: &str, package: &str) -> Result<Vec<Entry>, StoreError> {
        let eco = ecosystem_key(ecosystem);
        let pkg = package_key(&eco, package);
        self.read(|s| {
            let mut stmt = s
                .conn
                .prepare_cached(
                    "SELECT rid, id, withdrawn, entries FROM affects \
                     WHERE ecosystem = ?1 AND package = ?2 ORDER BY rid",
                )
                .map_err(s.sql_err("prepare lookup"))?;
            let rows = stmt
                .query_map(params![eco, pkg], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                    ))
                })
                .map_err(s.sql_err("look up package"))?;
            let mut out = Vec::new();
            for row in rows {
                let (rid, id, withdrawn, json) = row.map_err(s.sql_err("read index"))?;
                let affected: Vec<(usize, super::advisory::Affected)> =
                    serde_json::from_slice(&json).map_err(|e| StoreError::Record {
                        path: s.path.display().to_string(),
                        id: id.clone(),
                        reason: format!("index entry: {e}"),
                    })?;
                out.push(Entry {
                    rid,
                    id,
                    withdrawn,
                    affected,
                });
            }
            Ok(out)
        })
    }

    /// Whether any advisory names a package of `ecosystem` (looked up by
    /// its key: `Alpine:3.19.1` is `Alpine:v3.19`). A package of an
    /// ecosystem the database holds nothing for cannot be judged.
    pub fn has_ecosystem(&mut self, ecosystem: &str) -> Result<bool, StoreError> {
        let eco = ecosystem_key(ecosystem);
        self.read(|s| {
            s.conn
                .prepare_cached("SELECT EXISTS(SELECT 1 FROM affects WHERE ecosystem = ?1)")
                .map_err(s.sql_err("prepare lookup"))?
                .query_row([&eco], |r| r.get(0))
                .map_err(s.sql_err("look up ecosystem"))
        })
    }

    /// The whole record of an index entry, decoded once per store.
    pub fn advisory(&mut self, rid: i64) -> Result<Rc<Advisory>, StoreError> {
        if let Some(a) = self.cache.get(&rid) {
            return Ok(a.clone());
        }
        let path = self.path.display().to_string();
        let body: Vec<u8> = self.read(|s| {
            s.conn
                .prepare_cached("SELECT body FROM advisory WHERE rid = ?1")
                .map_err(s.sql_err("prepare lookup"))?
                .query_row([rid], |r| r.get(0))
                .map_err(s.sql_err("read record"))
        })?;
        let zstd_err = |e: std::io::Error| StoreError::Record {
            path: path.clone(),
            id: format!("row {rid}"),
            reason: format!("zstd: {e}"),
        };
        let d = match &mut self.decompressor {
            Some(d) => d,
            none => none.insert(zstd::bulk::Decompressor::new().map_err(zstd_err)?),
        };
        let json = d.decompress(&body, 64 << 20).map_err(zstd_err)?;
        let a: Advisory = serde_json::from_slice(&json).map_err(|e| StoreError::Record {
            path: path.clone(),
            id: format!("row {rid}"),
            reason: e.to_string(),
        })?;
        let a = Rc::new(a);
        self.cache.insert(rid, a.clone());
        Ok(a)
    }

    /// Every stored advisory naming (ecosystem, package), withdrawn ones
    /// included (the caller skips them and can say so).
    pub fn candidates(
        &mut self,
        ecosystem: &str,
        package: &str,
    ) -> Result<Vec<Rc<Advisory>>, StoreError> {
        self.read(|s| {
            let entries = s.entries(ecosystem, package)?;
            entries.iter().map(|e| s.advisory(e.rid)).collect()
        })
    }

    /// Start a batch of lookups in one read transaction: one snapshot and
    /// one lock for a whole inventory instead of one per package.
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            self.conn
                .execute_batch("BEGIN")
                .map_err(self.sql_err("begin batch"))?;
        }
        Ok(())
    }

    /// End the batch `begin_batch` started.
    pub fn end_batch(&mut self) -> Result<(), StoreError> {
        if !self.conn.is_autocommit() {
            self.conn
                .execute_batch("COMMIT")
                .map_err(self.sql_err("end batch"))?;
        }
        Ok(())
    }

    /// Sources, record counts per ecosystem, the newest record date.
    pub fn status(&self) -> Result<Status, StoreError> {
        let mut st = Status {
            path: self.path.display().to_string(),
            ..Default::default()
        };
        let mut q = self
            .conn
            .prepare(
                "SELECT source, count(*), sum(withdrawn), max(modified) FROM advisory \
                 GROUP BY source ORDER BY source",
            )
            .map_err(self.sql_err("status"))?;
        let rows = q
            .query_map([], |r| {
                Ok(SourceStatus {
                    source: r.get(0)?,
                    records: r.get::<_, i64>(1)? as u64,
                    withdrawn: r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64,
                    newest_modified: r.get(3)?,
                })
            })
            .map_err(self.sql_err("status"))?;
        for r in rows {
            st.sources.push(r.map_err(self.sql_err("status"))?);
        }
        st.records = st.sources.iter().map(|s| s.records).sum();
        st.newest_modified = st
            .sources
            .iter()
            .filter_map(|s| s.newest_modified.clone())
            .max();
        let mut q = self
            .conn
            .prepare(
                "SELECT ecosystem, count(DISTINCT rid) FROM affects GROUP BY ecosystem \
                 ORDER BY ecosystem",
            )
            .map_err(self.sql_err("status"))?;
        let rows = q
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(self.sql_err("status"))?;
        for r in rows {
            st.ecosystems.push(r.map_err(self.sql_err("status"))?);
        }
        st.last_import = self
            .conn
            .query_row("SELECT max(at) FROM imports", [], |r| r.get(0))
            .map_err(self.sql_err("status"))?;
        Ok(st)
    }
}

#[cfg(test)]
mod tests {
    use super::super::advisory::{Affected, Event, Range, RangeKind};
    use super::*;

    fn rec(id: &str, modified: &str, fixed: &str) -> Advisory {
        Advisory {
            id: id.into(),
            source: "osv".into(),
            modified: Some(modified.into()),
            affected: vec![Affected {
                ecosystem: "PyPI".into(),
                package: "Requests".into(),
                ranges: vec![Range {
                    kind: RangeKind::Ecosystem,
                    events: vec![Event::Introduced("0".into()), Event::Fixed(fixed.into())],
                }],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn keys_normalise_releases_and_pypi_names() {
        assert_eq!(ecosystem_key("Ubuntu:22.04:LTS"), "Ubuntu:22.04");
        assert_eq!(ecosystem_key("Ubuntu:Pro:18.04:LTS"), "Ubuntu:Pro:18.04");
        assert_eq!(ecosystem_key("Alpine:3.19.1"), "Alpine:v3.19");
        assert_eq!(ecosystem_key("Alpine:v3.10"), "Alpine:v3.10");
        assert_eq!(ecosystem_key("Debian:12.5"), "Debian:12");
        assert_eq!(ecosystem_key("Debian:11"), "Debian:11");
        assert_ne!(ecosystem_key("Debian:11"), ecosystem_key("Debian:12"));
        assert_eq!(package_key("PyPI", "Zope.Interface__x"), "zope-interface-x");
        assert_eq!(package_key("npm", "Foo"), "Foo");
    }

    fn put(s: &mut Store, records: Vec<Advisory>) -> ImportCounts {
        let mut p = Preparer::new().unwrap();
        s.import("x", |add| {
            for r in records {
                add(p.prepare(r).unwrap());
            }
            0
        })
        .unwrap()
    }

    #[test]
    fn import_is_idempotent_and_never_downgrades() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_for_import(dir.path()).unwrap();
        let c = put(&mut s, vec![rec("A", "2024-01-01T00:00:00Z", "2.0")]);
        assert_eq!(c.added, 1);
        let c = put(&mut s, vec![rec("A", "2024-01-01T00:00:00Z", "2.0")]);
        assert_eq!((c.added, c.unchanged), (0, 1));
        // An older copy is not taken; a newer one replaces it and its index.
        let c = put(&mut s, vec![rec("A", "2023-01-01T00:00:00Z", "1.0")]);
        assert_eq!(c.older, 1);
        let mut newer = rec("A", "2025-01-01T00:00:00Z", "3.0");
        newer.affected[0].package = "urllib3".into();
        let c = put(&mut s, vec![newer]);
        assert_eq!(c.updated, 1);
        assert!(s.candidates("PyPI", "requests").unwrap().is_empty());
        let got = s.candidates("PyPI", "URLLIB3").unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].modified.as_deref(), Some("2025-01-01T00:00:00Z"));
        let st = s.status().unwrap();
        assert_eq!(st.records, 1);
        assert_eq!(st.ecosystems, vec![("PyPI".to_string(), 1)]);
        assert_eq!(st.newest_modified.as_deref(), Some("2025-01-01T00:00:00Z"));
        assert!(st.last_import.is_some());
    }

    #[test]
    fn read_only_open_of_a_missing_database_says_how_to_import() {
        let dir = tempfile::tempdir().unwrap();
        let e = Store::open_read_only(dir.path()).err().unwrap().to_string();
        assert!(e.contains("dockaudit db import"), "{e}");
        assert!(
            !dir.path().join(FILE).exists(),
            "a read-only open creates nothing"
        );
    }

    #[test]
    fn one_cve_of_two_packages_is_two_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_for_import(dir.path()).unwrap();
        let mut a = rec("CVE-2024-1", "2024-01-01T00:00:00Z", "2.0");
        a.source = "debian-tracker".into();
        let mut b = a.clone();
        b.affected[0].package = "urllib3".into();
        let c = put(&mut s, vec![a, b]);
        assert_eq!(c.added, 2);
        assert_eq!(s.candidates("PyPI", "requests").unwrap().len(), 1);
        assert_eq!(s.candidates("PyPI", "urllib3").unwrap().len(), 1);
    }

    #[test]
    fn same_id_from_two_sources_is_two_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_for_import(dir.path()).unwrap();
        let a = rec("CVE-2024-1", "2024-01-01T00:00:00Z", "2.0");
        let mut b = a.clone();
        b.source = "debian-tracker".into();
        let c = put(&mut s, vec![a, b]);
        assert_eq!(c.added, 2);
        let mut ro = Store::open_read_only(dir.path()).unwrap();
        assert_eq!(ro.candidates("PyPI", "requests").unwrap().len(), 2);
    }
}
