//! The history store, the same tests against SQLite and PostgreSQL:
//! migrations, round trips, retention, two writers at once, and the
//! 10,000-finding write bound.

#[path = "common/stores.rs"]
mod stores;

use std::time::{Duration, Instant};

use dockaudit::store::{
    self, FindingRecord, HistoryStore, Retention, RunInfo, SubjectRecord, SCHEMA_VERSION,
};

fn info(target: &str, started_at: &str) -> RunInfo {
    RunInfo {
        command: "host".into(),
        target_kind: "host".into(),
        target: target.into(),
        host: "h1".into(),
        started_at: started_at.into(),
        version: "0.1.0".into(),
    }
}

/// A `watch` run of `host` on unix:///x.
fn watch_info(host: &str, started_at: &str) -> RunInfo {
    RunInfo {
        command: "watch".into(),
        host: host.into(),
        ..info("unix:///x", started_at)
    }
}

fn finding(i: usize, role: &str) -> FindingRecord {
    FindingRecord {
        fingerprint: format!("{i:032x}"),
        check_id: format!("RES-{:03}", i % 40),
        section: "resources".into(),
        subject_kind: "container".into(),
        subject: format!("c{i}"),
        subject_id: i.is_multiple_of(2).then(|| format!("{i:012x}")),
        role: role.into(),
        severity: "high".into(),
        status: "fail".into(),
        message: format!("container c{i} has no memory limit"),
        evidence_key: "engine: container inspect HostConfig.Memory".into(),
    }
}

fn subject(id: &str, failing: &[&str]) -> SubjectRecord {
    SubjectRecord {
        kind: "container".into(),
        id: id.into(),
        name: format!("n-{id}"),
        role: "image:busybox".into(),
        host: "h1".into(),
        audited_at: store::now_text(),
        state: "audited".into(),
        reason: None,
        failing: failing.iter().map(|s| s.to_string()).collect(),
        passing: vec!["RES-009".into()],
        event: None,
        source: None,
    }
}

fn open(s: &stores::TestStore) -> Box<dyn HistoryStore> {
    store::open(&s.spec).unwrap_or_else(|e| panic!("{}: {e}", s.backend))
}

#[test]
fn migrations_are_versioned_and_idempotent() {
    for s in stores::all() {
        let mut a = open(&s);
        assert_eq!(a.schema_version().unwrap(), SCHEMA_VERSION, "{}", s.backend);
        drop(a);
        // Opening again applies nothing twice.
        let mut b = open(&s);
        assert_eq!(b.schema_version().unwrap(), SCHEMA_VERSION, "{}", s.backend);
        assert!(b.runs(10).unwrap().is_empty());
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let s = stores::sqlite();
    drop(open(&s));
    let c = rusqlite::Connection::open(&s.spec).unwrap();
    c.execute("INSERT INTO schema_version (version) VALUES (99)", [])
        .unwrap();
    drop(c);
    let err = store::open(&s.spec)
        .err()
        .expect("a newer schema must be refused");
    assert!(
        err.to_string().contains("schema version 99 is newer"),
        "{err}"
    );
}

#[test]
fn runs_findings_and_subjects_round_trip() {
    for s in stores::all() {
        let b = s.backend;
        let mut st = open(&s);
        let fs: Vec<_> = (0..5).map(|i| finding(i, "image:busybox")).collect();
        let summary = serde_json::json!({"total": {"pass": 3, "fail": 2}});
        let id1 = st
            .record_run(
                &info("local", "2026-01-01T00:00:00.000Z"),
                "2026-01-01T00:00:01.000Z",
                &summary,
                &fs,
                &[subject("aaa", &["RES-001"])],
                Retention::default(),
            )
            .unwrap();
        let id2 = st
            .record_run(
                &info("local", "2026-01-02T00:00:00.000Z"),
                "2026-01-02T00:00:01.000Z",
                &summary,
                &fs[..3],
                &[],
                Retention::default(),
            )
            .unwrap();
        let other = st
            .record_run(
                &info("elsewhere", "2026-01-03T00:00:00.000Z"),
                "2026-01-03T00:00:01.000Z",
                &summary,
                &[],
                &[],
                Retention::default(),
            )
            .unwrap();
        assert!(id1 < id2 && id2 < other, "{b}");
        let runs = st.runs(10).unwrap();
        assert_eq!(
            runs.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![other, id2, id1],
            "{b}"
        );
        assert_eq!(runs[2].findings, 5, "{b}");
        assert_eq!(runs[2].subjects, 1, "{b}");
        assert_eq!(runs[2].summary, summary, "{b}");
        assert_eq!(
            runs[2].finished_at.as_deref(),
            Some("2026-01-01T00:00:01.000Z")
        );
        let r2 = st.run(id2).unwrap().unwrap();
        assert_eq!(
            st.previous_run(&r2).unwrap().map(|r| r.id),
            Some(id1),
            "{b}"
        );
        let r1 = st.run(id1).unwrap().unwrap();
        assert_eq!(st.previous_run(&r1).unwrap(), None, "{b}");
        assert_eq!(st.latest_run_like(&r1).unwrap().map(|r| r.id), Some(id2));
        let mut back = st.findings(id1).unwrap();
        back.sort();
        let mut want = fs.clone();
        want.sort();
        assert_eq!(back, want, "{b}");
        let subs = st.subjects(Some("container"), 10).unwrap();
        assert_eq!(subs.len(), 1, "{b}");
        assert_eq!(subs[0].run_id, id1);
        assert_eq!(subs[0].subject.failing, vec!["RES-001"]);
        assert_eq!(subs[0].subject.passing, vec!["RES-009"]);
        assert!(st.subjects(Some("image"), 10).unwrap().is_empty());
        assert!(st.run(9999).unwrap().is_none());
    }
}

#[test]
fn a_watch_run_grows_and_replaces_by_key() {
    for s in stores::all() {
        let b = s.backend;
        let mut st = open(&s);
        let id = st.begin_run(&watch_info("h1", &store::now_text())).unwrap();
        assert_eq!(st.run(id).unwrap().unwrap().finished_at, None, "{b}");
        st.record(id, &[finding(1, "r")], &[subject("c1", &["RES-001"])])
            .unwrap();
        // The same subject and fingerprint again (a second batch): replaced.
        let mut again = finding(1, "r");
        again.message = "changed".into();
        let c1 = subject("c1", &["Y"]);
        // Twice in one batch too: the last wins.
        st.record(
            id,
            &[finding(1, "r"), again.clone()],
            &[subject("c1", &["X"]), c1.clone()],
        )
        .unwrap();
        let fs = st.findings(id).unwrap();
        assert_eq!(fs, vec![again], "{b}");
        assert_eq!(st.run_subjects(id).unwrap(), vec![c1.clone()], "{b}");
        // Audited, then a replayed event finds it gone: the audit stays,
        // in a later batch and within one batch alike; a container only
        // ever seen gone is recorded gone.
        let gone = |id: &str| {
            let mut g = subject(id, &[]);
            g.state = "gone".into();
            g.reason = Some("removed before it could be read".into());
            g
        };
        st.record(id, &[], &[gone("c1")]).unwrap();
        let (c2, c3) = (subject("c2", &["RES-001"]), gone("c3"));
        st.record(id, &[], &[c2.clone(), gone("c2"), c3.clone()])
            .unwrap();
        let subs = st.run_subjects(id).unwrap();
        assert_eq!(subs, vec![c1, c2, c3], "{b}");
        st.finish_run(
            id,
            &store::now_text(),
            &serde_json::json!({"audited": 1}),
            Retention::default(),
        )
        .unwrap();
        let r = st.run(id).unwrap().unwrap();
        assert!(r.finished_at.is_some(), "{b}");
        assert_eq!(r.summary["audited"], 1, "{b}");
    }
}

#[test]
fn a_watch_keeps_one_record_per_subject_and_event() {
    for s in stores::all() {
        let b = s.backend;
        let mut st = open(&s);
        let id = st.begin_run(&watch_info("h1", &store::now_text())).unwrap();
        let at = |id: &str, event: &str, failing: &[&str]| SubjectRecord {
            event: Some(event.into()),
            source: Some("inspect".into()),
            ..subject(id, failing)
        };
        // Where each record's facts were read is kept with it.
        let created = SubjectRecord {
            source: Some("data-root".into()),
            ..at("c1", "create", &["RES-001"])
        };
        let mut started = at("c1", "start", &["RES-001", "RUN-002"]);
        st.record(id, &[], std::slice::from_ref(&created)).unwrap();
        st.record(id, &[], std::slice::from_ref(&started)).unwrap();
        // A restart: the newer start audit replaces the older one; a gone
        // record at create never replaces the create audit.
        started.failing = vec!["RUN-002".into()];
        let mut gone = at("c1", "create", &[]);
        gone.state = "gone".into();
        st.record(id, &[], &[started.clone(), gone]).unwrap();
        assert_eq!(
            st.run_subjects(id).unwrap(),
            vec![created.clone(), started.clone()],
            "{b}"
        );
        let newest = st.subjects(Some("container"), 10).unwrap();
        assert_eq!(newest.len(), 2, "{b}");
        assert!(
            newest.iter().all(|r| r.subject.event.is_some()),
            "{b}: {newest:?}"
        );
        // A run that judges each subject once stores no event.
        let one = st
            .record_run(
                &info("unix:///y", &store::now_text()),
                &store::now_text(),
                &serde_json::json!({}),
                &[],
                &[subject("c9", &[])],
                Retention::default(),
            )
            .unwrap();
        let once = &st.run_subjects(one).unwrap()[0];
        assert_eq!((&once.event, &once.source), (&None, &None), "{b}");
    }
}

#[test]
fn heartbeats_are_the_newest_per_host() {
    for s in stores::all() {
        let b = s.backend;
        let mut st = open(&s);
        assert!(st.heartbeats().unwrap().is_empty(), "{b}");
        let watch = |host: &str| watch_info(host, "2026-01-01T00:00:00.000Z");
        let a1 = st.begin_run(&watch("a")).unwrap();
        let a2 = st.begin_run(&watch("a")).unwrap();
        let b1 = st.begin_run(&watch("b")).unwrap();
        st.begin_run(&watch("never")).unwrap();
        st.heartbeat(a1, "2026-01-02T00:00:00.000Z").unwrap();
        st.heartbeat(a2, "2026-01-03T00:00:00.000Z").unwrap();
        st.heartbeat(a1, "2026-01-02T12:00:00.000Z").unwrap();
        st.heartbeat(b1, "2026-01-01T00:00:05.000Z").unwrap();
        assert_eq!(
            st.heartbeats().unwrap(),
            vec![
                ("a".to_string(), "2026-01-03T00:00:00.000Z".to_string()),
                ("b".to_string(), "2026-01-01T00:00:05.000Z".to_string()),
            ],
            "{b}"
        );
    }
}

/// Schema 1 as it shipped (the subjects table keyed without the event),
/// with a run and a subject; `{ID}` is the backend's key column.
const SCHEMA_1_SUBJECTS: &str = "CREATE TABLE schema_version (version BIGINT NOT NULL);
    INSERT INTO schema_version (version) VALUES (1);
    CREATE TABLE runs (id {ID}, command TEXT NOT NULL,
        target_kind TEXT NOT NULL, target TEXT NOT NULL, host TEXT NOT NULL,
        started_at TEXT NOT NULL, finished_at TEXT, version TEXT NOT NULL,
        summary TEXT NOT NULL);
    CREATE TABLE findings (run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL, check_id TEXT NOT NULL, section TEXT NOT NULL,
        subject_kind TEXT NOT NULL, subject TEXT NOT NULL, subject_id TEXT,
        role TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL,
        message TEXT NOT NULL, evidence_key TEXT NOT NULL, PRIMARY KEY (run_id, fingerprint));
    CREATE TABLE subjects (run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
        host TEXT NOT NULL, audited_at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT,
        failing TEXT NOT NULL, passing TEXT NOT NULL, PRIMARY KEY (run_id, kind, id));
    CREATE INDEX subjects_by_time ON subjects (audited_at);
    CREATE INDEX subjects_by_host ON subjects (host, audited_at);
    INSERT INTO runs (command, target_kind, target, host, started_at, finished_at, version,
        summary) VALUES ('watch', 'engine', 'unix:///x', 'h1', '2026-01-01T00:00:00.000Z',
        NULL, '0.1.0', '{}');
    INSERT INTO subjects VALUES (1, 'container', 'c1', 'web', 'image:web', 'h1',
        '2026-01-01T00:00:01.000Z', 'audited', NULL, '[\"RES-001\"]', '[]');";

#[test]
fn a_schema_1_store_is_migrated_with_its_subjects() {
    for s in stores::all() {
        let b = s.backend;
        if b == "sqlite" {
            rusqlite::Connection::open(&s.spec)
                .unwrap()
                .execute_batch(
                    &SCHEMA_1_SUBJECTS.replace("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
                )
                .unwrap();
        } else {
            postgres::Client::connect(&s.spec, postgres::NoTls)
                .unwrap()
                .batch_execute(&SCHEMA_1_SUBJECTS.replace(
                    "{ID}",
                    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                ))
                .unwrap();
        }
        migrated_schema_1(&s);
    }
}

fn migrated_schema_1(s: &stores::TestStore) {
    let mut st = open(s);
    assert_eq!(
        st.schema_version().unwrap(),
        SCHEMA_VERSION,
        "{}",
        s.backend
    );
    let subs = st.run_subjects(1).unwrap();
    assert_eq!(subs.len(), 1, "{}", s.backend);
    assert_eq!(
        (subs[0].id.as_str(), subs[0].event.as_deref()),
        ("c1", None)
    );
    assert_eq!(subs[0].failing, vec!["RES-001"]);
    // The migrated table takes a second record of the subject at another
    // event, and heartbeats.
    let start = SubjectRecord {
        event: Some("start".into()),
        ..subs[0].clone()
    };
    st.record(1, &[], &[start]).unwrap();
    assert_eq!(st.run_subjects(1).unwrap().len(), 2);
    st.heartbeat(1, "2026-01-01T00:01:00.000Z").unwrap();
    assert_eq!(st.heartbeats().unwrap().len(), 1, "{}", s.backend);
    // New runs carry on after the migrated one.
    let next = st.begin_run(&watch_info("h1", &store::now_text())).unwrap();
    assert_eq!(next, 2, "{}", s.backend);
}

#[test]
fn retention_keeps_the_newest_runs_and_drops_old_ones() {
    for s in stores::all() {
        let b = s.backend;
        let mut st = open(&s);
        let old = "2000-01-01T00:00:00.000Z";
        let mut ids = Vec::new();
        for i in 0..4 {
            let started = if i == 0 {
                old.to_string()
            } else {
                store::now_text()
            };
            ids.push(
                st.record_run(
                    &info("local", &started),
                    &store::now_text(),
                    &serde_json::json!({}),
                    &[finding(i, "r")],
                    &[subject(&format!("s{i}"), &[])],
                    Retention::default(),
                )
                .unwrap(),
            );
        }
        // keep_days drops the run of 2000 (and its rows), nothing else.
        let id = st
            .record_run(
                &info("local", &store::now_text()),
                &store::now_text(),
                &serde_json::json!({}),
                &[],
                &[],
                Retention {
                    keep_runs: None,
                    keep_days: Some(30),
                },
            )
            .unwrap();
        let left: Vec<i64> = st.runs(100).unwrap().iter().map(|r| r.id).collect();
        assert_eq!(left, vec![id, ids[3], ids[2], ids[1]], "{b}");
        assert!(st.findings(ids[0]).unwrap().is_empty(), "{b}");
        assert!(st.run_subjects(ids[0]).unwrap().is_empty(), "{b}");
        // keep_runs = 2 keeps the one being recorded and the one before.
        let last = st
            .record_run(
                &info("local", &store::now_text()),
                &store::now_text(),
                &serde_json::json!({}),
                &[],
                &[],
                Retention {
                    keep_runs: Some(2),
                    keep_days: None,
                },
            )
            .unwrap();
        let left: Vec<i64> = st.runs(100).unwrap().iter().map(|r| r.id).collect();
        assert_eq!(left, vec![last, id], "{b}");
        assert!(st.findings(ids[3]).unwrap().is_empty(), "{b}");
    }
}

#[test]
fn two_writers_at_once_lose_nothing() {
    for s in stores::all() {
        let b = s.backend;
        // Both open a store that does not exist yet: the migrations run
        // once, the other writer waits for them.
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let spec = s.spec.clone();
                std::thread::spawn(move || {
                    // Each writer its own connection, as two processes.
                    let mut st = store::open(&spec).unwrap();
                    for r in 0..25 {
                        let fs: Vec<_> = (0..200).map(|i| finding(i, "r")).collect();
                        let subs: Vec<_> = (0..5)
                            .map(|i| subject(&format!("{w}-{r}-{i}"), &[]))
                            .collect();
                        st.record_run(
                            &info(&format!("writer{w}"), &store::now_text()),
                            &store::now_text(),
                            &serde_json::json!({}),
                            &fs,
                            &subs,
                            Retention::default(),
                        )
                        .unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let mut st = open(&s);
        let runs = st.runs(1000).unwrap();
        assert_eq!(runs.len(), 50, "{b}");
        assert!(
            runs.iter().all(|r| r.findings == 200 && r.subjects == 5),
            "{b}"
        );
        if b == "sqlite" {
            let c = rusqlite::Connection::open(&s.spec).unwrap();
            let ok: String = c
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(ok, "ok");
            let mode: String = c
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
    }
}

#[test]
fn ten_thousand_findings_are_written_within_the_bound() {
    // The target is 1 s (release build; `cargo run --release --example
    // history_bench` prints the figures); a debug build is allowed more.
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(5)
    } else {
        Duration::from_secs(1)
    };
    for s in stores::all() {
        let mut st = open(&s);
        let fs: Vec<_> = (0..10_000).map(|i| finding(i, "image:busybox")).collect();
        let t = Instant::now();
        let id = st
            .record_run(
                &info("bench", &store::now_text()),
                &store::now_text(),
                &serde_json::json!({}),
                &fs,
                &[],
                Retention::default(),
            )
            .unwrap();
        let took = t.elapsed();
        println!("{}: 10,000 findings written in {took:?}", s.backend);
        assert!(took < bound, "{}: {took:?}", s.backend);
        assert_eq!(st.run(id).unwrap().unwrap().findings, 10_000);
    }
}
