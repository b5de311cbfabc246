//! `dockaudit watch` carries on when its engine restarts: a private engine
//! of its own (scripts/engine.sh in a folder of this test, so the shared
//! test engine is never stopped) is stopped and started again while watch
//! runs; containers made before, and right after the restart, are all in
//! the history, the later ones through the reconnection's listing or
//! events.
//!
//! Runs when DOCKAUDIT_E2E_DOCKER_HOST is set (an engine can be started
//! here).

#[path = "common/engine.rs"]
mod engine;
#[path = "common/stores.rs"]
mod stores;
#[path = "common/watch.rs"]
mod watch;

use std::time::Duration;

use dockaudit::store;

#[test]
fn watch_carries_on_across_an_engine_restart() {
    if engine::host().is_none() {
        println!("note: watch restart skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    }
    let e = engine::OwnEngine::new(&format!(
        "/tmp/dockaudit-engine-restart-{}",
        std::process::id()
    ));
    e.script("start");
    let host = e.host();
    let s = stores::sqlite();
    let w = watch::Watch::start(&host, &s.spec, &["--max-backoff", "1"]);
    let before = watch::burst(&host, "restart-before", 5, 2);
    // Create and start of each, before the engine stops (the images
    // audited at the start do not count: an inspect still in flight when
    // the engine stops is rightly audited again at the next listing).
    w.wait_for_lines_where(10, Duration::from_secs(60), |l| {
        before.iter().any(|id| l["id"] == *id) && (l["event"] == "create" || l["event"] == "start")
    });
    e.script("stop");
    w.wait_for_stderr("event stream", Duration::from_secs(60));
    // While the engine is away, watch keeps trying (and says so).
    w.wait_for_stderr("retrying in", Duration::from_secs(60));
    e.script("start");
    let after = watch::burst(&host, "restart-after", 5, 2);
    w.wait_for_stderr("reconnected to", Duration::from_secs(60));
    // Every container's first audit (the later ones' starts may have
    // passed while the engine was away).
    let t = std::time::Instant::now();
    while t.elapsed() < Duration::from_secs(60)
        && !before.iter().chain(&after).all(|id| {
            w.lines()
                .iter()
                .any(|l| l["id"] == *id && (l["event"] == "create" || l["event"] == "listed"))
        })
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, stderr, lines) = w.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let mut st = store::open(&s.spec).unwrap();
    let run = st.runs(1).unwrap().remove(0);
    assert_eq!(run.info.command, "watch");
    let subjects = st.run_subjects(run.id).unwrap();
    for id in before.iter().chain(&after) {
        let rec = subjects
            .iter()
            .find(|s| &s.id == id)
            .unwrap_or_else(|| panic!("container {id} not in the history: {stderr}"));
        assert_eq!(rec.state, "audited");
        assert!(!rec.failing.is_empty());
    }
    // Each container's first audit once (at its create, or found in a
    // listing), though the listing after the restart saw the first five
    // again; the first five were also audited at their start.
    let mut firsts: Vec<&str> = subjects
        .iter()
        .filter(|s| s.name.starts_with("restart-"))
        .filter(|s| matches!(s.event.as_deref(), Some("create" | "listed")))
        .map(|s| s.id.as_str())
        .collect();
    firsts.sort();
    firsts.dedup();
    assert_eq!(firsts.len(), 10, "{stderr}");
    let listed_again = lines
        .iter()
        .filter(|l| l["event"] == "listed" && before.iter().any(|id| l["id"] == *id))
        .count();
    assert_eq!(listed_again, 0, "{stderr}");
    for id in &before {
        assert!(
            subjects
                .iter()
                .any(|s| &s.id == id && s.event.as_deref() == Some("start")),
            "{id}: no audit at its start: {stderr}"
        );
    }
}
