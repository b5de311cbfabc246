//! The history store written once, over the little that differs between
//! SQLite and PostgreSQL. Every operation's SQL, its transaction and the
//! error it makes (naming the operation and the store) are here; a backend
//! opens and migrates its database and implements `Backend` (running
//! statements on the connection or in one transaction) and `Exec` (binding
//! parameters, running a statement, writing rows: SQLite one statement a
//! row, PostgreSQL batches over arrays).
//!
//! The SQL numbers its parameters `$1`, `$2`, … (the SQLite backend writes
//! them `?1`, `?2`, …) and casts a parameter whose type PostgreSQL cannot
//! tell with `CAST(… AS …)`.

use super::rows::{
    finding_record, run_record, subject_record, Row, FINDING_COLUMNS, RUN_COLUMNS, SUBJECT_COLUMNS,
};
use super::{
    cutoff, FindingRecord, HistoryStore, Retention, RunInfo, RunRecord, StoreError, StoredSubject,
    SubjectRecord,
};

/// A statement parameter; each backend binds it as its driver's own type.
#[derive(Clone, Copy, Debug)]
pub(super) enum Param<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Text(&'a str),
    OptText(Option<&'a str>),
}

/// What a query hands each row to.
pub(super) type Reader<'a, E> = dyn FnMut(&Row<'_, E>) -> Result<(), E> + 'a;

/// The statements of one connection, inside a transaction or not.
pub(super) trait Exec {
    type Error;
    /// Runs a statement.
    fn execute(&mut self, sql: &str, params: &[Param]) -> Result<(), Self::Error>;
    /// Runs a query, handing each row to `row` (its first error ends it).
    fn query(
        &mut self,
        sql: &str,
        params: &[Param],
        row: &mut Reader<'_, Self::Error>,
    ) -> Result<(), Self::Error>;
    /// Runs a query of exactly one row (else the driver's error) and reads
    /// its first column, an integer.
    fn query_int(&mut self, sql: &str, params: &[Param]) -> Result<i64, Self::Error>;
    /// Writes findings of a run with `upsert_findings`.
    fn write_findings(
        &mut self,
        run_id: i64,
        findings: &[FindingRecord],
    ) -> Result<(), Self::Error>;
    /// Writes subjects of a run with `upsert_subjects`.
    fn write_subjects(
        &mut self,
        run_id: i64,
        subjects: &[SubjectRecord],
    ) -> Result<(), Self::Error>;
    /// Deletes runs and their rows (`RUN_ROWS`).
    fn delete_runs(&mut self, ids: &[i64]) -> Result<(), Self::Error>;
}

/// A backend's connection: where its statements run.
pub(super) trait Backend: Send {
    type Error;
    /// Runs `f` on the connection, each statement a transaction of its own.
    fn on_connection<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Exec<Error = Self::Error>) -> Result<T, Self::Error>,
    ) -> Result<T, Self::Error>;
    /// Runs `f` in one transaction, committed when it returns Ok (else
    /// rolled back).
    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Exec<Error = Self::Error>) -> Result<T, Self::Error>,
    ) -> Result<T, Self::Error>;
    /// The error's message, as a store error carries it.
    fn message(e: &Self::Error) -> String;
}

/// The insert of finding rows, from `rows` (a backend's `VALUES` of one
/// row, or a `SELECT` over arrays): a finding stored for the run with the
/// same fingerprint is replaced.
pub(super) fn upsert_findings(rows: &str) -> String {
    format!(
        "INSERT INTO findings (run_id, {FINDING_COLUMNS}) {rows} \
         ON CONFLICT (run_id, fingerprint) DO UPDATE SET check_id = excluded.check_id, \
         section = excluded.section, subject_kind = excluded.subject_kind, \
         subject = excluded.subject, subject_id = excluded.subject_id, role = excluded.role, \
         severity = excluded.severity, status = excluded.status, message = excluded.message, \
         evidence_key = excluded.evidence_key"
    )
}

/// The insert of subject rows, from `rows`: a subject stored for the run at
/// the same event is replaced, except that a gone record never replaces an
/// audited one.
pub(super) fn upsert_subjects(rows: &str) -> String {
    format!(
        "INSERT INTO subjects ({SUBJECT_COLUMNS}) {rows} \
         ON CONFLICT (run_id, kind, id, event) DO UPDATE SET name = excluded.name, \
         role = excluded.role, host = excluded.host, audited_at = excluded.audited_at, \
         state = excluded.state, reason = excluded.reason, failing = excluded.failing, \
         passing = excluded.passing, source = excluded.source \
         WHERE subjects.state <> 'audited' OR excluded.state = 'audited'"
    )
}

/// The rows of a run, as (table, column naming the run), in the order they
/// are deleted.
pub(super) const RUN_ROWS: [(&str, &str); 3] = [
    ("findings", "run_id"),
    ("subjects", "run_id"),
    ("runs", "id"),
];

/// A count or limit as stored (a signed 64-bit integer).
fn count(n: u64) -> i64 {
    n.min(i64::MAX as u64) as i64
}

/// Every row of a query, as `read` makes it.
fn all<E, T>(
    db: &mut dyn Exec<Error = E>,
    sql: &str,
    params: &[Param],
    read: impl Fn(&Row<'_, E>) -> Result<T, E>,
) -> Result<Vec<T>, E> {
    let mut out = Vec::new();
    db.query(sql, params, &mut |r| {
        out.push(read(r)?);
        Ok(())
    })?;
    Ok(out)
}

/// The first row of a query (of one row at most), as `read` makes it.
fn first<E, T>(
    db: &mut dyn Exec<Error = E>,
    sql: &str,
    params: &[Param],
    read: impl Fn(&Row<'_, E>) -> Result<T, E>,
) -> Result<Option<T>, E> {
    Ok(all(db, sql, params, read)?.into_iter().next())
}

fn insert_run<E>(
    db: &mut dyn Exec<Error = E>,
    run: &RunInfo,
    finished: Option<&str>,
    summary: &str,
) -> Result<i64, E> {
    db.query_int(
        "INSERT INTO runs (command, target_kind, target, host, started_at, finished_at, \
         version, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            Param::Text(&run.command),
            Param::Text(&run.target_kind),
            Param::Text(&run.target),
            Param::Text(&run.host),
            Param::Text(&run.started_at),
            Param::OptText(finished),
            Param::Text(&run.version),
            Param::Text(summary),
        ],
    )
}

fn insert_rows<E>(
    db: &mut dyn Exec<Error = E>,
    run_id: i64,
    findings: &[FindingRecord],
    subjects: &[SubjectRecord],
) -> Result<(), E> {
    db.write_findings(run_id, findings)?;
    db.write_subjects(run_id, subjects)
}

/// Drops the runs a retention no longer keeps (never `current`); returns
/// how many.
fn apply_retention<E>(
    db: &mut dyn Exec<Error = E>,
    current: i64,
    retention: Retention,
) -> Result<u64, E> {
    if retention.keep_runs.is_none() && retention.keep_days.is_none() {
        return Ok(0);
    }
    let cut = cutoff(retention);
    let ids = all(
        db,
        "SELECT id FROM runs WHERE id <> $1 AND ( \
           (CAST($2 AS TEXT) IS NOT NULL AND started_at < CAST($2 AS TEXT)) OR \
           (CAST($3 AS BIGINT) IS NOT NULL AND id NOT IN \
              (SELECT id FROM runs ORDER BY id DESC LIMIT CAST($3 AS BIGINT))))",
        &[
            Param::Int(current),
            Param::OptText(cut.as_deref()),
            Param::OptInt(retention.keep_runs.map(count)),
        ],
        |r| r.int(0),
    )?;
    if !ids.is_empty() {
        db.delete_runs(&ids)?;
    }
    Ok(ids.len() as u64)
}

/// Where an operation's statements run: on the connection, each its own
/// transaction, or in one transaction.
#[derive(Clone, Copy)]
enum Scope {
    Connection,
    Transaction,
}

/// A history store over a backend's connection (a `Backend`).
pub struct SqlStore<B> {
    pub(super) db: B,
    /// The file, or the URL without its password.
    pub(super) name: String,
}

// The bounds are on the methods: `Backend` is the store module's own.
impl<B> SqlStore<B> {
    /// A store error of operation `op`.
    pub(super) fn fail(&self, op: &str, e: B::Error) -> StoreError
    where
        B: Backend,
    {
        StoreError {
            store: self.name.clone(),
            op: op.to_string(),
            message: B::message(&e),
        }
    }

    /// Runs `f` where `scope` says; an error names operation `op`.
    fn run<T>(
        &mut self,
        scope: Scope,
        op: &str,
        f: impl FnOnce(&mut dyn Exec<Error = B::Error>) -> Result<T, B::Error>,
    ) -> super::Result<T>
    where
        B: Backend,
    {
        let r = match scope {
            Scope::Connection => self.db.on_connection(f),
            Scope::Transaction => self.db.in_transaction(f),
        };
        r.map_err(|e| self.fail(op, e))
    }

    /// The newest run of the same command, target and host as `run`
    /// (with an id below `before`, when given).
    fn newest_like(
        &mut self,
        op: &str,
        run: &RunRecord,
        before: Option<i64>,
    ) -> super::Result<Option<RunRecord>>
    where
        B: Backend,
    {
        let below = if before.is_some() {
            " AND r.id < $5"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM runs r WHERE r.command = $1 AND r.target_kind = $2 \
             AND r.target = $3 AND r.host = $4{below} ORDER BY r.id DESC LIMIT 1"
        );
        let i = &run.info;
        let mut params = vec![
            Param::Text(&i.command),
            Param::Text(&i.target_kind),
            Param::Text(&i.target),
            Param::Text(&i.host),
        ];
        params.extend(before.map(Param::Int));
        self.run(Scope::Connection, op, |db| {
            first(db, &sql, &params, run_record)
        })
    }
}

impl<B: Backend> HistoryStore for SqlStore<B> {
    fn describe(&self) -> &str {
        &self.name
    }

    fn begin_run(&mut self, run: &RunInfo) -> super::Result<i64> {
        self.run(Scope::Transaction, "starting a run", |db| {
            insert_run(db, run, None, "{}")
        })
    }

    fn record(
        &mut self,
        run_id: i64,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
    ) -> super::Result<()> {
        self.run(Scope::Transaction, "recording findings", |db| {
            insert_rows(db, run_id, findings, subjects)
        })
    }

    fn finish_run(
        &mut self,
        run_id: i64,
        finished_at: &str,
        summary: &serde_json::Value,
        retention: Retention,
    ) -> super::Result<u64> {
        self.run(Scope::Transaction, "finishing a run", |db| {
            db.execute(
                "UPDATE runs SET finished_at = $2, summary = $3 WHERE id = $1",
                &[
                    Param::Int(run_id),
                    Param::Text(finished_at),
                    Param::Text(&summary.to_string()),
                ],
            )?;
            apply_retention(db, run_id, retention)
        })
    }

    fn record_run(
        &mut self,
        run: &RunInfo,
        finished_at: &str,
        summary: &serde_json::Value,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
        retention: Retention,
    ) -> super::Result<i64> {
        self.run(Scope::Transaction, "recording the run", |db| {
            let id = insert_run(db, run, Some(finished_at), &summary.to_string())?;
            insert_rows(db, id, findings, subjects)?;
            apply_retention(db, id, retention)?;
            Ok(id)
        })
    }

    fn runs(&mut self, limit: u64) -> super::Result<Vec<RunRecord>> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs r ORDER BY r.id DESC LIMIT $1");
        self.run(Scope::Connection, "listing runs", |db| {
            all(db, &sql, &[Param::Int(count(limit))], run_record)
        })
    }

    fn run(&mut self, id: i64) -> super::Result<Option<RunRecord>> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs r WHERE r.id = $1");
        self.run(Scope::Connection, "reading a run", |db| {
            first(db, &sql, &[Param::Int(id)], run_record)
        })
    }

    fn previous_run(&mut self, run: &RunRecord) -> super::Result<Option<RunRecord>> {
        self.newest_like("reading the previous run", run, Some(run.id))
    }

    fn latest_run_like(&mut self, run: &RunRecord) -> super::Result<Option<RunRecord>> {
        self.newest_like("reading the latest run", run, None)
    }

    fn findings(&mut self, run_id: i64) -> super::Result<Vec<FindingRecord>> {
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE run_id = $1 ORDER BY fingerprint"
        );
        self.run(Scope::Connection, "reading findings", |db| {
            all(db, &sql, &[Param::Int(run_id)], finding_record)
        })
    }

    fn subjects(&mut self, kind: Option<&str>, limit: u64) -> super::Result<Vec<StoredSubject>> {
        let sql = format!(
            "SELECT {SUBJECT_COLUMNS} FROM subjects WHERE (CAST($1 AS TEXT) IS NULL OR kind = $1) \
             ORDER BY audited_at DESC, run_id DESC, id, event LIMIT $2"
        );
        let params = [Param::OptText(kind), Param::Int(count(limit))];
        self.run(Scope::Connection, "listing subjects", |db| {
            all(db, &sql, &params, subject_record)
        })
    }

    fn run_subjects(&mut self, run_id: i64) -> super::Result<Vec<SubjectRecord>> {
        let sql = format!(
            "SELECT {SUBJECT_COLUMNS} FROM subjects WHERE run_id = $1 ORDER BY kind, id, event"
        );
        self.run(Scope::Connection, "reading subjects", |db| {
            all(db, &sql, &[Param::Int(run_id)], |r| {
                subject_record(r).map(|s| s.subject)
            })
        })
    }

    fn schema_version(&mut self) -> super::Result<i64> {
        self.run(Scope::Connection, "reading the schema version", |db| {
            db.query_int("SELECT MAX(version) FROM schema_version", &[])
        })
    }

    fn heartbeat(&mut self, run_id: i64, at: &str) -> super::Result<()> {
        self.run(Scope::Connection, "recording a heartbeat", |db| {
            db.execute(
                "UPDATE runs SET heartbeat_at = $2 WHERE id = $1",
                &[Param::Int(run_id), Param::Text(at)],
            )
        })
    }

    fn heartbeats(&mut self) -> super::Result<Vec<(String, String)>> {
        self.run(Scope::Connection, "reading heartbeats", |db| {
            all(
                db,
                "SELECT host, MAX(heartbeat_at) FROM runs WHERE heartbeat_at IS NOT NULL \
                 GROUP BY host ORDER BY host",
                &[],
                |r| Ok((r.text(0)?, r.text(1)?)),
            )
        })
    }
}
