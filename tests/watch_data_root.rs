//! `dockaudit watch` reading a container at its create event from the
//! engine's data root, against the private engine (which runs as root, so
//! its data root is readable here): two watches follow the same events,
//! one reading the data root (the default: the engine's DockerRootDir on a
//! local unix socket), one pointed at an empty folder (so it inspects); for
//! every container they record the same verdicts and findings, and each
//! record says where its facts were read.
//!
//! Runs when DOCKAUDIT_E2E_DOCKER_HOST names the engine (scripts/test.sh
//! sets it); the containers are named `watchroot-PID-...` and removed.

#[path = "common/engine.rs"]
mod engine;
#[path = "common/stores.rs"]
mod stores;
#[path = "common/watch.rs"]
mod watch;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use dockaudit::store;

/// Risky settings, one container each (and one plain). Those after the
/// first two also start on the test engine (its sandbox refuses a
/// privileged container or added capabilities at start).
const MADE_WITH: &[&[&str]] = &[
    &[
        "--privileged",
        "--cap-add",
        "NET_ADMIN",
        "-v",
        "/:/host",
        "--pid",
        "host",
        "--user",
        "root",
        "-m",
        "64m",
        "--restart",
        "on-failure:3",
    ],
    &[
        "--cap-add",
        "ALL",
        "--security-opt",
        "seccomp=unconfined",
        "--security-opt",
        "apparmor=unconfined",
        "--ipc",
        "host",
        "--uts",
        "host",
        "-v",
        "/var/run/docker.sock:/var/run/docker.sock:ro",
        "-v",
        "/anon",
        "--pids-limit",
        "100",
        "--restart",
        "always",
        "-e",
        "PASSWORD=hunter2",
    ],
    &[
        "--user",
        "1000:1000",
        "--read-only",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "-m",
        "32m",
        "--pids-limit",
        "50",
        "--log-opt",
        "max-size=10m",
    ],
    &[],
];

/// What a record says, without its times: verdicts and findings.
fn verdicts(line: &serde_json::Value) -> (String, String, BTreeSet<String>) {
    let findings = line["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["check_id"], f["fingerprint"], f["message"]))
        .collect();
    (
        line["failing"].to_string(),
        line["passing"].to_string(),
        findings,
    )
}

/// `verdicts` with one check left out of every list.
fn verdicts_without(
    line: &serde_json::Value,
    check: &str,
) -> (Vec<String>, Vec<String>, BTreeSet<String>) {
    let ids = |k: &str| -> Vec<String> {
        line[k]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .filter(|c| *c != check)
            .map(str::to_string)
            .collect()
    };
    let (_, _, findings) = verdicts(line);
    let quoted = format!("\"{check}\" ");
    (
        ids("failing"),
        ids("passing"),
        findings
            .into_iter()
            .filter(|f| !f.starts_with(&quoted))
            .collect(),
    )
}

fn by_id(lines: &[serde_json::Value], event: &str) -> HashMap<String, serde_json::Value> {
    lines
        .iter()
        .filter(|l| l["kind"] == "container" && l["event"] == event)
        .map(|l| (l["id"].as_str().unwrap().to_string(), l.clone()))
        .collect()
}

#[test]
fn create_audits_read_the_data_root_and_judge_as_inspect() {
    let Some(host) = engine::host() else {
        println!("note: watch data root skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    let (s1, s2) = (stores::sqlite(), stores::sqlite());
    let empty = tempfile::tempdir().unwrap();
    let files = watch::Watch::start(&host, &s1.spec, &[]);
    let inspect = watch::Watch::start(
        &host,
        &s2.spec,
        &["--data-root", empty.path().to_str().unwrap()],
    );
    files.wait_for_stderr("create audits read the engine's data root", Duration::ZERO);
    inspect.wait_for_stderr("create audits inspect: no data root read", Duration::ZERO);
    let prefix = format!("watchroot-{}", std::process::id());
    // `docker VERB` (create, or run: created and started at once) of a
    // container with `flags`; its id.
    let make = |verb: &str, name: &str, flags: &[&str]| -> String {
        let mut args = vec![verb, "--network", "none", "--name", name];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["dockaudit-test/busybox:1", "true"]);
        engine::docker_ok(&host, &args);
        engine::docker_ok(&host, &["inspect", "-f", "{{.Id}}", name])
    };
    let mut created = Vec::new();
    let mut run = Vec::new();
    for (i, flags) in MADE_WITH.iter().enumerate() {
        created.push(make("create", &format!("{prefix}-c{i}"), flags));
        if i >= 2 {
            run.push(make("run", &format!("{prefix}-r{i}"), flags));
        }
    }
    // A create for each, a start for each run (the listings of other
    // containers on the engine do not count).
    let all: Vec<String> = created.iter().chain(&run).cloned().collect();
    let n = created.len() + 2 * run.len();
    let ours = |l: &serde_json::Value| all.iter().any(|id| l["id"] == *id);
    files.wait_for_lines_where(n, Duration::from_secs(60), ours);
    inspect.wait_for_lines_where(n, Duration::from_secs(60), ours);
    let (c1, e1, l1) = files.stop();
    let (c2, e2, l2) = inspect.stop();
    watch::remove(&host, &all);
    assert_eq!((c1, c2), (Some(0), Some(0)), "{e1}\n{e2}");
    let (f_create, i_create) = (by_id(&l1, "create"), by_id(&l2, "create"));
    let f_start = by_id(&l1, "start");
    for id in &all {
        let (a, b) = (&f_create[id], &i_create[id]);
        assert_eq!(a["state"], "audited", "{a}");
        assert_eq!(b["source"], "inspect", "{b}");
        if run.contains(id) {
            // Created and started at once: the two watchers read it at
            // different moments, one maybe before it ran and one while it
            // ran, so RES-025 (judged on running containers only) may be
            // judged by one of them alone. Every other verdict agrees.
            assert_eq!(
                verdicts_without(a, "RES-025"),
                verdicts_without(b, "RES-025"),
                "{id}: {a}\n{b}"
            );
        } else {
            assert_eq!(verdicts(a), verdicts(b), "{id}: {a}\n{b}");
        }
    }
    // The host-scope checks that judge one container run too: the first
    // mounts the host's root (its credentials), the third rotates its
    // logs, the others do not.
    for (i, id) in created.iter().enumerate() {
        let failing = |l: &serde_json::Value, check: &str| {
            l["failing"].as_array().unwrap().iter().any(|c| c == check)
        };
        assert_eq!(
            failing(&f_create[id], "SECRET-103"),
            i == 0,
            "{}",
            f_create[id]
        );
        assert_eq!(
            failing(&f_create[id], "MON-101"),
            i != 2,
            "{}",
            f_create[id]
        );
    }
    // `docker create` alone: the data root, every one. Created and started
    // at once: the data root unless the start finished first (then the
    // files show it started and inspect answers at once).
    for id in &created {
        assert_eq!(f_create[id]["source"], "data-root", "{}", f_create[id]);
    }
    let from_files = run
        .iter()
        .filter(|id| f_create[*id]["source"] == "data-root")
        .count();
    println!(
        "docker run: {from_files} of {} create audits from the data root",
        run.len()
    );
    // A start is audited through inspect.
    for id in &run {
        assert_eq!(f_start[id]["source"], "inspect", "{}", f_start[id]);
    }
    // The store keeps where each record was read.
    let mut st = store::open(&s1.spec).unwrap();
    let r = st.runs(1).unwrap().remove(0);
    let stored = st.run_subjects(r.id).unwrap();
    for id in &created {
        let rec = stored
            .iter()
            .find(|s| &s.id == id && s.event.as_deref() == Some("create"))
            .unwrap();
        assert_eq!(rec.source.as_deref(), Some("data-root"), "{rec:?}");
    }
    assert!(e1.contains("read from the data root"), "{e1}");
}
