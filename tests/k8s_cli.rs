//! `dockaudit k8s` through the binary: the container rules judged on
//! workload manifests, subjects named KIND/NAME/CONTAINER with file and
//! line, standard input, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--no-config")
        .arg("k8s")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

fn check<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the report"))
}

#[test]
fn privileged_deployment_fails_with_its_line() {
    let (code, out) = run(&["tests/fixtures/checks/RES-001/pass-k8s.yaml"], None);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(
        &[
            "tests/fixtures/checks/RES-001/fail-k8s.yaml",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 1);
    let r: Value = serde_json::from_str(&out).unwrap();
    let c = check(&r, "RES-001");
    assert_eq!(c["status"], "fail");
    let f = &c["findings"][0];
    assert_eq!(f["subject"]["kind"], "k8s_container");
    assert_eq!(f["subject"]["name"], "Deployment/web/nginx");
    assert_eq!(f["subject"]["role"], "k8s:Deployment/web");
    let text = std::fs::read_to_string("tests/fixtures/checks/RES-001/fail-k8s.yaml").unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("privileged: true"))
        .unwrap()
        + 1;
    assert_eq!(f["evidence"]["location"]["line"], line as u64);
    assert!(f["evidence"]["source"]
        .as_str()
        .unwrap()
        .contains("spec.template.spec.containers[0].securityContext.privileged"));
    // Only file and container-spec checks run: no host, image or
    // Dockerfile check, and none is skipped for facts it did not collect.
    for c in r["checks"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let reg = dockaudit::checks::find(id).unwrap();
        assert!(matches!(
            reg.scope,
            dockaudit::checks::Scope::Compose | dockaudit::checks::Scope::Container
        ));
        assert_ne!(c["status"], "skipped", "{id} skipped: {}", c["reason"]);
    }
}

#[test]
fn helm_output_from_stdin() {
    let helm = std::fs::read("tests/corpus/k8s/helm/mychart-rendered.yaml").unwrap();
    let (code, out) = run(&["-", "--format", "json"], Some(&helm));
    assert_eq!(code, 1, "{out}");
    let r: Value = serde_json::from_str(&out).unwrap();
    // The chart's containers are judged; evidence names standard input.
    let c = check(&r, "RES-014");
    let names: Vec<&str> = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["subject"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Deployment/demo-mychart/mychart"),
        "{names:?}"
    );
    assert_eq!(c["findings"][0]["evidence"]["location"]["path"], "<stdin>");
}

#[test]
fn real_manifests_give_the_documented_verdicts() {
    let (code, out) = run(&["tests/corpus/k8s", "--format", "json"], None);
    assert_eq!(code, 1);
    let r: Value = serde_json::from_str(&out).unwrap();
    let failing = |id: &str| -> Vec<String> {
        check(&r, id)["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| f["subject"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    // The security-context example runs as uid 1000 without privilege
    // escalation; its capabilities example adds NET_ADMIN and SYS_TIME.
    assert!(!failing("USER-100").contains(&"Pod/security-context-demo/sec-ctx-demo".to_string()));
    assert!(!failing("RES-024").contains(&"Pod/security-context-demo/sec-ctx-demo".to_string()));
    assert!(failing("RES-002").contains(&"Pod/security-context-demo-4/sec-ctx-4".to_string()));
    // The ingress-nginx controller allows privilege escalation explicitly.
    assert!(
        failing("RES-024").contains(&"Deployment/ingress-nginx-controller/controller".to_string())
    );
    // No file failed to parse.
    assert_eq!(check(&r, "COMPOSE-100")["status"], "pass");
}

#[test]
fn missing_path_is_exit_2() {
    let (code, _) = run(&["tests/nope/manifests"], None);
    assert_eq!(code, 2);
}
