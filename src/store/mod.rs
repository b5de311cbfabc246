//! The audit history: runs, their findings and the subjects (containers,
//! images) they judged, in a SQLite file or a PostgreSQL database behind one
//! trait. This module owns the record shapes, fingerprints, roles and the
//! comparisons of `history`, `diff` and `fleet`; `sql` owns the operations
//! and their SQL, written once; the backends own only their driver.
//! Nothing here collects facts or runs checks.

pub mod diff;
pub mod fleet;
pub mod postgres;
mod rows;
mod sql;
pub mod sqlite;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::checks::{Finding, Scope, Subject};
use crate::report::{Report, Status};

/// The schema the code writes; older stores are migrated on open.
pub const SCHEMA_VERSION: i64 = 3;

/// The migrations, in order: version and SQL. `{ID}` is the backend's
/// auto-increment key column. Never edit one that shipped: add the next.
pub(crate) const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        "CREATE TABLE runs (
        id {ID},
        command TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target TEXT NOT NULL,
        host TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        version TEXT NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE INDEX runs_by_target ON runs (command, target_kind, target, host, id);
    CREATE INDEX runs_by_start ON runs (started_at);
    CREATE TABLE findings (
        run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        check_id TEXT NOT NULL,
        section TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        subject_id TEXT,
        role TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT NOT NULL,
        evidence_key TEXT NOT NULL,
        PRIMARY KEY (run_id, fingerprint)
    );
    CREATE INDEX findings_by_check ON findings (check_id);
    CREATE TABLE subjects (
        run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        host TEXT NOT NULL,
        audited_at TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        failing TEXT NOT NULL,
        passing TEXT NOT NULL,
        PRIMARY KEY (run_id, kind, id)
    );
    CREATE INDEX subjects_by_time ON subjects (audited_at);
    CREATE INDEX subjects_by_host ON subjects (host, audited_at);",
    ),
    // 2: the event a subject was audited at (a `watch` audits a container
    // at its create and again at its start: both kept, so the key takes
    // the event; '' for runs that audit each subject once), and the
    // heartbeat of a run that goes on (`watch`), which `fleet` counts as
    // hearing from its host.
    (
        2,
        "CREATE TABLE subjects_v2 (
        run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        event TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        host TEXT NOT NULL,
        audited_at TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        failing TEXT NOT NULL,
        passing TEXT NOT NULL,
        PRIMARY KEY (run_id, kind, id, event)
    );
    INSERT INTO subjects_v2 (run_id, kind, id, event, name, role, host, audited_at, state,
        reason, failing, passing)
        SELECT run_id, kind, id, '', name, role, host, audited_at, state, reason, failing,
        passing FROM subjects;
    DROP TABLE subjects;
    ALTER TABLE subjects_v2 RENAME TO subjects;
    CREATE INDEX subjects_by_time ON subjects (audited_at);
    CREATE INDEX subjects_by_host ON subjects (host, audited_at);
    ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
    CREATE INDEX runs_by_heartbeat ON runs (host, heartbeat_at);",
    ),
    // 3: where a subject's facts were read (`watch`: "inspect", or
    // "data-root" for a container read from the engine's data root at its
    // create); null for runs that do not say.
    (3, "ALTER TABLE subjects ADD COLUMN source TEXT;"),
];

/// A list of check ids as stored (a JSON array).
pub(crate) fn ids_text(ids: &[String]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_string())
}

pub(crate) fn ids_of(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// A subject's event as stored: '' for none (the column is part of the
/// key, so never null).
pub(crate) fn event_text(s: &SubjectRecord) -> &str {
    s.event.as_deref().unwrap_or("")
}

pub(crate) fn event_of(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The default history file: `$XDG_DATA_HOME/dockaudit/history.sqlite`,
/// else `$HOME/.local/share/dockaudit/history.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    Some(crate::config::data_dir()?.join("history.sqlite"))
}

#[derive(Debug, thiserror::Error)]
#[error("history store {store}: {op}: {message}")]
pub struct StoreError {
    /// The file, or the URL without its password.
    pub store: String,
    pub op: String,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Where a run came from and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunInfo {
    /// host, image, compose, dockerfile, k8s, watch
    pub command: String,
    /// The report's target kind and name.
    pub target_kind: String,
    pub target: String,
    /// The audited machine (engine name, else this machine's hostname).
    pub host: String,
    /// RFC 3339, UTC, milliseconds (sorts as text).
    pub started_at: String,
    pub version: String,
}

/// A stored run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub id: i64,
    #[serde(flatten)]
    pub info: RunInfo,
    /// None while the run goes on (a `watch`), or when it was cut short.
    pub finished_at: Option<String>,
    /// The report's summary (section scores, findings by severity), or a
    /// watch's counts.
    pub summary: serde_json::Value,
    pub findings: i64,
    pub subjects: i64,
}

/// One failing (or suppressed) instance of a check, as stored.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingRecord {
    /// Stable across runs: see `fingerprint`.
    pub fingerprint: String,
    pub check_id: String,
    /// Section slug of the check.
    pub section: String,
    pub subject_kind: String,
    pub subject: String,
    pub subject_id: Option<String>,
    pub role: String,
    pub severity: String,
    /// fail, or suppressed (accepted by an ignore entry).
    pub status: String,
    pub message: String,
    pub evidence_key: String,
}

/// A judged container or image: what was audited, and its verdicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectRecord {
    /// container or image
    pub kind: String,
    /// The full engine id.
    pub id: String,
    pub name: String,
    pub role: String,
    pub host: String,
    /// RFC 3339, UTC, milliseconds.
    pub audited_at: String,
    /// audited; gone (seen in an event, removed before it could be read:
    /// never a pass).
    pub state: String,
    /// Why it is gone (null when audited).
    pub reason: Option<String>,
    /// Check ids that failed for it, sorted.
    pub failing: Vec<String>,
    /// Check ids judged and passed, sorted.
    pub passing: Vec<String>,
    /// The engine event it was audited at (`watch`: a container's create
    /// or start, or `listed` when found at (re)connection; an image's
    /// pull, tag, load or import). Null for runs that judge each subject
    /// once. A run keeps one record per subject and event.
    #[serde(default)]
    pub event: Option<String>,
    /// Where its facts were read (`watch`): "inspect" (the engine's
    /// inspect), or "data-root" (a container's files in the engine's data
    /// root, read at its create event). Null for runs that do not say.
    #[serde(default)]
    pub source: Option<String>,
}

/// A stored subject with the run it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSubject {
    pub run_id: i64,
    #[serde(flatten)]
    pub subject: SubjectRecord,
}

/// `[history]` of dockaudit.toml: what recording keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    /// Keep at most this many runs (the newest).
    pub keep_runs: Option<u64>,
    /// Drop runs started more than this many days ago.
    pub keep_days: Option<u64>,
}

/// The history store: SQLite or PostgreSQL. Every write is one transaction.
pub trait HistoryStore: Send {
    /// The file, or the URL without its password (for messages).
    fn describe(&self) -> &str;
    /// Starts a run (finished_at unset); returns its id.
    fn begin_run(&mut self, run: &RunInfo) -> Result<i64>;
    /// Adds findings and subjects to a run, in one transaction. A finding
    /// or subject already stored for the run (same fingerprint, same
    /// subject) is replaced, except that a `gone` record never replaces an
    /// `audited` one (an event replayed after the container was removed).
    fn record(
        &mut self,
        run_id: i64,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
    ) -> Result<()>;
    /// Closes a run with its summary, then applies the retention (the run
    /// itself is never dropped by it). Returns the runs dropped.
    fn finish_run(
        &mut self,
        run_id: i64,
        finished_at: &str,
        summary: &serde_json::Value,
        retention: Retention,
    ) -> Result<u64>;
    /// A whole run in one transaction: begin, record, finish, retention.
    fn record_run(
        &mut self,
        run: &RunInfo,
        finished_at: &str,
        summary: &serde_json::Value,
        findings: &[FindingRecord],
        subjects: &[SubjectRecord],
        retention: Retention,
    ) -> Result<i64>;
    /// The newest runs first.
    fn runs(&mut self, limit: u64) -> Result<Vec<RunRecord>>;
    fn run(&mut self, id: i64) -> Result<Option<RunRecord>>;
    /// The run before `run` of the same command, target and host.
    fn previous_run(&mut self, run: &RunRecord) -> Result<Option<RunRecord>>;
    /// The newest run of the same command, target and host as `run`.
    fn latest_run_like(&mut self, run: &RunRecord) -> Result<Option<RunRecord>>;
    /// A run's findings, by fingerprint.
    fn findings(&mut self, run_id: i64) -> Result<Vec<FindingRecord>>;
    /// The newest subject records first (`kind` None: all kinds).
    fn subjects(&mut self, kind: Option<&str>, limit: u64) -> Result<Vec<StoredSubject>>;
    /// Every subject record of one run.
    fn run_subjects(&mut self, run_id: i64) -> Result<Vec<SubjectRecord>>;
    /// The stored schema version.
    fn schema_version(&mut self) -> Result<i64>;
    /// Marks a run that goes on (a `watch`) as alive at `at` (RFC 3339,
    /// as `now_text`).
    fn heartbeat(&mut self, run_id: i64, at: &str) -> Result<()>;
    /// The newest heartbeat of each host: (host, time), by host.
    fn heartbeats(&mut self) -> Result<Vec<(String, String)>>;
}

/// Opens (creating and migrating) the store `spec` names: a
/// `postgres://` or `postgresql://` URL, else a file path.
pub fn open(spec: &str) -> Result<Box<dyn HistoryStore>> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgStore::open(spec)?))
    } else {
        let path = spec.strip_prefix("sqlite://").unwrap_or(spec);
        Ok(Box::new(sqlite::SqliteStore::open(std::path::Path::new(
            path,
        ))?))
    }
}

/// A store URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let (scheme, rest) = url.split_at(scheme_end + 3);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (user, host) = authority.split_at(at);
            let user = user.split(':').next().unwrap_or(user);
            format!("{user}{host}")
        }
        None => authority.to_string(),
    };
    // Query parameters may carry a password too.
    let tail = match tail.split_once('?') {
        Some((path, _)) => path.to_string(),
        None => tail.to_string(),
    };
    format!("{scheme}{authority}{tail}")
}

/// Now, as stored: RFC 3339, UTC, milliseconds.
pub fn now_text() -> String {
    time_text(chrono::Utc::now())
}

pub fn time_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The role a subject is grouped by: the subject's own (compose service,
/// Kubernetes workload, image repository), else its kind and name.
pub fn role_of(subject: &Subject) -> String {
    if let Some(r) = &subject.role {
        return r.clone();
    }
    match subject.kind.as_str() {
        "image" => format!(
            "image:{}",
            crate::facts::engine::image_repository(&subject.name)
        ),
        "host" | "daemon" | "engine" | "swarm" => subject.kind.clone(),
        "package" => match &subject.within {
            Some(w) => format!("package:{w}"),
            None => "package".to_string(),
        },
        kind => format!("{kind}:{}", subject.name),
    }
}

/// What distinguishes a finding of a check on one subject from another of
/// the same check and subject: where the value came from (the API field or
/// the file, without the line, which moves), the advisory, the secret.
pub fn evidence_key(f: &Finding) -> String {
    let mut key = f.evidence.source.clone();
    if let Some(loc) = &f.evidence.location {
        key.push_str(" @");
        key.push_str(&loc.path);
    }
    if let Some(a) = &f.advisory {
        key.push_str(" advisory:");
        key.push_str(&a.id);
    }
    if let Some(s) = &f.secret {
        key.push_str(" secret:");
        key.push_str(&s.fingerprint);
    }
    key
}

/// The stable identity of a finding across runs: a hash of the check id,
/// the subject (kind, name, what holds it) and the evidence key. The
/// message (which carries observed values) and line numbers are left out.
pub fn fingerprint(check_id: &str, subject: &Subject, evidence_key: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        check_id,
        &subject.kind,
        &subject.name,
        subject.within.as_deref().unwrap_or(""),
        evidence_key,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    d[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of every finding of a report, in report order (each
/// check's findings, then its suppressed ones), unique within the run.
/// Findings that share one (every capability a container adds has the
/// same evidence source) are told apart by the value observed,
/// `~<hash>`, so that one of them going away is not read as another one
/// fixed; findings alike in that too get `~N` besides. A finding that gains
/// or loses such a sibling between runs changes fingerprint: `diff` still
/// pairs it by base fingerprint, check, subject and message.
pub fn unique_fingerprints(report: &Report) -> Vec<String> {
    use std::collections::HashMap;
    let rows: Vec<(String, &Finding)> = report
        .checks
        .iter()
        .flat_map(|c| {
            c.findings
                .iter()
                .chain(c.suppressed.iter().map(|s| &s.finding))
                .map(move |f| (fingerprint(&c.id, &f.subject, &evidence_key(f)), f))
        })
        .collect();
    let mut count = HashMap::<&str, u32>::new();
    for (fp, _) in &rows {
        *count.entry(fp.as_str()).or_insert(0) += 1;
    }
    let mut seen = HashMap::<String, u32>::new();
    rows.iter()
        .map(|(fp, f)| {
            let mut fp = fp.clone();
            if count[fp.as_str()] > 1 {
                // The value observed (a capability, a device, a mount), not
                // the message, whose wording and counts may change.
                let mut h = Sha256::new();
                h.update(f.evidence.observed.as_bytes());
                let d = h.finalize();
                let tail: String = d[..4].iter().map(|b| format!("{b:02x}")).collect();
                fp = format!("{fp}~{tail}");
            }
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                fp = format!("{fp}~{n}");
            }
            fp
        })
        .collect()
}

/// The finding records of a report: every finding and suppressed finding,
/// with the fingerprints of [`unique_fingerprints`].
pub fn findings_of(report: &Report) -> Vec<FindingRecord> {
    let mut out: Vec<FindingRecord> = Vec::new();
    let mut fps = unique_fingerprints(report).into_iter();
    for c in &report.checks {
        let rows = c
            .findings
            .iter()
            .map(|f| (f, "fail"))
            .chain(c.suppressed.iter().map(|s| (&s.finding, "suppressed")));
        for (f, status) in rows {
            let key = evidence_key(f);
            let fp = fps.next().unwrap_or_default();
            out.push(FindingRecord {
                fingerprint: fp,
                check_id: c.id.clone(),
                section: c.section.clone(),
                subject_kind: f.subject.kind.clone(),
                subject: f.subject.name.clone(),
                subject_id: f.subject.id.clone(),
                role: role_of(&f.subject),
                severity: f.severity.unwrap_or(c.severity).as_str().to_string(),
                status: status.to_string(),
                message: f.message.clone(),
                evidence_key: key,
            });
        }
    }
    out
}

/// The verdicts of one container (or image) in a report: for each check
/// of `scope` that judged (pass or fail), failing when a finding names the
/// subject, passing unless the check says it did not judge the subject.
pub fn verdicts(
    report: &Report,
    scope: Scope,
    kind: &str,
    name: &str,
) -> (Vec<String>, Vec<String>) {
    let mut failing = Vec::new();
    let mut passing = Vec::new();
    for c in &report.checks {
        let Some(check) = crate::checks::find(&c.id) else {
            continue;
        };
        if check.scope != scope || !matches!(c.status, Status::Pass | Status::Fail) {
            continue;
        }
        let fails = c
            .findings
            .iter()
            .any(|f| f.subject.kind == kind && f.subject.name == name);
        // A check that judged others but not this one (its facts for this
        // subject could not be read) neither passes nor fails it.
        let unjudged = c.observations.iter().any(|o| {
            o.subject.kind == kind && o.subject.name == name && o.not_judged_reason().is_some()
        });
        if fails {
            failing.push(c.id.clone());
        } else if !unjudged {
            passing.push(c.id.clone());
        }
    }
    failing.sort();
    failing.dedup();
    passing.sort();
    passing.dedup();
    (failing, passing)
}

/// The subject records of a report over facts: every engine container the
/// facts hold, with its verdicts from the container checks.
pub fn subjects_of(
    report: &Report,
    facts: &crate::facts::Facts,
    host: &str,
    audited_at: &str,
) -> Vec<SubjectRecord> {
    facts
        .containers()
        .iter()
        .map(|c| {
            let (failing, passing) =
                verdicts(report, Scope::Container, "container", c.display_name());
            SubjectRecord {
                kind: "container".to_string(),
                id: c.id.clone(),
                name: c.display_name().to_string(),
                role: c.role(),
                host: host.to_string(),
                audited_at: audited_at.to_string(),
                state: "audited".to_string(),
                reason: None,
                failing,
                passing,
                event: None,
                source: None,
            }
        })
        .collect()
}

/// The summary stored with a run: the report's (section scores, findings
/// by severity).
pub fn summary_of(report: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(&report.summary).unwrap_or(serde_json::Value::Null);
    // The checks the run ran: a later diff must not call the findings of
    // a check this run did not run (left out by --select) fixed.
    if let Some(m) = v.as_object_mut() {
        let ran: Vec<&str> = report.checks.iter().map(|c| c.id.as_str()).collect();
        m.insert(RAN.into(), serde_json::json!(ran));
    }
    v
}

/// The key of a stored summary that lists the checks the run ran (absent
/// in runs recorded before it was kept).
pub const RAN: &str = "checks_run";

/// The start time before which `keep_days` drops runs.
pub(crate) fn cutoff(retention: Retention) -> Option<String> {
    retention
        .keep_days
        .map(|d| time_text(chrono::Utc::now() - chrono::Duration::days(d.min(1_000_000) as i64)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Evidence;

    #[test]
    fn fingerprints_ignore_messages_and_lines() {
        let s = Subject::new("container", "web");
        let mut f = Finding::new(s.clone(), "memory 0", Evidence::new("a", "0", "set"));
        let k1 = evidence_key(&f);
        f.message = "memory unlimited".into();
        f.evidence.location = Some(crate::checks::Location {
            path: "compose.yaml".into(),
            line: Some(3),
            column: None,
            end_line: None,
            end_column: None,
        });
        let k2 = evidence_key(&f);
        f.evidence.location.as_mut().unwrap().line = Some(9);
        assert_eq!(k2, evidence_key(&f));
        assert_ne!(k1, k2);
        let a = fingerprint("RES-001", &s, &k1);
        assert_eq!(a.len(), 32);
        assert_eq!(a, fingerprint("RES-001", &s, &k1));
        assert_ne!(a, fingerprint("RES-002", &s, &k1));
        assert_ne!(
            a,
            fingerprint("RES-001", &Subject::new("container", "db"), &k1)
        );
        assert_ne!(
            a,
            fingerprint("RES-001", &Subject::new("image", "web"), &k1)
        );
    }

    #[test]
    fn findings_sharing_a_source_keep_their_fingerprints_when_one_goes() {
        use crate::checks::container::cap_add;
        use crate::checks::Outcome;
        use crate::report::{fixed_report, CheckResult};
        let cap = |name: &str| {
            Finding::new(
                Subject::new("container", "web"),
                format!("adds capability {name}"),
                Evidence::new("engine: HostConfig.CapAdd", name, "no added capability"),
            )
        };
        let run = |caps: &[&str]| {
            let r = CheckResult::from_outcome(
                &cap_add::CHECK,
                Outcome::fail(caps.iter().map(|c| cap(c)).collect()),
            );
            findings_of(&fixed_report("host", "x", vec![r]))
        };
        let fp_of = |rows: &[FindingRecord], cap: &str| {
            rows.iter()
                .find(|r| r.message == format!("adds capability {cap}"))
                .map(|r| r.fingerprint.clone())
                .unwrap()
        };
        let a = run(&["NET_ADMIN", "SYS_ADMIN", "CHOWN"]);
        let b = run(&["SYS_ADMIN", "CHOWN"]);
        assert_eq!(a.len(), 3);
        assert_ne!(fp_of(&a, "NET_ADMIN"), fp_of(&a, "SYS_ADMIN"));
        // NET_ADMIN went: the others keep their fingerprints, so only
        // NET_ADMIN reads as fixed (by position, SYS_ADMIN took its place).
        for cap in ["SYS_ADMIN", "CHOWN"] {
            assert_eq!(fp_of(&a, cap), fp_of(&b, cap), "{cap}");
        }
        let gone: Vec<&str> = a
            .iter()
            .filter(|r| !b.iter().any(|x| x.fingerprint == r.fingerprint))
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(gone, ["adds capability NET_ADMIN"]);
    }

    #[test]
    fn a_subject_a_check_did_not_judge_is_not_among_its_passes() {
        use crate::checks::container::{cap_add, privileged};
        use crate::checks::{Observation, Outcome};
        use crate::report::{fixed_report, CheckResult};
        let web = Subject::new("container", "web");
        let judged = CheckResult::from_outcome(&privileged::CHECK, Outcome::fail(vec![]));
        let mut skipped_web = CheckResult::from_outcome(&cap_add::CHECK, Outcome::fail(vec![]));
        skipped_web.observations.push(Observation::not_judged(
            web.clone(),
            "inspect failed",
            String::new(),
        ));
        let rep = fixed_report("host", "x", vec![judged, skipped_web]);
        let (failing, passing) =
            verdicts(&rep, crate::checks::Scope::Container, "container", "web");
        assert!(failing.is_empty());
        assert_eq!(passing, [privileged::CHECK.id]);
    }

    #[test]
    fn roles_fall_back_to_kind_and_name() {
        let mut s = Subject::new("image", "ghcr.io/org/app:1.2");
        assert_eq!(role_of(&s), "image:ghcr.io/org/app");
        s.role = Some("compose:shop/web".into());
        assert_eq!(role_of(&s), "compose:shop/web");
        assert_eq!(role_of(&Subject::daemon()), "daemon");
        assert_eq!(
            role_of(&Subject::new("dockerfile", "svc/Dockerfile")),
            "dockerfile:svc/Dockerfile"
        );
    }

    #[test]
    fn container_roles() {
        let role = |labels: serde_json::Value| {
            let c: crate::facts::engine::Container = serde_json::from_value(serde_json::json!({
                "Id": "abc", "Name": "/x",
                "Config": {"Image": "registry:5000/team/app:1.2@sha256:00", "Labels": labels}
            }))
            .unwrap();
            c.role()
        };
        assert_eq!(role(serde_json::json!({})), "image:registry:5000/team/app");
        assert_eq!(
            role(serde_json::json!({"com.docker.compose.project": "shop",
                "com.docker.compose.service": "web"})),
            "compose:shop/web"
        );
        assert_eq!(
            role(serde_json::json!({"io.kubernetes.pod.namespace": "prod",
                "io.kubernetes.pod.name": "api-7d9f-x2", "app.kubernetes.io/name": "api"})),
            "k8s:prod/api"
        );
        assert_eq!(
            role(serde_json::json!({"io.kubernetes.pod.namespace": "prod",
                "io.kubernetes.pod.name": "api-7d9f-x2"})),
            "k8s:prod/api-7d9f-x2"
        );
    }

    #[test]
    fn urls_lose_passwords() {
        assert_eq!(
            redact_url("postgres://audit:s3cret@db:5432/fleet?password=x"),
            "postgres://audit@db:5432/fleet"
        );
        assert_eq!(redact_url("postgres://db/fleet"), "postgres://db/fleet");
    }
}
