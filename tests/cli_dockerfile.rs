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
