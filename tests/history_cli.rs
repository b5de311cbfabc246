//! `--store`, `dockaudit history` and `dockaudit diff` through the real
//! binary, against SQLite and PostgreSQL: what is recorded, the JSON shapes,
//! the comparisons, and that a store that cannot be written still leaves
//! the report written (exit 2).

#[path = "common/stores.rs"]
mod stores;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dockaudit");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .arg("--no-config")
        .args(args)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

const COMPOSE_BAD: &str = "services:\n  web:\n    image: nginx:1.25\n    privileged: true\n  db:\n    image: postgres:16\n";
const COMPOSE_FIXED: &str =
    "services:\n  web:\n    image: nginx:1.25\n  db:\n    image: postgres:16\n    pid: host\n";

#[test]
fn recorded_runs_list_and_diff_on_every_backend() {
    for s in stores::all() {
        let b = s.backend;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let compose = dir.join("compose.yaml");
        std::fs::write(&compose, COMPOSE_BAD).unwrap();
        let c = compose.to_str().unwrap();
        let out = run(dir, &["compose", c, "--store", &s.spec, "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{b}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = json(&out);
        let failing: usize = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["findings"].as_array().unwrap().len())
            .sum();
        std::fs::write(&compose, COMPOSE_FIXED).unwrap();
        let out = run(dir, &["compose", c, "--store", &s.spec, "-o", "report.txt"]);
        assert_eq!(out.status.code(), Some(1), "{b}");
        assert!(dir.join("report.txt").exists());
        let df = dir.join("Dockerfile");
        std::fs::write(&df, "FROM alpine:3.20\nRUN apk add curl\n").unwrap();
        let out = run(
            dir,
            &["dockerfile", df.to_str().unwrap(), "--store", &s.spec],
        );
        assert!(
            out.status.code() != Some(2),
            "{b}: {}",
            String::from_utf8_lossy(&out.stderr)
        );

        let h = run(dir, &["history", "--store", &s.spec, "--format", "json"]);
        assert_eq!(
            h.status.code(),
            Some(0),
            "{b}: {}",
            String::from_utf8_lossy(&h.stderr)
        );
        let h = json(&h);
        assert_eq!(keys(&h), ["containers", "runs", "store"], "{b}");
        let runs = h["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 3, "{b}");
        assert_eq!(
            keys(&runs[0]),
            [
                "command",
                "findings",
                "finished_at",
                "host",
                "id",
                "started_at",
                "subjects",
                "summary",
                "target",
                "target_kind",
                "version"
            ],
            "{b}"
        );
        assert_eq!(runs[0]["command"], "dockerfile");
        assert_eq!(runs[2]["command"], "compose");
        assert_eq!(
            runs[2]["findings"].as_u64().unwrap() as usize,
            failing,
            "{b}"
        );
        assert!(runs[2]["summary"]["sections"].is_array(), "{b}");
        // The password never shows.
        assert!(!h["store"].as_str().unwrap().contains("password"), "{b}");

        // Default: the newest run and the one before it of the same
        // target, which for the Dockerfile run there is none.
        let d = run(dir, &["diff", "--store", &s.spec]);
        assert_eq!(d.status.code(), Some(2), "{b}");
        assert!(
            String::from_utf8_lossy(&d.stderr).contains("no earlier run"),
            "{b}"
        );
        let (a, bb) = (runs[2]["id"].to_string(), runs[1]["id"].to_string());
        let d = run(
            dir,
            &["diff", &a, &bb, "--store", &s.spec, "--format", "json"],
        );
        assert_eq!(
            d.status.code(),
            Some(0),
            "{b}: {}",
            String::from_utf8_lossy(&d.stderr)
        );
        let d = json(&d);
        assert_eq!(keys(&d), ["counts", "roles", "run_a", "run_b"], "{b}");
        let roles: Vec<&str> = d["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["compose:db", "compose:web"], "{b}");
        let web = &d["roles"][1];
        assert_eq!(
            keys(web),
            ["counts", "fixed", "new", "not_judged", "role", "unchanged"]
        );
        let fixed: Vec<&str> = web["fixed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["check_id"].as_str().unwrap())
            .collect();
        assert!(fixed.contains(&"RES-001"), "{b}: {fixed:?}");
        assert!(web["new"].as_array().unwrap().is_empty(), "{b}");
        let db_new: Vec<&str> = d["roles"][0]["new"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["check_id"].as_str().unwrap())
            .collect();
        assert!(!db_new.is_empty(), "{b}: host pid is new for db");
        assert!(d["counts"]["unchanged"].as_u64().unwrap() > 0, "{b}");
        // One run named: compared with the newest of its target.
        let d1 = json(&run(
            dir,
            &["diff", &a, "--store", &s.spec, "--format", "json"],
        ));
        assert_eq!(d1["run_b"]["id"], runs[1]["id"], "{b}");
        assert_eq!(d1["counts"], d["counts"], "{b}");
        let text = run(dir, &["diff", &a, &bb, "--store", &s.spec]);
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("compose:web: 0 new"), "{b}: {text}");
        assert!(text.contains("  - RES-001 "), "{b}: {text}");
    }
}

#[test]
fn an_unwritable_store_exits_2_with_the_report_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let compose = dir.join("compose.yaml");
    std::fs::write(&compose, COMPOSE_BAD).unwrap();
    // A file where the store's folder should be.
    std::fs::write(dir.join("blocker"), "").unwrap();
    let out = run(
        dir,
        &[
            "compose",
            compose.to_str().unwrap(),
            "--store",
            "blocker/h.sqlite",
            "-o",
            "report.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("history store blocker/h.sqlite"), "{err}");
    let report: Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["target"]["kind"], "compose");
    // A PostgreSQL server that is not there: the same.
    let out = run(
        dir,
        &[
            "compose",
            compose.to_str().unwrap(),
            "--store",
            "postgresql:///x?host=/nonexistent-dir&port=1&user=u&password=hunter2",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stdout.is_empty(), "the report is written");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("connecting"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn history_reads_the_default_store_and_never_creates_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = run(dir, &["history"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
    assert!(!dir.join("data/dockaudit/history.sqlite").exists());
    let df = dir.join("Dockerfile");
    std::fs::write(&df, "FROM alpine:3.20\n").unwrap();
    let default = dir.join("data/dockaudit/history.sqlite");
    let out = run(
        dir,
        &[
            "dockerfile",
            df.to_str().unwrap(),
            "--store",
            default.to_str().unwrap(),
        ],
    );
    assert!(out.status.code() != Some(2));
    let out = run(dir, &["history", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("dockerfile"), "{text}");
    assert!(
        text.contains("containers (newest first):\n  (none)"),
        "{text}"
    );
}

/// The HTML report of a recorded run draws the target's history: findings
/// per section over the earlier runs (an SVG chart and the same numbers as
/// a table), and the findings new and fixed since the last run. A first
/// run has no history section.
#[test]
fn html_report_shows_the_history_of_the_target() {
    for s in stores::all() {
        let b = s.backend;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let compose = dir.join("compose.yaml");
        let c = compose.to_str().unwrap();
        std::fs::write(
            &compose,
            "services:\n  web:\n    image: busybox\n    privileged: true\n",
        )
        .unwrap();
        let first = run(
            dir,
            &[
                "compose", c, "--store", &s.spec, "--format", "html", "-o", "1.html",
            ],
        );
        assert_eq!(
            first.status.code(),
            Some(1),
            "{b}: {}",
            String::from_utf8_lossy(&first.stderr)
        );
        let html = std::fs::read_to_string(dir.join("1.html")).unwrap();
        assert!(
            !html.contains("id=\"history\""),
            "{b}: a first run has no history"
        );
        std::fs::write(
            &compose,
            "services:\n  web:\n    image: busybox\n  db:\n    image: busybox\n    cap_add: [SYS_ADMIN]\n",
        )
        .unwrap();
        let second = run(
            dir,
            &[
                "compose", c, "--store", &s.spec, "--format", "html", "-o", "2.html",
            ],
        );
        assert_eq!(
            second.status.code(),
            Some(1),
            "{b}: {}",
            String::from_utf8_lossy(&second.stderr)
        );
        let html = std::fs::read_to_string(dir.join("2.html")).unwrap();
        assert!(html.contains("<svg id=\"history-chart\""), "{b}");
        // Two rows (the first run and this one), a polyline per section.
        let table = &html[html.find("id=\"history-table\"").unwrap()..];
        let table = &table[table.find("<tbody>").unwrap()..table.find("</table>").unwrap()];
        assert_eq!(table.matches("<tr><th>").count(), 2, "{b}: {table}");
        assert_eq!(html.matches("<polyline data-section=").count(), 7, "{b}");
        let list = |id: &str| {
            let l = &html[html.find(&format!("<ul id=\"{id}\">")).unwrap()..];
            l[..l.find("</ul>").unwrap()].to_string()
        };
        let (new, fixed) = (list("history-new"), list("history-fixed"));
        assert!(new.contains("RES-002") && new.contains(":db"), "{b}: {new}");
        assert!(
            !new.contains(":web"),
            "{b}: web's findings were there before: {new}"
        );
        assert!(
            fixed.contains("RES-001") && fixed.contains(":web"),
            "{b}: {fixed}"
        );
        assert!(!fixed.contains(":db"), "{b}: {fixed}");
    }
}

#[test]
fn a_check_left_out_of_the_newer_run_fixes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("compose.yaml"), COMPOSE_BAD).unwrap();
    let (c, st) = ("compose.yaml", "h.sqlite");
    assert_eq!(
        run(dir, &["compose", c, "--store", st]).status.code(),
        Some(1)
    );
    // The same file, still privileged, audited by one other check only.
    let out = run(dir, &["compose", c, "--store", st, "--select", "RES-003"]);
    assert_ne!(out.status.code(), Some(2));
    let d = run(dir, &["diff", "--store", st, "--format", "json"]);
    let err = String::from_utf8_lossy(&d.stderr).into_owned();
    assert_eq!(d.status.code(), Some(0), "{err}");
    let d = json(&d);
    let web = d["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "compose:web")
        .expect("compose:web in the diff");
    let ids = |k: &str| -> Vec<String> {
        web[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["check_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!ids("fixed").contains(&"RES-001".to_string()), "{web}");
    assert!(ids("not_judged").contains(&"RES-001".to_string()), "{web}");
}
