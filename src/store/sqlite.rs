//! The history in one SQLite file: WAL journal and a busy timeout, so
//! several writers (two `watch`es, a `host --store` beside them) wait for
//! each other instead of failing or corrupting it; every write one
//! `BEGIN IMMEDIATE` transaction. SQL only: the record shapes live in
//! `store`.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::rows::{
    finding_record, run_record, subject_record, FINDING_COLUMNS, RUN_COLUMNS, SUBJECT_COLUMNS,
};
use super::{
    cutoff, event_text, ids_text, FindingRecord, HistoryStore, Result, Retention, RunInfo,
    RunRecord, StoreError, StoredSubject, SubjectRecord, MIGRATIONS, SCHEMA_VERSION,
};

/// How long a writer waits for another's transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SqliteStore {
    conn: Connection,
    path: String,
}

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
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| fail("setting WAL", &e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail("setting synchronous", &e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| fail("enabling foreign keys", &e))?;
        let mut store = SqliteStore { conn, path: name };
        store.migrate()?;
        Ok(store)
    }

    fn err(&self, op: &str, e: impl std::fmt::Display) -> StoreError {
        StoreError {
            store: self.path.clone(),
            op: op.to_string(),
            message: e.to_string(),
        }
    }

    /// Applies every migration above the stored version in one immediate
    /// transaction (a second process opening at once waits, then finds
    /// them applied).
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let e = |op: &str, err: rusqlite::Error| StoreError {
            store: path.clone(),
            op: op.to_string(),
            message: err.to_string(),
        };
        let tx = self
            .conn
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

fn insert_run(
    tx: &Connection,
    run: &RunInfo,
    finished: Option<&str>,
    summary: &str,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO runs (command, target_kind, target, host, started_at, finished_at, version, summary) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            run.command,
            run.target_kind,
            run.target,
            run.host,
            run.started_at,
            finished,
            run.version,
            summary
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_rows(
    tx: &Connection,
    run_id: i64,
    findings: &[FindingRecord],
    subjects: &[SubjectRecord],
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO findings (run_id, fingerprint, check_id, section, subject_kind, subject, \
         subject_id, role, severity, status, message, evidence_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
         ON CONFLICT (run_id, fingerprint) DO UPDATE SET check_id = excluded.check_id, \
         section = excluded.section, subject_kind = excluded.subject_kind, \
         subject = excluded.subject, subject_id = excluded.subject_id, role = excluded.role, \
         severity = excluded.severity, status = excluded.status, message = excluded.message, \
         evidence_key = excluded.evidence_key",
    )?;
    for f in findings {
        st.execute(params![
            run_id,
            f.fingerprint,
            f.check_id,
            f.section,
            f.subject_kind,
            f.subject,
            f.subject_id,
            f.role,
            f.severity,
            f.status,
            f.message,
            f.evidence_key
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO subjects (run_id, kind, id, name, role, host, audited_at, state, reason, \
         failing, passing, event, source) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
         ON CONFLICT (run_id, kind, id, event) DO UPDATE SET name = excluded.name, \
         role = excluded.role, host = excluded.host, audited_at = excluded.audited_at, \
         state = excluded.state, reason = excluded.reason, failing = excluded.failing, \
         passing = excluded.passing, source = excluded.source \
         WHERE subjects.state <> 'audited' OR excluded.state = 'audited'",
    )?;
    for s in subjects {
        st.execute(params![
            run_id,
            s.kind,
            s.id,
            s.name,
            s.role,
            s.host,
            s.audited_at,
            s.state,
            s.reason,
            ids_text(&s.failing),
            ids_text(&s.passing),
            event_text(s),
            s.source
        ])?;
    }
    Ok(())
}

/// Drops the runs a retention no longer keeps (never `current`); returns
/// how many.
fn apply_retention(tx: &Connection, current: i64, retention: Retention) -> rusqlite::Result<u64> {
    if retention.keep_runs.is_none() && retention.keep_days.is_none() {
        return Ok(0);
    }
    let cut = cutoff(retention);
    let keep = retention.keep_runs.map(|n| n.min(i64::MAX as u64) as i64);
    let ids: Vec<i64> = {
        let mut st = tx.prepare(
            "SELECT id FROM runs WHERE id <> ?1 AND ( \
               (?2 IS NOT NULL AND started_at < ?2) OR \
               (?3 IS NOT NULL AND id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?3)))",
        )?;
        let rows = st.query_map(params![current, cut, keep], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in &ids {
        tx.execute("DELETE FROM findings WHERE run_id = ?1", [id])?;
        tx.execute("DELETE FROM subjects WHERE run_id = ?1", [id])?;
        tx.execute("DELETE FROM runs WHERE id = ?1", [id])?;
    }
    Ok(ids.len() as u64)
}

impl HistoryStore for SqliteStore {
    fn describe(&self) -> &str {
        &self.path
    }

    fn begin_run(&mut self, run: &RunInfo) -> Result<i64> {
        insert_run(&self.conn, run, None, "{}").map_err(|e| self.err("starting a run", e))
    }

    fn record(
        &mut self,
        run_id: i64,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
    ) -> Result<()> {
        let r = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            insert_rows(&tx, run_id, findings, subjects)?;
            tx.commit()
        })();
        r.map_err(|e| self.err("recording findings", e))
    }

    fn finish_run(
        &mut self,
        run_id: i64,
        finished_at: &str,
        summary: &serde_json::Value,
        retention: Retention,
    ) -> Result<u64> {
        let r = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "UPDATE runs SET finished_at = ?2, summary = ?3 WHERE id = ?1",
                params![run_id, finished_at, summary.to_string()],
            )?;
            let dropped = apply_retention(&tx, run_id, retention)?;
            tx.commit()?;
            Ok(dropped)
        })();
        r.map_err(|e: rusqlite::Error| self.err("finishing a run", e))
    }

    fn record_run(
        &mut self,
        run: &RunInfo,
        finished_at: &str,
        summary: &serde_json::Value,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
        retention: Retention,
    ) -> Result<i64> {
        let r = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id = insert_run(&tx, run, Some(finished_at), &summary.to_string())?;
            insert_rows(&tx, id, findings, subjects)?;
            apply_retention(&tx, id, retention)?;
            tx.commit()?;
            Ok(id)
        })();
        r.map_err(|e: rusqlite::Error| self.err("recording the run", e))
    }

    fn runs(&mut self, limit: u64) -> Result<Vec<RunRecord>> {
        let r = (|| {
            let mut st = self.conn.prepare(&format!(
                "SELECT {RUN_COLUMNS} FROM runs r ORDER BY r.id DESC LIMIT ?1"
            ))?;
            let rows = st.query_map([limit.min(i64::MAX as u64) as i64], |r| run_record(r))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })();
        r.map_err(|e| self.err("listing runs", e))
    }

    fn run(&mut self, id: i64) -> Result<Option<RunRecord>> {
        self.conn
            .query_row(
                &format!("SELECT {RUN_COLUMNS} FROM runs r WHERE r.id = ?1"),
                [id],
                |r| run_record(r),
            )
            .optional()
            .map_err(|e| self.err("reading a run", e))
    }

    fn previous_run(&mut self, run: &RunRecord) -> Result<Option<RunRecord>> {
        let i = &run.info;
        self.conn
            .query_row(
                &format!(
                    "SELECT {RUN_COLUMNS} FROM runs r WHERE r.command = ?1 AND r.target_kind = ?2 \
                     AND r.target = ?3 AND r.host = ?4 AND r.id < ?5 ORDER BY r.id DESC LIMIT 1"
                ),
                params![i.command, i.target_kind, i.target, i.host, run.id],
                |r| run_record(r),
            )
            .optional()
            .map_err(|e| self.err("reading the previous run", e))
    }

    fn latest_run_like(&mut self, run: &RunRecord) -> Result<Option<RunRecord>> {
        let i = &run.info;
        self.conn
            .query_row(
                &format!(
                    "SELECT {RUN_COLUMNS} FROM runs r WHERE r.command = ?1 AND r.target_kind = ?2 \
                     AND r.target = ?3 AND r.host = ?4 ORDER BY r.id DESC LIMIT 1"
                ),
                params![i.command, i.target_kind, i.target, i.host],
                |r| run_record(r),
            )
            .optional()
            .map_err(|e| self.err("reading the latest run", e))
    }

    fn findings(&mut self, run_id: i64) -> Result<Vec<FindingRecord>> {
        let r = (|| {
            let mut st = self.conn.prepare(&format!(
                "SELECT {FINDING_COLUMNS} FROM findings WHERE run_id = ?1 ORDER BY fingerprint"
            ))?;
            let rows = st.query_map([run_id], |r| finding_record(r))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })();
        r.map_err(|e| self.err("reading findings", e))
    }

    fn subjects(&mut self, kind: Option<&str>, limit: u64) -> Result<Vec<StoredSubject>> {
        let r = (|| {
            let mut st = self.conn.prepare(&format!(
                "SELECT {SUBJECT_COLUMNS} FROM subjects WHERE (?1 IS NULL OR kind = ?1) \
                 ORDER BY audited_at DESC, run_id DESC, id, event LIMIT ?2"
            ))?;
            let rows = st.query_map(params![kind, limit.min(i64::MAX as u64) as i64], |r| {
                subject_record(r)
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })();
        r.map_err(|e| self.err("listing subjects", e))
    }

    fn run_subjects(&mut self, run_id: i64) -> Result<Vec<SubjectRecord>> {
        let r = (|| {
            let mut st = self.conn.prepare(&format!(
                "SELECT {SUBJECT_COLUMNS} FROM subjects WHERE run_id = ?1 ORDER BY kind, id, event"
            ))?;
            let rows = st.query_map([run_id], |r| subject_record(r))?;
            rows.map(|r| r.map(|s| s.subject))
                .collect::<rusqlite::Result<Vec<_>>>()
        })();
        r.map_err(|e| self.err("reading subjects", e))
    }

    fn schema_version(&mut self) -> Result<i64> {
        self.conn
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
            .map_err(|e| self.err("reading the schema version", e))
    }

    fn heartbeat(&mut self, run_id: i64, at: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET heartbeat_at = ?2 WHERE id = ?1",
                params![run_id, at],
            )
            .map(|_| ())
            .map_err(|e| self.err("recording a heartbeat", e))
    }

    fn heartbeats(&mut self) -> Result<Vec<(String, String)>> {
        let r = (|| {
            let mut st = self.conn.prepare(
                "SELECT host, MAX(heartbeat_at) FROM runs WHERE heartbeat_at IS NOT NULL \
                 GROUP BY host ORDER BY host",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })();
        r.map_err(|e| self.err("reading heartbeats", e))
    }
}
