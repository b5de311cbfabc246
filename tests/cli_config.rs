//! dockaudit.toml through the binary: found from the working directory
//! upward, `--config`, `--no-config`, `[audit]`, `[severity]`, and a bad
//! key stopping the run with its line.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn status(r: &Value, id: &str) -> String {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .map(|c| c["status"].as_str().unwrap().to_string())
        .unwrap_or_else(|| "absent".to_string())
}

/// tmp/dockaudit.toml (when given) and tmp/work/, the working directory.
fn project(config: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).unwrap();
    if let Some(c) = config {
        fs::write(tmp.path().join("dockaudit.toml"), c).unwrap();
    }
    fs::write(
        work.join("Dockerfile"),
        "FROM debian:12\nUSER 1000\nHEALTHCHECK CMD true\n",
    )
    .unwrap();
    fs::write(
        work.join("compose.yaml"),
        "services:\n  app:\n    image: app:1.4\n    privileged: true\n",
    )
    .unwrap();
    (tmp, work)
}

#[test]
fn parent_config_changes_the_dockerfile_verdict() {
    let args = [
        "dockerfile",
        "--format",
        "json",
        "--select",
        "DF-003",
        "Dockerfile",
    ];
    let (_tmp, work) = project(None);
    let out = run(&work, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(status(&json(&out), "DF-003"), "fail");
    let (_tmp, work) = project(Some(
        "[[ignore]]\nid = \"DF-003\"\nreason = \"the mirror pins digests\"\n",
    ));
    let out = run(&work, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(status(&json(&out), "DF-003"), "pass");
    // --no-config: the file is not read.
    let mut no = vec!["--no-config"];
    no.extend(args);
    assert_eq!(run(&work, &no).status.code(), Some(1));
}

#[test]
fn parent_config_changes_the_compose_verdict() {
    let args = [
        "compose",
        "--format",
        "json",
        "--select",
        "COMPOSE-001",
        "compose.yaml",
    ];
    let (_tmp, work) = project(None);
    assert_eq!(run(&work, &args).status.code(), Some(1));
    // [severity] (by slug) lowers the check under [audit] fail_on.
    let (_tmp, work) = project(Some(
        "[audit]\nfail_on = \"critical\"\n\n[severity]\nprivileged-container = \"high\"\n",
    ));
    let out = run(&work, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    assert_eq!(status(&r, "RES-001"), "fail");
    assert_eq!(
        r["checks"].as_array().unwrap()[0]["severity"],
        "high",
        "the override shows in the report"
    );
    // A flag wins over the file.
    let mut flagged = args.to_vec();
    flagged.extend(["--fail-on", "high"]);
    assert_eq!(run(&work, &flagged).status.code(), Some(1));
}

#[test]
fn explicit_config_and_bad_keys() {
    let (tmp, work) = project(Some("[audit]\nfail_on = \"critical\"\n"));
    let other = tmp.path().join("other.toml");
    fs::write(
        &other,
        "[[ignore]]\nid = \"COMPOSE-001\"\nreason = \"lab host\"\n",
    )
    .unwrap();
    let out = run(
        &work,
        &[
            "compose",
            "--config",
            other.to_str().unwrap(),
            "--format",
            "json",
            "--select",
            "COMPOSE-001",
            "compose.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(status(&json(&out), "RES-001"), "pass");
    // The global option before the command works the same.
    let out = run(
        &work,
        &[
            "--config",
            other.to_str().unwrap(),
            "compose",
            "--select",
            "COMPOSE-001",
            "compose.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    // An unknown key stops the run with the file, line and key.
    fs::write(&other, "[audit]\nfail_on = \"low\"\nmax_age = 3\n").unwrap();
    let out = run(
        &work,
        &[
            "dockerfile",
            "--config",
            other.to_str().unwrap(),
            "Dockerfile",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!(
            "dockaudit: error: {}:3: unknown key max_age",
            other.display()
        )
    );
    let out = run(
        &work,
        &["--config", "nope.toml", "dockerfile", "Dockerfile"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.toml not found"));
    // Listing checks reads no configuration.
    assert_eq!(
        run(&work, &["--config", "nope.toml", "checks"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_selection_of_checks_the_command_does_not_run_is_an_error() {
    let (_tmp, work) = project(None);
    // RES-001 judges containers, services and workloads, not Dockerfiles:
    // running nothing and exiting 0 would pass what was never judged.
    let out = run(&work, &["dockerfile", "--select", "RES-001", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no check of this command matches"), "{err}");
    // One term the command runs is enough.
    let out = run(
        &work,
        &[
            "dockerfile",
            "--format",
            "json",
            "--select",
            "RES-001,DF-006",
            "Dockerfile",
        ],
    );
    assert_ne!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(status(&json(&out), "DF-006"), "pass");
}

#[test]
fn inline_ignores_name_a_check_by_its_slug_too() {
    let (_tmp, work) = project(None);
    let text = |comment: &str| {
        format!("FROM debian:12\n{comment}\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\nHEALTHCHECK CMD true\n")
    };
    fs::write(work.join("Dockerfile"), text("# a comment")).unwrap();
    let out = run(&work, &["dockerfile", "--format", "json", "Dockerfile"]);
    assert_eq!(status(&json(&out), "DF-005"), "fail");
    fs::write(
        work.join("Dockerfile"),
        text("# dockaudit ignore=package-version-not-pinned curl follows the release"),
    )
    .unwrap();
    let out = run(&work, &["dockerfile", "--format", "json", "Dockerfile"]);
    assert_eq!(
        status(&json(&out), "DF-005"),
        "pass",
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
