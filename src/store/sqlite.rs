//! The history in one SQLite file: WAL journal and a busy timeout, so
//! several writers (two `watch`es, a `host --store` beside them) wait for
//! each other instead of failing or corrupting it; every write one
//! `BEGIN IMMEDIATE` transaction, rows written one statement a row. The
//! driver only: the operations and their SQL live in `store::sql`.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::ToSqlOutput;
use rusqlite::{params_from_iter, Connection, ToSql, TransactionBehavior};

use super::rows::{finding_cells, subject_cells, Cell, Cells};
use super::sql::{
    upsert_findings, upsert_subjects, Backend, Exec, Param, Reader, SqlStore, RUN_ROWS,
};
use super::{FindingRecord, Result, StoreError, SubjectRecord, MIGRATIONS, SCHEMA_VERSION};

/// How long a writer waits for another's transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The history store in a SQLite file.
pub type SqliteStore = SqlStore<Connection>;

impl SqliteStore {
    /// Opens the file (creating it and its folder, mode 0700), sets WAL
    /// and the busy timeout, and applies the pending migrations.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let name = path.display().to_string();
        let fail = |op: &str, e: &dyn std::fmt::Display| StoreError {
            store: name.clone(),
            op: op.to_string(),
            message: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                use std::os::unix::fs::DirBuilderExt;
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(|e| fail("creating its folder", &e))?;
            }
        }
        let conn = Connection::open(path).map_err(|e| fail("opening", &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail("setting the busy timeout", &e))?;
        // WAL: readers never block the writer; synchronous=NORMAL is
        // durable across a crash of the process (not of the machine's
        // power, where the last transaction may be lost, never corrupted).
        // Switching a new file to WAL needs a moment alone with it: a
        // second process opening the same new store at once gets BUSY
        // without the busy handler being asked, so wait here within the
        // same bound. WAL stays set in the file once one of them set it.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Ok(()) => break,
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(fail("setting WAL", &e)),
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail("setting synchronous", &e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| fail("enabling foreign keys", &e))?;
        let mut store = SqliteStore { db: conn, name };
        store.migrate()?;
        Ok(store)
    }

    /// Applies every migration above the stored version in one immediate
    /// transaction (a second process opening at once waits, then finds
    /// them applied).
    fn migrate(&mut self) -> Result<()> {
        let path = self.name.clone();
        let e = |op: &str, err: rusqlite::Error| StoreError {
            store: path.clone(),
            op: op.to_string(),
            message: err.to_string(),
        };
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|err| e("starting the migration", err))?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .map_err(|err| e("creating schema_version", err))?;
        let current: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version",
                [],
                |r| r.get(0),
            )
            .map_err(|err| e("reading the schema version", err))?;
        if current > SCHEMA_VERSION {
            return Err(StoreError {
                store: path.clone(),
                op: "opening".to_string(),
                message: format!(
                    "schema version {current} is newer than this dockaudit's ({SCHEMA_VERSION}): \
                     upgrade dockaudit"
                ),
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            tx.execute_batch(&sql.replace("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT"))
                .map_err(|err| e("migrating", err))?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [version],
            )
            .map_err(|err| e("migrating", err))?;
        }
        tx.commit()
            .map_err(|err| e("committing the migration", err))
    }
}

/// The shared SQL as SQLite numbers its parameters (`?1` for `$1`).
fn numbered(sql: &str) -> String {
    sql.replace('$', "?")
}

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Param::Int(v) => v.to_sql(),
            Param::OptInt(v) => v.to_sql(),
            Param::Text(v) => v.to_sql(),
            Param::OptText(v) => v.to_sql(),
        }
    }
}

impl Backend for Connection {
    type Error = rusqlite::Error;

    fn on_connection<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Exec<Error = rusqlite::Error>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        f(&mut On(self))
    }

    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Exec<Error = rusqlite::Error>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let tx = self.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&mut On(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    fn message(e: &rusqlite::Error) -> String {
        e.to_string()
    }
}

/// The statements of a connection, in a transaction or not (rusqlite runs
/// both through `&Connection`).
struct On<'c>(&'c Connection);

impl On<'_> {
    /// Writes rows of a run one statement a row: `upsert` over a `VALUES`
    /// of the run id and a row's cells.
    fn write<'r, const N: usize>(
        &self,
        upsert: fn(&str) -> String,
        run_id: i64,
        rows: impl Iterator<Item = [Cell<'r>; N]>,
    ) -> rusqlite::Result<()> {
        let values: Vec<String> = (1..=N + 1).map(|i| format!("?{i}")).collect();
        let mut st = self
            .0
            .prepare_cached(&upsert(&format!("VALUES ({})", values.join(", "))))?;
        for cells in rows {
            let texts = cells.iter().map(|c| Param::OptText(c.as_deref()));
            st.execute(params_from_iter(
                std::iter::once(Param::Int(run_id)).chain(texts),
            ))?;
        }
        Ok(())
    }
}

impl Exec for On<'_> {
    type Error = rusqlite::Error;

    fn execute(&mut self, sql: &str, params: &[Param]) -> rusqlite::Result<()> {
        self.0
            .execute(&numbered(sql), params_from_iter(params))
            .map(|_| ())
    }

    fn query(
        &mut self,
        sql: &str,
        params: &[Param],
        row: &mut Reader<'_, rusqlite::Error>,
    ) -> rusqlite::Result<()> {
        let mut st = self.0.prepare(&numbered(sql))?;
        let mut rows = st.query(params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            row(r)?;
        }
        Ok(())
    }

    fn query_int(&mut self, sql: &str, params: &[Param]) -> rusqlite::Result<i64> {
        self.0
            .query_row(&numbered(sql), params_from_iter(params), |r| r.int(0))
    }

    fn write_findings(&mut self, run_id: i64, findings: &[FindingRecord]) -> rusqlite::Result<()> {
        self.write(upsert_findings, run_id, findings.iter().map(finding_cells))
    }

    fn write_subjects(&mut self, run_id: i64, subjects: &[SubjectRecord]) -> rusqlite::Result<()> {
        self.write(upsert_subjects, run_id, subjects.iter().map(subject_cells))
    }

    fn delete_runs(&mut self, ids: &[i64]) -> rusqlite::Result<()> {
        for id in ids {
            for (table, key) in RUN_ROWS {
                self.0
                    .execute(&format!("DELETE FROM {table} WHERE {key} = ?1"), [id])?;
            }
        }
        Ok(())
    }
}
