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

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use dockaudit::store;

struct OwnEngine {
    dir: PathBuf,
}

impl OwnEngine {
    fn script(&self, cmd: &str) {
        let out = Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/engine.sh"))
            .arg(cmd)
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "engine.sh {cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    fn host(&self) -> String {
        format!("unix://{}/docker.sock", self.dir.display())
    }
}

impl Drop for OwnEngine {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/engine.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
        // dockerd mounts its data root on itself; one that failed to start
        // may leave that mount behind.
        let data = self.dir.join("data");
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
        if mounts.contains(&format!(" {} ", data.display())) {
            let _ = Command::new("umount").arg("-l").arg(&data).status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn watch_carries_on_across_an_engine_restart() {
    if engine::host().is_none() {
        println!("note: watch restart skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    }
    let e = OwnEngine {
        dir: PathBuf::from(format!(
            "/tmp/dockaudit-engine-restart-{}",
            std::process::id()
        )),
    };
    e.script("start");
    let host = e.host();
    let s = stores::sqlite();
    let w = watch::Watch::start(&host, &s.spec, &["--max-backoff", "1"]);
    let before = watch::burst(&host, "restart-before", 5, 2);
    w.wait_for_lines(5, Duration::from_secs(60));
    e.script("stop");
    w.wait_for_stderr("event stream", Duration::from_secs(60));
    // While the engine is away, watch keeps trying (and says so).
    w.wait_for_stderr("retrying in", Duration::from_secs(60));
    e.script("start");
    let after = watch::burst(&host, "restart-after", 5, 2);
    w.wait_for_stderr("reconnected to", Duration::from_secs(60));
    w.wait_for_lines(10, Duration::from_secs(60));
    let (code, stderr, _lines) = w.stop();
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
    // Each container once, though the listing after the restart saw the
    // first five again.
    assert_eq!(
        subjects
            .iter()
            .filter(|s| s.name.starts_with("restart-"))
            .count(),
        10,
        "{stderr}"
    );
}
