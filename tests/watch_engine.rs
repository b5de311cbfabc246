//! `dockaudit watch` against the private engine: a burst of short-lived
//! containers (each created, started and exited within a second) while it
//! runs, every one of them in the history with its verdicts, audited at
//! its create and again at its start; images audited at their tag, import
//! and load events; heartbeats keeping a quiet watch's host fresh in
//! `fleet`; the history written to SQLite and to PostgreSQL; a clean stop
//! on SIGTERM.
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
        // An audit at the create and one at the start of each (the images
        // audited when the watch starts are not counted).
        let ids: std::collections::HashSet<&str> = created.iter().map(String::as_str).collect();
        w.wait_for_lines_where(
            2 * created.len(),
            std::time::Duration::from_secs(120),
            |l| l["kind"] == "container" && l["id"].as_str().is_some_and(|i| ids.contains(i)),
        );
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
            .filter(|l| l["kind"] == "container" && l["event"] == "create")
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
        let stored: HashMap<(String, String), store::SubjectRecord> = st
            .run_subjects(run.id)
            .unwrap()
            .into_iter()
            .map(|s| ((s.id.clone(), s.event.clone().unwrap_or_default()), s))
            .collect();
        let mut missing = Vec::new();
        let mut no_start = Vec::new();
        for id in &created {
            match stored.get(&(id.clone(), "start".to_string())) {
                Some(rec) => {
                    assert_eq!(rec.state, "audited", "{b}: {rec:?}");
                    assert!(rec.failing.iter().any(|c| c == "USER-100"), "{b}: {rec:?}");
                }
                None => no_start.push(id.clone()),
            }
            let Some(rec) = stored.get(&(id.clone(), "create".to_string())) else {
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
        assert!(
            no_start.is_empty(),
            "{b}: {} of {n} containers not audited at their start: {no_start:?}",
            no_start.len()
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

#[test]
fn images_are_audited_at_tag_import_and_load() {
    let Some(host) = engine::host() else {
        println!("note: watch images skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    let s = stores::sqlite();
    let pid = std::process::id();
    let tmp = tempfile::tempdir().unwrap();
    let (tagged, imported, loaded) = (
        format!("watchimg-{pid}/tagged:1"),
        format!("watchimg-{pid}/imported:1"),
        format!("watchimg-{pid}/loaded:1"),
    );
    let w = watch::Watch::start(&host, &s.spec, &[]);
    // tag: a new name for the test image.
    engine::docker_ok(&host, &["tag", "dockaudit-test/busybox:1", &tagged]);
    // import: a root filesystem of one file.
    let rootfs = |file: &str| {
        let path = tmp.path().join(format!("{file}.tar"));
        let mut b = tar::Builder::new(std::fs::File::create(&path).unwrap());
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, file, &b"hi\n"[..]).unwrap();
        b.finish().unwrap();
        path
    };
    let root = rootfs("imported.txt");
    engine::docker_ok(
        &host,
        &[
            "import",
            "--change",
            "USER 1000",
            root.to_str().unwrap(),
            &imported,
        ],
    );
    // load: another image (its only name `loaded`), saved, removed, loaded
    // (the load event names it by id).
    let other = rootfs("loaded.txt");
    engine::docker_ok(
        &host,
        &[
            "import",
            "--change",
            "USER 1000",
            other.to_str().unwrap(),
            &loaded,
        ],
    );
    let saved = tmp.path().join("saved.tar");
    engine::docker_ok(&host, &["save", "-o", saved.to_str().unwrap(), &loaded]);
    engine::docker_ok(&host, &["rmi", &loaded]);
    engine::docker_ok(&host, &["load", "-i", saved.to_str().unwrap()]);
    let seen = |event: &str, name: &str| {
        w.lines()
            .iter()
            .any(|l| l["kind"] == "image" && l["event"] == event && l["name"] == name)
    };
    let t = std::time::Instant::now();
    while t.elapsed() < std::time::Duration::from_secs(60)
        && !(seen("tag", &tagged) && seen("import", &imported) && seen("load", &loaded))
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (code, stderr, lines) = w.stop();
    for name in [&tagged, &imported, &loaded] {
        let _ = engine::docker(&host, &["rmi", name]);
    }
    assert_eq!(code, Some(0), "{stderr}");
    let images: Vec<&serde_json::Value> = lines.iter().filter(|l| l["kind"] == "image").collect();
    for (event, name) in [("tag", &tagged), ("import", &imported), ("load", &loaded)] {
        let l = images
            .iter()
            .find(|l| l["event"] == event && l["name"] == name.as_str())
            .unwrap_or_else(|| panic!("no audit of {name} at its {event}: {images:?}\n{stderr}"));
        assert_eq!(l["state"], "audited", "{l}");
        assert!(
            !l["passing"].as_array().unwrap().is_empty()
                || !l["failing"].as_array().unwrap().is_empty(),
            "{event}: image checks judged it: {l}"
        );
    }
    // The imported image runs as 1000: its user check passes; the busybox
    // image (root) fails it.
    let verdict = |name: &str, check: &str| {
        let l = images.iter().find(|l| l["name"] == name).unwrap();
        (
            l["failing"].as_array().unwrap().iter().any(|c| c == check),
            l["passing"].as_array().unwrap().iter().any(|c| c == check),
        )
    };
    let mut st = store::open(&s.spec).unwrap();
    let run = st.runs(1).unwrap().remove(0);
    let stored = st.run_subjects(run.id).unwrap();
    for (event, name) in [("tag", &tagged), ("import", &imported), ("load", &loaded)] {
        assert!(
            stored
                .iter()
                .any(|r| r.kind == "image" && r.event.as_deref() == Some(event) && &r.name == name),
            "{event} {name}: not in the history"
        );
    }
    // The imported and loaded images run as 1000; the busybox image
    // (tagged) runs as root.
    assert_eq!(verdict(&imported, "IMG-001"), (false, true));
    assert_eq!(verdict(&loaded, "IMG-001"), (false, true));
    assert_eq!(verdict(&tagged, "IMG-001"), (true, false));
}

#[test]
fn a_quiet_watch_beats_and_stays_fresh_in_the_fleet() {
    if engine::host().is_none() {
        println!("note: watch heartbeat skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    }
    // An engine of this test, which nothing else uses: no event at all.
    let e = engine::OwnEngine::new(&format!("/tmp/dockaudit-quiet-{}", std::process::id()));
    e.script("start");
    // Past the second of events a watch replays at its start (the test
    // image's import).
    std::thread::sleep(std::time::Duration::from_millis(2500));
    for s in stores::all() {
        let b = s.backend;
        let name = format!("quiet-{b}");
        let w = watch::Watch::start(
            &e.host(),
            &s.spec,
            &["--heartbeat", "0.5", "--host-name", &name],
        );
        // Longer than the staleness asked below.
        std::thread::sleep(std::time::Duration::from_millis(3500));
        let fleet = |stale: &str| -> serde_json::Value {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_dockaudit"))
                .args([
                    "--no-config",
                    "fleet",
                    "--store",
                    &s.spec,
                    "--format",
                    "json",
                ])
                .args(["--stale", stale])
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{b}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let f = fleet("2s");
        let (code, stderr, lines) = w.stop();
        assert_eq!(code, Some(0), "{b}: {stderr}");
        assert!(lines.is_empty(), "{b}: nothing to audit: {lines:?}");
        let h = &f["hosts"][0];
        assert_eq!(h["host"], name.as_str(), "{b}: {f}");
        assert_eq!(h["stale"], false, "{b}: {h}");
        assert_eq!(h["containers"], 0, "{b}: {h}");
        let mut st = store::open(&s.spec).unwrap();
        let run = st.runs(1).unwrap().remove(0);
        // Heard from seconds after its start, with no audit: its
        // heartbeats (the start alone would be stale).
        let started = chrono::DateTime::parse_from_rfc3339(&run.info.started_at).unwrap();
        let seen = chrono::DateTime::parse_from_rfc3339(h["last_seen"].as_str().unwrap()).unwrap();
        assert!(
            seen - started > chrono::Duration::seconds(2),
            "{b}: last seen {seen}, started {started}"
        );
        let beats = st.heartbeats().unwrap();
        assert_eq!(beats.len(), 1, "{b}: {beats:?}");
        assert!(
            beats[0].1.as_str() >= h["last_seen"].as_str().unwrap(),
            "{b}"
        );
        // Stopped, it goes quiet: stale once the beats are older than that.
        std::thread::sleep(std::time::Duration::from_millis(2500));
        let f = fleet("2s");
        assert_eq!(f["stale_hosts"], serde_json::json!([name]), "{b}: {f}");
    }
}

/// Volumes made after the watch read the engine's volume list (an
/// anonymous `-v /data`, a named volume binding /etc) are read with the
/// container that mounts them, at its create (from the data root) and at
/// its start (through inspect): the bind is judged as one, and the
/// anonymous volume is not reported as unresolved.
#[test]
fn volumes_made_after_the_watch_started_are_resolved() {
    let Some(host) = engine::host() else {
        println!("note: watch volumes skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    let s = stores::sqlite();
    let w = watch::Watch::start(&host, &s.spec, &[]);
    let tag = format!("watchvol-{}", std::process::id());
    let vol = format!("{tag}-etc");
    engine::docker_ok(
        &host,
        &[
            "volume",
            "create",
            "-o",
            "type=none",
            "-o",
            "o=bind",
            "-o",
            "device=/etc",
            &vol,
        ],
    );
    let image = "dockaudit-test/busybox:1";
    let run = |v: &str| {
        engine::docker_ok(
            &host,
            &["run", "-d", "--network", "none", "-v", v, image, "true"],
        )
    };
    let bound = run(&format!("{vol}:/host-etc"));
    let anon = run("/data");
    let ids = [bound.clone(), anon.clone()];
    w.wait_for_lines_where(4, std::time::Duration::from_secs(60), |l| {
        l["kind"] == "container" && l["id"].as_str().is_some_and(|i| ids.iter().any(|x| x == i))
    });
    let (code, stderr, lines) = w.stop();
    for id in &ids {
        let _ = engine::docker(&host, &["rm", "-f", "-v", id]);
    }
    let _ = engine::docker(&host, &["volume", "rm", &vol]);
    assert_eq!(code, Some(0), "{stderr}");
    // The findings of an audit: (check, message), low ones included.
    let findings = |id: &str, event: &str| -> Vec<(String, String)> {
        let l = lines
            .iter()
            .find(|l| l["id"] == id && l["event"] == event)
            .unwrap_or_else(|| panic!("no {event} audit of {id}: {lines:?}"));
        l["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                (text("check_id"), text("message"))
            })
            .collect()
    };
    for event in ["create", "start"] {
        let b = findings(&bound, event);
        assert!(
            b.iter()
                .any(|(c, m)| c == "RES-004" && m.contains("/etc through volume")),
            "{event}: {b:?}"
        );
        let a = findings(&anon, event);
        assert!(
            !a.iter().any(|(_, m)| m.contains("is not known")),
            "{event}: {a:?}"
        );
    }
}
