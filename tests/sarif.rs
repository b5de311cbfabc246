//! The SARIF writer: output validated against the SARIF 2.1.0 schema, and
//! structural assertions (rule table, regions, suppressions).

use std::fs;
use std::path::Path;

use dockaudit::checks::{AuditConfig, Ctx, Scope};
use dockaudit::facts::{Facts, Source};
use dockaudit::report::{self, suppress, Selection, Target};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> AuditConfig {
    AuditConfig {
        now: Some("2026-11-28T12:00:00Z".to_string()),
        ..AuditConfig::default()
    }
}

fn dockerfile_report() -> report::Report {
    let files = [
        ("app/Dockerfile", "FROM node:latest\n# dockaudit ignore=DF-023 the app handles signals itself\nCMD node server.js\nEXPOSE 22\n"),
        ("svc/My Service.Dockerfile", "FROM alpine:3.19@sha256:aa\nRUN curl -fsSL https://example.com/i.sh | sh\nUSER 1000\n"),
    ];
    let mut facts = Facts::new();
    facts.dockerfiles = Source::Present(
        files
            .iter()
            .map(|(p, t)| dockaudit::dockerfile::parse(p, t.as_bytes()))
            .collect(),
    );
    let cfg = config();
    let ctx = Ctx::new(&facts, &cfg);
    let mut r = report::build(
        Target {
            kind: "dockerfile".into(),
            name: "2 Dockerfiles".into(),
        },
        &[Scope::Dockerfile],
        &ctx,
        &Selection::default(),
        false,
        "2026-11-28T12:00:00Z".into(),
    );
    let ignores = suppress::Ignores::parse(
        "[[ignore]]\nid = \"DF-015\"\npath = \"svc/*\"\nreason = \"health is checked by the orchestrator\"\n",
        "dockaudit.toml",
    )
    .unwrap();
    suppress::apply(&mut r, facts.dockerfiles(), &ignores);
    r
}

fn host_report() -> report::Report {
    let text = fs::read_to_string(root().join("tests/fixtures/checks/RES-001/fail.json")).unwrap();
    let facts: Facts = serde_json::from_str(&text).unwrap();
    let cfg = config();
    let ctx = Ctx::new(&facts, &cfg);
    report::build(
        Target {
            kind: "host".into(),
            name: "fixture".into(),
        },
        &[Scope::Host, Scope::Image, Scope::Container],
        &ctx,
        &Selection::default(),
        false,
        "2026-11-28T12:00:00Z".into(),
    )
}

fn fix_language_pattern(v: &mut Value) -> usize {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        Value::Object(m) => {
            let mut n = 0;
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x == BAD {
                    *x = Value::String("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string());
                    n += 1;
                } else {
                    n += fix_language_pattern(x);
                }
            }
            n
        }
        Value::Array(a) => a.iter_mut().map(fix_language_pattern).sum(),
        _ => 0,
    }
}

fn validate(v: &Value) {
    let mut schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // The published rtm.5 schema has a stray `]` in the `language`
    // patterns, which a strict validator refuses as a regex; dockaudit does
    // not emit that property. Use the corrected pattern.
    assert!(fix_language_pattern(&mut schema) > 0);
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
}

#[test]
fn dockerfile_sarif_is_valid_and_located() {
    let r = dockerfile_report();
    let v = report::sarif::to_value(&r);
    validate(&v);
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), r.checks.len());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1, "{res}");
    }
    // The curl | sh finding points at line 2 of the file with a space in its name.
    let pipe = results.iter().find(|r| r["ruleId"] == "DF-012").unwrap();
    assert_eq!(
        pipe["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "svc/My%20Service.Dockerfile"
    );
    assert_eq!(
        pipe["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert_eq!(pipe["level"], "error");
    // Suppressions carry their justification.
    let inline = results.iter().find(|r| r["ruleId"] == "DF-023").unwrap();
    assert_eq!(inline["suppressions"][0]["kind"], "inSource");
    let external = results
        .iter()
        .find(|r| r["ruleId"] == "DF-015" && r.get("suppressions").is_some())
        .unwrap();
    assert_eq!(
        external["suppressions"][0]["justification"],
        "health is checked by the orchestrator"
    );
    // Each result carries the peer codes its finding stands for.
    let pins = results
        .iter()
        .filter(|r| r["ruleId"] == "DF-004")
        .collect::<Vec<_>>();
    assert!(!pins.is_empty());
    for p in pins {
        let codes = p["properties"]["aliases"].as_array().unwrap();
        assert!(codes.iter().any(|a| a == "DL3006" || a == "DL3007"), "{p}");
        assert!(!codes.iter().all(|a| a == "DL3006" || a == "DL3007"));
    }
    // Aliases travel in the rule table.
    let df004 = rules.iter().find(|r| r["id"] == "DF-004").unwrap();
    assert!(df004["properties"]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "DL3007"));
}

#[test]
fn host_sarif_is_valid_with_logical_locations() {
    let r = host_report();
    let v = report::sarif::to_value(&r);
    validate(&v);
    let res = &v["runs"][0]["results"][0];
    assert!(res["locations"][0]["logicalLocations"][0]["name"].is_string());
    // Skipped checks are notifications, not silence; a check in error
    // makes the run unsuccessful.
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    let skipped = r
        .checks
        .iter()
        .filter(|c| c.status == report::Status::Skipped)
        .count();
    assert!(skipped > 0);
    // And each check that did not judge some of its subjects.
    let partly = r
        .checks
        .iter()
        .filter(|c| {
            matches!(c.status, report::Status::Pass | report::Status::Fail)
                && c.observations
                    .iter()
                    .any(|o| o.not_judged_reason().is_some())
        })
        .count();
    assert_eq!(notes.len(), skipped + partly);
    assert!(
        notes
            .iter()
            .filter(|n| n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("did not judge"))
            .count()
            == partly
    );
    assert!(notes.iter().all(|n| n["level"] == "warning"));
    let mut r = r;
    let c = r.checks.iter_mut().find(|c| c.id == "RES-002").unwrap();
    c.status = report::Status::Error;
    c.reason = Some("check RES-002 failed internally: boom".into());
    let v = report::sarif::to_value(&r);
    validate(&v);
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["level"] == "error"
        && n["message"]["text"].as_str().unwrap().contains("boom")
        && n["associatedRule"]["id"] == "RES-002"));
    // Every result has its own fingerprint.
    let fps: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["dockaudit/v2"].as_str().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = fps.iter().collect();
    assert_eq!(unique.len(), fps.len(), "{fps:?}");
}

#[test]
fn suppressed_findings_are_counted() {
    let r = dockerfile_report();
    assert_eq!(r.summary.suppressed, 2);
    let df023 = r.checks.iter().find(|c| c.id == "DF-023").unwrap();
    assert!(df023.findings.is_empty());
    assert_eq!(df023.status, report::Status::Pass);
    assert_eq!(df023.suppressed[0].reason, "the app handles signals itself");
    // The unsuppressed file still fails DF-015.
    let df015 = r.checks.iter().find(|c| c.id == "DF-015").unwrap();
    assert_eq!(df015.findings.len(), 1);
    assert_eq!(df015.findings[0].subject.name, "app/Dockerfile");
}

#[test]
fn config_ignores_need_reasons() {
    assert!(
        suppress::Ignores::parse("[[ignore]]\nid = \"DF-003\"\n", "x.toml")
            .unwrap_err()
            .contains("reason")
    );
    assert!(
        suppress::Ignores::parse("[[ignore]]\nid = \"DF-003\"\nreason = \" \"\n", "x.toml")
            .is_err()
    );
    assert!(
        suppress::Ignores::parse("[[ignore]]\nid = \"NOPE-1\"\nreason = \"x\"\n", "x.toml")
            .is_err()
    );
    assert!(suppress::Ignores::parse(
        "[[ignore]]\nid = \"DF-003\"\nreason = \"x\"\nwhy = 1\n",
        "x.toml"
    )
    .is_err());
}

#[test]
fn the_schema_rejects_a_broken_log() {
    let mut v = report::sarif::to_value(&dockerfile_report());
    v["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    let r = std::panic::catch_unwind(|| validate(&v));
    assert!(r.is_err(), "an invalid level must not validate");
}

#[test]
fn k8s_sarif_is_valid_and_points_at_manifest_lines() {
    // The manifests of the shared k8s corpus, read as `dockaudit k8s` reads
    // them: every result is located in its file, at its line.
    let mut files = Vec::new();
    for dir in ["tests/corpus/k8s/website", "tests/corpus/k8s/ingress-nginx"] {
        let mut paths: Vec<_> = fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        files.extend(paths.iter().map(|p| dockaudit::collect::manifests::read(p)));
    }
    let mut facts = Facts::new();
    facts.manifests = dockaudit::facts::Source::Present(files);
    let cfg = config();
    let ctx = Ctx::new(&facts, &cfg);
    let r = report::build(
        Target {
            kind: "k8s".into(),
            name: "corpus".into(),
        },
        &[Scope::Compose, Scope::Container],
        &ctx,
        &Selection::default(),
        false,
        "2026-11-28T12:00:00Z".into(),
    );
    let v = report::sarif::to_value(&r);
    validate(&v);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 20, "{} results", results.len());
    for res in results {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().is_some_and(|l| l > 0), "{res}");
    }
}
