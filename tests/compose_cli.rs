//! `dockaudit compose` through the binary: exit codes, JSON locations,
//! hostile files.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("compose")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

#[test]
fn exit_codes_and_locations() {
    let (code, _) = run(&["tests/fixtures/checks/RES-001/pass-compose.yml"]);
    assert_eq!(code, 0);
    let (code, out) = run(&[
        "tests/fixtures/checks/RES-001/fail-compose.yml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "RES-001")
        .unwrap();
    let f = &c["findings"][0];
    assert_eq!(f["subject"]["kind"], "compose_service");
    assert_eq!(
        f["evidence"]["location"]["path"],
        "tests/fixtures/checks/RES-001/fail-compose.yml"
    );
    assert_eq!(f["evidence"]["location"]["line"], 20);
    assert!(c["aliases"]
        .as_array()
        .is_none_or(|a| a.iter().any(|x| x == "COMPOSE-001")));
    // Only the checks of compose files and container specs run: no host,
    // image or Dockerfile check.
    for c in r["checks"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let check = dockaudit::checks::find(id).unwrap();
        assert!(
            matches!(
                check.scope,
                dockaudit::checks::Scope::Compose | dockaudit::checks::Scope::Container
            ),
            "{id} runs in a compose audit"
        );
    }
    // The retired compose id still selects the merged check.
    let (code, out) = run(&[
        "tests/fixtures/checks/RES-001/fail-compose.yml",
        "--format",
        "json",
        "--select",
        "COMPOSE-001",
    ]);
    assert_eq!(code, 1);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["RES-001"]);
    let (code, _) = run(&["tests/nope/compose.yml"]);
    assert_eq!(code, 2);
}

#[test]
fn hostile_file_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bomb.yml");
    let mut doc = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (prev, c) in "abcdefghij".chars().zip("bcdefghijk".chars()) {
        doc.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    std::fs::write(&p, doc).unwrap();
    let (code, out) = run(&[p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    assert!(out.contains("alias bomb"), "{out}");
}

#[test]
fn devices_and_fifos_are_refused_not_read() {
    // An `extends` file or env file naming a device must not be read until
    // memory runs out: it is refused, with the path, and the audit goes on.
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("compose.yml");
    std::fs::write(
        &main,
        "services:\n  a:\n    image: app:1\n    extends:\n      file: /dev/zero\n      service: x\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .args([
            "--no-config",
            "compose",
            "--format",
            "json",
            "--env-file",
            "/dev/zero",
        ])
        .arg(&main)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("dockaudit compose kept reading /dev/zero");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("not a regular file"), "{text}");
}
