//! The committed JSON Schema of the report (docs/report.schema.json) holds
//! for what every command writes: the golden report and live runs of the
//! binary over compose files, manifests, Dockerfiles and an evidence bundle.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("the report schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, what: &str, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(20)
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

fn run(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(root())
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn golden_and_live_reports_match_the_schema() {
    let v = validator();
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/golden/report.json")).unwrap(),
    )
    .unwrap();
    assert_valid(&v, "tests/golden/report.json", &golden);
    let runs: &[&[&str]] = &[
        &[
            "compose",
            "--format",
            "json",
            "tests/corpus/compose/v2-legacy.yml",
            "--group-by",
            "role",
        ],
        &["k8s", "--format", "json", "tests/corpus/k8s"],
        &["dockerfile", "--format", "json", "tests/corpus/dockerfiles"],
        &[
            "host",
            "--format",
            "json",
            "--facts",
            "tests/fixtures/checks/RES-001/fail.json",
        ],
        &[
            "host",
            "--format",
            "json",
            "--facts",
            "tests/fixtures/checks/BASE-113/fail.json",
        ],
    ];
    for args in runs {
        assert_valid(&v, &args.join(" "), &run(args));
    }
}

#[test]
fn the_schema_rejects_a_pass_with_findings() {
    // The schema is not a formality: a check that passes while listing
    // findings, or a report with an undocumented field, is refused.
    let v = validator();
    let mut r = run(&[
        "k8s",
        "--format",
        "json",
        "tests/fixtures/checks/RES-001/fail-k8s.yaml",
    ]);
    let checks = r["checks"].as_array_mut().unwrap();
    let failing = checks.iter_mut().find(|c| c["status"] == "fail").unwrap();
    failing["status"] = "pass".into();
    assert!(!v.is_valid(&r));
    let mut r = run(&[
        "k8s",
        "--format",
        "json",
        "tests/fixtures/checks/RES-001/fail-k8s.yaml",
    ]);
    r["undocumented"] = true.into();
    assert!(!v.is_valid(&r));
}
