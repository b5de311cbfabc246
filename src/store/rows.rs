//! What both backends read back and write alike: the column lists of runs,
//! findings and subjects, the record each row makes, read through `Cells`
//! whichever driver returned the row, and the cells each record writes.
//! Nothing here runs a query.

use std::borrow::Cow;

use super::{
    event_of, event_text, ids_of, ids_text, FindingRecord, RunInfo, RunRecord, StoredSubject,
    SubjectRecord,
};

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

/// A row of either driver, as a query hands it to its reader.
pub(super) type Row<'a, E> = dyn Cells<Error = E> + 'a;

/// A run from the `RUN_COLUMNS` of a row.
pub(super) fn run_record<E>(r: &Row<'_, E>) -> Result<RunRecord, E> {
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
pub(super) fn finding_record<E>(r: &Row<'_, E>) -> Result<FindingRecord, E> {
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
pub(super) fn subject_record<E>(r: &Row<'_, E>) -> Result<StoredSubject, E> {
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

/// A text cell of a written row (None: null).
pub(super) type Cell<'a> = Option<Cow<'a, str>>;

fn text(s: &str) -> Cell<'_> {
    Some(Cow::Borrowed(s))
}

/// A finding's cells, in `FINDING_COLUMNS` order.
pub(super) fn finding_cells(f: &FindingRecord) -> [Cell<'_>; 11] {
    [
        text(&f.fingerprint),
        text(&f.check_id),
        text(&f.section),
        text(&f.subject_kind),
        text(&f.subject),
        f.subject_id.as_deref().map(Cow::Borrowed),
        text(&f.role),
        text(&f.severity),
        text(&f.status),
        text(&f.message),
        text(&f.evidence_key),
    ]
}

/// A subject's cells, in `SUBJECT_COLUMNS` order after `run_id`.
pub(super) fn subject_cells(s: &SubjectRecord) -> [Cell<'_>; 12] {
    [
        text(&s.kind),
        text(&s.id),
        text(&s.name),
        text(&s.role),
        text(&s.host),
        text(&s.audited_at),
        text(&s.state),
        s.reason.as_deref().map(Cow::Borrowed),
        Some(Cow::Owned(ids_text(&s.failing))),
        Some(Cow::Owned(ids_text(&s.passing))),
        Some(Cow::Borrowed(event_text(s))),
        s.source.as_deref().map(Cow::Borrowed),
    ]
}
