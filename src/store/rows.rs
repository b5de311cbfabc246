//! What both backends read back alike: the column lists of runs, findings
//! and subjects, and the record each row makes, read through `Cells`
//! whichever driver returned the row. Each backend keeps its own SQL
//! dialect (placeholders, batching); nothing here runs a query.

use super::{event_of, ids_of, FindingRecord, RunInfo, RunRecord, StoredSubject, SubjectRecord};

/// The columns `run_record` reads, of `runs r`.
pub(super) const RUN_COLUMNS: &str = "r.id, r.command, r.target_kind, r.target, r.host, \
     r.started_at, r.version, r.finished_at, r.summary, \
     (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id), \
     (SELECT COUNT(*) FROM subjects s WHERE s.run_id = r.id)";

/// The columns `finding_record` reads, of `findings`.
pub(super) const FINDING_COLUMNS: &str = "fingerprint, check_id, section, subject_kind, \
     subject, subject_id, role, severity, status, message, evidence_key";

/// The columns `subject_record` reads, of `subjects`.
pub(super) const SUBJECT_COLUMNS: &str =
    "run_id, kind, id, name, role, host, audited_at, state, reason, failing, passing, event, source";

/// A result row of either driver, read by column index; a value of the
/// wrong type is the driver's error, never a default.
pub(super) trait Cells {
    type Error;
    fn text(&self, i: usize) -> Result<String, Self::Error>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, Self::Error>;
    fn int(&self, i: usize) -> Result<i64, Self::Error>;
}

impl Cells for rusqlite::Row<'_> {
    type Error = rusqlite::Error;
    fn text(&self, i: usize) -> rusqlite::Result<String> {
        self.get(i)
    }
    fn opt_text(&self, i: usize) -> rusqlite::Result<Option<String>> {
        self.get(i)
    }
    fn int(&self, i: usize) -> rusqlite::Result<i64> {
        self.get(i)
    }
}

impl Cells for postgres::Row {
    type Error = postgres::Error;
    fn text(&self, i: usize) -> Result<String, postgres::Error> {
        self.try_get(i)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, postgres::Error> {
        self.try_get(i)
    }
    fn int(&self, i: usize) -> Result<i64, postgres::Error> {
        self.try_get(i)
    }
}

/// A run from the `RUN_COLUMNS` of a row.
pub(super) fn run_record<R: Cells>(r: &R) -> Result<RunRecord, R::Error> {
    Ok(RunRecord {
        id: r.int(0)?,
        info: RunInfo {
            command: r.text(1)?,
            target_kind: r.text(2)?,
            target: r.text(3)?,
            host: r.text(4)?,
            started_at: r.text(5)?,
            version: r.text(6)?,
        },
        finished_at: r.opt_text(7)?,
        summary: serde_json::from_str(&r.text(8)?).unwrap_or(serde_json::Value::Null),
        findings: r.int(9)?,
        subjects: r.int(10)?,
    })
}

/// A finding from the `FINDING_COLUMNS` of a row.
pub(super) fn finding_record<R: Cells>(r: &R) -> Result<FindingRecord, R::Error> {
    Ok(FindingRecord {
        fingerprint: r.text(0)?,
        check_id: r.text(1)?,
        section: r.text(2)?,
        subject_kind: r.text(3)?,
        subject: r.text(4)?,
        subject_id: r.opt_text(5)?,
        role: r.text(6)?,
        severity: r.text(7)?,
        status: r.text(8)?,
        message: r.text(9)?,
        evidence_key: r.text(10)?,
    })
}

/// A subject from the `SUBJECT_COLUMNS` of a row.
pub(super) fn subject_record<R: Cells>(r: &R) -> Result<StoredSubject, R::Error> {
    Ok(StoredSubject {
        run_id: r.int(0)?,
        subject: SubjectRecord {
            kind: r.text(1)?,
            id: r.text(2)?,
            name: r.text(3)?,
            role: r.text(4)?,
            host: r.text(5)?,
            audited_at: r.text(6)?,
            state: r.text(7)?,
            reason: r.opt_text(8)?,
            failing: ids_of(&r.text(9)?),
            passing: ids_of(&r.text(10)?),
            event: event_of(r.text(11)?),
            source: r.opt_text(12)?,
        },
    })
}
