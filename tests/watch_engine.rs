//! `dockaudit watch` against the private engine: a burst of short-lived
//! containers (each created, started and exited within a second) while it
//! runs, every one of them in the history with its verdicts; the history
//! written to SQLite and to PostgreSQL; a clean stop on SIGTERM.
//!
//! Runs when DOCKAUDIT_E2E_DOCKER_HOST names the engine (scripts/test.sh
//! sets it); the containers are named `watchburst-PID-...` and removed.

#[path = "common/engine.rs"]
mod engine;
#[path = "common/stores.rs"]
mod stores;
#[path = "common/watch.rs"]
mod watch;

use std::collections::HashMap;

use dockaudit::store;

#[test]
fn a_burst_of_short_lived_containers_is_audited_in_full() {
    let Some(host) = engine::host() else {
        println!("note: watch burst skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    let mut backends = vec![(stores::sqlite(), 500usize)];
    if let Some(pg) = stores::postgres() {
        backends.push((pg, 150));
    }
    for (s, n) in backends {
        let b = s.backend;
        let w = watch::Watch::start(&host, &s.spec, &[]);
        let prefix = format!("watchburst-{}-{b}", std::process::id());
        let t = std::time::Instant::now();
        let created = watch::burst(&host, &prefix, n, 6);
        let burst_secs = t.elapsed().as_secs_f64();
        w.wait_for_lines(created.len(), std::time::Duration::from_secs(120));
        let (code, stderr, lines) = w.stop();
        // Removed before any assertion: a failed run leaves nothing behind.
        watch::remove(&host, &created);
        assert_eq!(created.len(), n, "{b}: every container was made");
        assert_eq!(code, Some(0), "{b}: {stderr}");
        println!(
            "{b}: {n} containers in {burst_secs:.1} s; watch said: {}",
            stderr.lines().last().unwrap_or("")
        );
        // Every container of the burst, audited (not gone), with verdicts.
        let by_id: HashMap<String, serde_json::Value> = lines
            .iter()
            .filter(|l| l["kind"] == "container")
            .map(|l| (l["id"].as_str().unwrap().to_string(), l.clone()))
            .collect();
        let mut st = store::open(&s.spec).unwrap();
        let run = st
            .runs(10)
            .unwrap()
            .into_iter()
            .find(|r| r.info.command == "watch")
            .expect("the watch run");
        assert!(run.finished_at.is_some(), "{b}: closed on SIGTERM");
        let stored: HashMap<String, store::SubjectRecord> = st
            .run_subjects(run.id)
            .unwrap()
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let mut missing = Vec::new();
        for id in &created {
            let Some(rec) = stored.get(id) else {
                missing.push(id.clone());
                continue;
            };
            assert_eq!(rec.state, "audited", "{b}: {rec:?}");
            assert!(rec.name.starts_with(&prefix), "{b}: {rec:?}");
            assert_eq!(rec.role, "image:dockaudit-test/busybox", "{b}");
            // No memory limit, no pids limit, root user: failing verdicts,
            // and judged checks that passed (not privileged).
            assert!(rec.failing.iter().any(|c| c == "USER-100"), "{b}: {rec:?}");
            assert!(rec.passing.iter().any(|c| c == "RES-001"), "{b}: {rec:?}");
            let line = by_id.get(id).expect("a --jsonl line per container");
            assert_eq!(line["failing"], serde_json::json!(rec.failing), "{b}");
            assert!(line["latency_ms"].as_f64().is_some(), "{b}: {line}");
        }
        assert!(
            missing.is_empty(),
            "{b}: {} of {n} containers not in the history: {missing:?}",
            missing.len()
        );
        // Their findings are stored, keyed by fingerprint, with the role.
        let findings = st.findings(run.id).unwrap();
        assert!(
            findings
                .iter()
                .filter(|f| f.check_id == "USER-100" && f.subject.starts_with(&prefix))
                .count()
                >= n,
            "{b}"
        );
        assert!(findings.iter().all(|f| !f.role.is_empty()), "{b}");
    }
}
