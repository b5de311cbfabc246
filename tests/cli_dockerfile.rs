//! `dockaudit dockerfile` through the binary: discovery, exit codes,
//! dockaudit.toml, bad input.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dockaudit"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn clean_file_exits_zero_and_findings_exit_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "json"])
        .arg(root().join("tests/corpus/dockerfiles/node-multistage.Dockerfile"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let r = json(&out);
    assert_eq!(r["target"]["kind"], "dockerfile");
    assert!(r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"].as_str().unwrap().starts_with("DF-")));
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "json"])
        .arg(root().join("tests/corpus/dockerfiles/legacy-debian.Dockerfile"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    let f = &check(&r, "DF-012")["findings"][0];
    assert_eq!(f["evidence"]["location"]["line"], 9);
    assert_eq!(f["subject"]["kind"], "dockerfile");
    assert!(check(&r, "DF-004")["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "DL3006"));
}

#[test]
fn folders_are_searched_and_config_ignores_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("svc/api")).unwrap();
    fs::create_dir_all(d.join("node_modules/x")).unwrap();
    fs::write(
        d.join("svc/api/Dockerfile"),
        "FROM alpine:3.19\nUSER 1000\n",
    )
    .unwrap();
    fs::write(
        d.join("svc/worker.Dockerfile"),
        "FROM alpine:3.19\nUSER 1000\n",
    )
    .unwrap();
    fs::write(d.join("node_modules/x/Dockerfile"), "FROM alpine\n").unwrap();
    fs::write(d.join("svc/README.md"), "not a Dockerfile").unwrap();
    fs::write(
        d.join("dockaudit.toml"),
        "[[ignore]]\nid = \"DF-003\"\npath = \"svc/**\"\nreason = \"mirror pins digests\"\n\n[[ignore]]\nid = \"missing-healthcheck\"\nreason = \"batch jobs\"\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(d)
        .args(["dockerfile", "--format", "json", "svc"])
        .output()
        .unwrap();
    let r = json(&out);
    assert_eq!(r["target"]["name"], "2 Dockerfiles");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(r["summary"]["suppressed"], 4);
    assert_eq!(check(&r, "DF-003")["status"], "pass");
    assert_eq!(
        check(&r, "DF-003")["suppressed"][0]["reason"],
        "mirror pins digests"
    );
    // A reasonless ignore stops the run.
    fs::write(d.join("bad.toml"), "[[ignore]]\nid = \"DF-003\"\n").unwrap();
    let out = bin()
        .current_dir(d)
        .args(["dockerfile", "--config", "bad.toml", "svc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reason"));
}

#[test]
fn bad_input_is_reported_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("bin.Dockerfile"), b"FROM a\n\x00\x01").unwrap();
    fs::write(d.join("empty.Dockerfile"), b"").unwrap();
    let out = bin()
        .current_dir(d)
        .args(["dockerfile", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    let msgs: Vec<String> = check(&r, "DF-001")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(msgs.iter().any(|m| m.contains("binary")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("no instructions")),
        "{msgs:?}"
    );
    let out = bin()
        .args(["dockerfile", "/nonexistent/Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = bin().arg("dockerfile").arg(empty.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Dockerfile found"));
}

#[test]
fn sarif_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "sarif"])
        .arg(root().join("tests/corpus/dockerfiles/legacy-debian.Dockerfile"))
        .output()
        .unwrap();
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["runs"][0]["results"].as_array().unwrap().len() > 10);
}

/// A Dockerfile with one unpinned apt-get install (DL3008) and one
/// unpinned apk add (DL3018), in a fresh folder.
fn two_pins(extra_before_apt: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        format!(
            "FROM debian:12\n{extra_before_apt}RUN apt-get install -y --no-install-recommends curl\nRUN apk add --no-cache git\nUSER 1000\n"
        ),
    )
    .unwrap();
    tmp
}

fn run_df(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = bin()
        .current_dir(dir)
        .args(["dockerfile", "--format", "json", "Dockerfile"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), json(&out))
}

fn codes(c: &Value, key: &str) -> Vec<String> {
    c[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let f = if key == "suppressed" {
                &f["finding"]
            } else {
                f
            };
            f["aliases"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| s.as_str().unwrap())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn select_by_peer_code_keeps_its_findings_only() {
    let tmp = two_pins("");
    let (code, r) = run_df(tmp.path(), &["--select", "dl3008"]);
    assert_eq!(code, Some(1));
    let ids: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["DF-005"]);
    assert_eq!(codes(check(&r, "DF-005"), "findings"), ["DL3008"]);
    // A single-code check selected by its code keeps every finding.
    let (_, r) = run_df(tmp.path(), &["--select", "DL3057"]);
    assert_eq!(check(&r, "DF-015")["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn ignore_by_peer_code_drops_its_findings_only() {
    let tmp = two_pins("");
    let (_, r) = run_df(tmp.path(), &["--ignore", "DL3008"]);
    let c = check(&r, "DF-005");
    assert_eq!(c["status"], "fail");
    assert_eq!(codes(c, "findings"), ["DL3018"]);
    let (_, r) = run_df(tmp.path(), &["--ignore", "DL3008,DL3018"]);
    let c = check(&r, "DF-005");
    assert_eq!(c["status"], "pass");
    assert!(c["findings"].as_array().unwrap().is_empty());
    assert_eq!(c["checked"], 1);
    // The pass is for what was selected: the findings left out are said.
    let said = c["observations"].to_string();
    assert!(
        said.contains("2 finding(s) of this check left out by --select/--ignore (DL3008, DL3018)"),
        "{said}"
    );
    // A single-code check ignored by its code: its findings for the code
    // are dropped, and the check still runs.
    let (_, r) = run_df(tmp.path(), &["--ignore", "DL3057"]);
    let c = check(&r, "DF-015");
    assert_eq!(c["status"], "pass", "{c}");
    assert!(c["observations"].to_string().contains("DL3057"), "{c}");
    // HEALTHCHECK NONE is a finding no peer code stands for: ignoring
    // DL3057 keeps it.
    let none = tempfile::tempdir().unwrap();
    std::fs::write(
        none.path().join("Dockerfile"),
        "FROM debian:12@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nUSER 1000\nHEALTHCHECK NONE\n",
    )
    .unwrap();
    let (_, r) = run_df(none.path(), &["--ignore", "DL3057"]);
    let c = check(&r, "DF-015");
    assert_eq!(c["status"], "fail", "{c}");
}

#[test]
fn hadolint_ignore_comment_suppresses_the_next_instruction() {
    let tmp = two_pins("# hadolint ignore=DL3008,DL3015\n");
    let (_, r) = run_df(tmp.path(), &[]);
    let c = check(&r, "DF-005");
    assert_eq!(codes(c, "findings"), ["DL3018"]);
    assert_eq!(codes(c, "suppressed"), ["DL3008"]);
    assert_eq!(c["suppressed"][0]["reason"], "hadolint ignore comment");
    assert_eq!(
        c["suppressed"][0]["by"],
        "hadolint ignore comment at Dockerfile:2"
    );
    // Not a suppression without a reason (DF-002 stays quiet).
    assert_eq!(check(&r, "DF-002")["status"], "pass");
    // Not on the line right before: not applied (hadolint's rule).
    let tmp = two_pins("# hadolint ignore=DL3008\n\n");
    let (_, r) = run_df(tmp.path(), &[]);
    // Findings are sorted by message: apk before apt-get.
    assert_eq!(codes(check(&r, "DF-005"), "findings"), ["DL3018", "DL3008"]);
}

#[test]
fn checkov_skip_comment_applies_to_the_file() {
    let tmp = two_pins("");
    let p = tmp.path().join("Dockerfile");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        format!("{text}# checkov:skip=CKV_DOCKER_2: batch job, no server\n"),
    )
    .unwrap();
    let (_, r) = run_df(tmp.path(), &[]);
    let c = check(&r, "DF-015");
    assert_eq!(c["status"], "pass");
    assert_eq!(c["suppressed"][0]["reason"], "batch job, no server");
    assert_eq!(
        c["suppressed"][0]["by"],
        "checkov skip comment at Dockerfile:5"
    );
    assert_eq!(r["summary"]["suppressed"], 1);
}

#[test]
fn config_ignore_by_peer_code_with_expiry_and_unused_warning() {
    let tmp = two_pins("");
    fs::write(
        tmp.path().join("dockaudit.toml"),
        "[[ignore]]\nid = \"DL3008\"\nreason = \"mirror pins\"\n\n[[ignore]]\nid = \"DL3018\"\nreason = \"old\"\nexpires = \"2026-01-31\"\n\n[[ignore]]\nid = \"DF-004\"\nreason = \"nothing to match\"\n",
    )
    .unwrap();
    let (_, r) = run_df(tmp.path(), &["--now", "2026-06-01T00:00:00Z"]);
    let c = check(&r, "DF-005");
    assert_eq!(codes(c, "findings"), ["DL3018"]);
    assert_eq!(codes(c, "suppressed"), ["DL3008"]);
    let warnings: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    let has = |w: &str| warnings.iter().any(|x| x.ends_with(w));
    assert!(
        has("dockaudit.toml: ignore #2 for DL3018 expired on 2026-01-31: its findings are reported again"),
        "{warnings:?}"
    );
    assert!(
        has("dockaudit.toml: ignore #3 for DF-004 matched no finding (unused)"),
        "{warnings:?}"
    );
    // Before the date the ignore holds.
    let (_, r) = run_df(tmp.path(), &["--now", "2026-01-31T12:00:00Z"]);
    assert_eq!(check(&r, "DF-005")["status"], "pass");
}
