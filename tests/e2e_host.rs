//! End to end against a real engine: builds the images and creates the
//! containers that tests/e2e/*.json describe, runs the real binary
//! (`dockaudit host --format json`) once, and asserts every expectation, the
//! JSON report contract, that the audit changed nothing on the engine, and
//! that an evidence bundle audits like the live host.
//!
//! Runs only when DOCKAUDIT_E2E_DOCKER_HOST names the engine (CI sets it;
//! `bash scripts/engine.sh start` gives one). The test itself may use the
//! docker CLI to set the scene; dockaudit never does.
//!
//! Scenario files (format in the brief), plus optional container keys:
//! `"wait": true` waits for a started container to exit; `"execs": [{"args":
//! [...], "cmd": [...]}]` starts detached execs (`docker exec -d`) in it;
//! `"pause": true` pauses it once started; `"facts": {"/JSON/pointer":
//! value}` asserts values in its collected facts (the `collect` bundle).
//! Expectations: "fail" (among the findings), "pass" (evaluated, not among
//! them), "observed" (among an informational check's observations).
//! `{engine_socket}` in args is the audited engine's socket path. Container
//! names must start with `e2e-` and image tags with `dockaudit-e2e/`: the
//! harness removes exactly what it created.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const NOW: &str = "2026-11-28T12:00:00Z";
const BIN: &str = env!("CARGO_BIN_EXE_dockaudit");

fn e2e_host() -> Option<String> {
    match std::env::var("DOCKAUDIT_E2E_DOCKER_HOST") {
        Ok(h) if !h.trim().is_empty() => Some(h),
        _ => {
            // In CI the engine is part of the test run: its absence is a
            // failure, never a quiet pass.
            assert!(
                std::env::var_os("CI").is_none(),
                "e2e_host: CI is set but DOCKAUDIT_E2E_DOCKER_HOST is not: the engine \
                 tests must run (bash scripts/engine.sh start)"
            );
            println!(
                "e2e_host: skipped: set DOCKAUDIT_E2E_DOCKER_HOST to an engine endpoint \
                 (bash scripts/engine.sh start) to run the end-to-end audit"
            );
            None
        }
    }
}

/// The docker CLI of the engine package, pointed at the test engine.
struct Cli {
    host: String,
}

impl Cli {
    fn cmd(&self) -> Command {
        let bin = if Path::new("/usr/bin/docker").exists() {
            "/usr/bin/docker"
        } else {
            "docker"
        };
        let mut c = Command::new(bin);
        c.env("DOCKER_HOST", &self.host)
            .env("DOCKER_BUILDKIT", "0")
            .env_remove("DOCKER_CONTEXT");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("running the docker CLI")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "docker {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn build(&self, tag: &str, dockerfile: &str) {
        use std::io::Write;
        let mut child = self
            .cmd()
            .args(["build", "-q", "--network", "none", "-t", tag, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running docker build");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dockerfile.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "docker build {tag}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Everything the audit must leave as it was.
    fn snapshot(&self) -> String {
        let mut s = String::new();
        let ids = self.ok(&["ps", "-aq", "--no-trunc"]);
        let ids: Vec<&str> = ids.split_whitespace().collect();
        if !ids.is_empty() {
            let mut args = vec![
                "inspect",
                "--format",
                "{{.Id}} {{.State.Status}} {{.State.Pid}} {{.State.StartedAt}} \
                 {{.State.FinishedAt}} {{.RestartCount}} \
                 {{if index .Config \"Healthcheck\"}}(exec ids vary: the engine runs health probes as execs)\
                 {{else}}{{.ExecIDs}}{{end}}",
            ];
            args.extend(ids.iter().copied());
            let mut lines: Vec<String> = self.ok(&args).lines().map(String::from).collect();
            lines.sort();
            s.push_str(&lines.join("\n"));
        }
        s.push_str("\n--images\n");
        s.push_str(&sorted(self.ok(&[
            "images",
            "-a",
            "--no-trunc",
            "--format",
            "{{.ID}} {{.Repository}}:{{.Tag}}",
        ])));
        s.push_str("\n--networks\n");
        s.push_str(&sorted(self.ok(&[
            "network",
            "ls",
            "--no-trunc",
            "--format",
            "{{.ID}} {{.Name}}",
        ])));
        s.push_str("\n--volumes\n");
        s.push_str(&sorted(self.ok(&["volume", "ls", "-q"])));
        s
    }
}

fn sorted(s: String) -> String {
    let mut l: Vec<&str> = s.lines().collect();
    l.sort();
    l.join("\n")
}

/// Removes what the test created, also when it fails.
struct Cleanup<'a> {
    cli: &'a Cli,
    containers: Vec<String>,
    images: Vec<String>,
    volumes: Vec<String>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for c in &self.containers {
            let _ = self.cli.run(&["rm", "-f", "-v", c]);
        }
        for i in self.images.iter().rev() {
            let _ = self.cli.run(&["rmi", "-f", i]);
        }
        for v in &self.volumes {
            let _ = self.cli.run(&["volume", "rm", "-f", v]);
        }
    }
}

#[derive(Debug)]
struct Expect {
    check: String,
    kind: &'static str,
    name: String,
    want: String,
    file: String,
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn dockaudit(host: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DOCKER_HOST", host)
        .env_remove("DOCKER_TLS_VERIFY")
        .env("NO_COLOR", "1")
        .output()
        .expect("running dockaudit")
}

fn report_of(out: &Output, what: &str) -> Value {
    let code = out.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{what}: exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: output is not JSON: {e}"))
}

/// The report contract other tools rely on.
fn contract_errors(report: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let Some(checks) = report.get("checks").and_then(Value::as_array) else {
        return vec!["report has no top-level `checks` list".to_string()];
    };
    let statuses = [
        "pass",
        "fail",
        "manual",
        "skipped",
        "not_applicable",
        "error",
    ];
    for c in checks {
        let id = c.get("id").and_then(Value::as_str).unwrap_or("<no id>");
        for key in ["id", "title", "section"] {
            if !c.get(key).is_some_and(Value::is_string) {
                errs.push(format!("{id}: `{key}` is not a string"));
            }
        }
        if !c
            .get("cis")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().all(Value::is_string))
        {
            errs.push(format!("{id}: `cis` is not a list of strings"));
        }
        let status = c.get("status").and_then(Value::as_str).unwrap_or("");
        if !statuses.contains(&status) {
            errs.push(format!(
                "{id}: status {status:?} is not one of {statuses:?}"
            ));
        }
        let Some(findings) = c.get("findings").and_then(Value::as_array) else {
            errs.push(format!("{id}: `findings` is not a list"));
            continue;
        };
        for f in findings {
            let kind = f.pointer("/subject/kind").and_then(Value::as_str);
            let name = f.pointer("/subject/name").and_then(Value::as_str);
            match (kind, name) {
                (Some(k), Some(n)) => {
                    if k == "container" && n.starts_with('/') {
                        errs.push(format!("{id}: container subject {n:?} has a leading slash"));
                    }
                }
                _ => errs.push(format!("{id}: finding without subject kind and name: {f}")),
            }
            if !f.get("message").is_some_and(Value::is_string) {
                errs.push(format!("{id}: finding without a message: {f}"));
            }
            if !f.get("evidence").is_some_and(Value::is_object) {
                errs.push(format!("{id}: finding without evidence: {f}"));
            }
        }
    }
    errs
}

fn expectation_errors(report: &Value, expects: &[Expect]) -> Vec<String> {
    let mut by_id: BTreeMap<&str, &Value> = BTreeMap::new();
    for c in report["checks"].as_array().into_iter().flatten() {
        if let Some(id) = c["id"].as_str() {
            by_id.insert(id, c);
        }
    }
    let mut errs = Vec::new();
    for e in expects {
        let Some(c) = by_id.get(e.check.as_str()) else {
            errs.push(format!(
                "{}: {} {} {:?}: expected {}, got: check not in the report",
                e.file, e.check, e.kind, e.name, e.want
            ));
            continue;
        };
        let status = c["status"].as_str().unwrap_or("");
        let got = if e.kind == "run" {
            status.to_string()
        } else {
            let hit = c["findings"].as_array().into_iter().flatten().any(|f| {
                f.pointer("/subject/kind").and_then(Value::as_str) == Some(e.kind)
                    && f.pointer("/subject/name").and_then(Value::as_str) == Some(&e.name)
            });
            let observed = c["observations"].as_array().into_iter().flatten().any(|o| {
                o.pointer("/subject/kind").and_then(Value::as_str) == Some(e.kind)
                    && o.pointer("/subject/name").and_then(Value::as_str) == Some(&e.name)
            });
            match (status, hit) {
                (_, true) => "fail".to_string(),
                // Informational checks report their cases as observations.
                ("pass" | "fail" | "manual", false) if observed && e.want == "observed" => {
                    "observed".to_string()
                }
                ("pass" | "fail", false) => "pass".to_string(),
                (s, false) => format!("{s} ({})", c["reason"].as_str().unwrap_or("")),
            }
        };
        if got != e.want {
            errs.push(format!(
                "{}: {} {} {:?}: expected {}, got {}",
                e.file, e.check, e.kind, e.name, e.want, got
            ));
        }
    }
    errs
}

#[test]
fn live_host_audit() {
    let Some(host) = e2e_host() else { return };
    let cli = Cli { host: host.clone() };
    let mut cleanup = Cleanup {
        cli: &cli,
        containers: vec![],
        images: vec![],
        volumes: vec![],
    };
    let mut expects = Vec::new();
    let mut names = BTreeSet::new();
    let mut setup_notes = Vec::new();
    // (file, container, JSON pointer into its collected facts, value)
    let mut fact_expects: Vec<(String, String, String, Value)> = Vec::new();

    for file in scenario_files() {
        let fname = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{fname}: not JSON: {e}"));
        // Named volumes (`{"name", "opts": ["type=none", ...]}`), created
        // before the containers that mount them.
        for vol in doc["volumes"].as_array().into_iter().flatten() {
            let name = vol["name"].as_str().expect("volume name").to_string();
            assert!(
                name.starts_with("e2e-"),
                "{fname}: volume name {name} must start with e2e-"
            );
            let _ = cli.run(&["volume", "rm", "-f", &name]);
            cleanup.volumes.push(name.clone());
            let mut create = vec!["volume".to_string(), "create".to_string()];
            for o in strs(&vol["opts"]) {
                create.extend(["-o".to_string(), o]);
            }
            create.push(name);
            let refs: Vec<&str> = create.iter().map(String::as_str).collect();
            cli.ok(&refs);
        }
        for img in doc["images"].as_array().into_iter().flatten() {
            let tag = img["tag"].as_str().expect("image tag").to_string();
            assert!(
                tag.starts_with("dockaudit-e2e/"),
                "{fname}: image tag {tag} must start with dockaudit-e2e/"
            );
            let _ = cli.run(&["rmi", "-f", &tag]);
            cleanup.images.push(tag.clone());
            cli.build(&tag, img["dockerfile"].as_str().expect("image dockerfile"));
            for (check, want) in img["expect"].as_object().into_iter().flatten() {
                expects.push(Expect {
                    check: check.clone(),
                    kind: "image",
                    name: tag.clone(),
                    want: want.as_str().unwrap_or_default().to_string(),
                    file: fname.clone(),
                });
            }
        }
        for ct in doc["containers"].as_array().into_iter().flatten() {
            let name = ct["name"].as_str().expect("container name").to_string();
            assert!(
                name.starts_with("e2e-"),
                "{fname}: container name {name} must start with e2e-"
            );
            assert!(
                names.insert(name.clone()),
                "{fname}: container {name} declared twice"
            );
            let _ = cli.run(&["rm", "-f", "-v", &name]);
            // `{engine_socket}` in args stands for the audited engine's socket
            // path, `{repo}` for this repository's folder.
            let socket = host.strip_prefix("unix://").unwrap_or(&host).to_string();
            let args: Vec<String> = strs(&ct["args"])
                .into_iter()
                .map(|a| {
                    a.replace("{engine_socket}", &socket)
                        .replace("{repo}", env!("CARGO_MANIFEST_DIR"))
                })
                .collect();
            let mut create: Vec<String> = vec!["create".into(), "--name".into(), name.clone()];
            if !args.iter().any(|a| {
                a == "--network"
                    || a.starts_with("--network=")
                    || a == "--net"
                    || a.starts_with("--net=")
            }) {
                create.extend(["--network".into(), "none".into()]);
            }
            create.extend(args);
            create.push(ct["image"].as_str().expect("container image").to_string());
            create.extend(strs(&ct["cmd"]));
            let refs: Vec<&str> = create.iter().map(String::as_str).collect();
            cleanup.containers.push(name.clone());
            cli.ok(&refs);
            if ct["start"].as_bool() == Some(true) {
                let out = cli.run(&["start", &name]);
                if !out.status.success() {
                    setup_notes.push(format!(
                        "{fname}: {name} did not start (audited as created): {}",
                        String::from_utf8_lossy(&out.stderr).trim()
                    ));
                } else if ct["wait"].as_bool() == Some(true) {
                    cli.ok(&["wait", &name]);
                } else {
                    for ex in ct["execs"].as_array().into_iter().flatten() {
                        let mut a: Vec<String> = vec!["exec".into(), "-d".into()];
                        a.extend(strs(&ex["args"]));
                        a.push(name.clone());
                        a.extend(strs(&ex["cmd"]));
                        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
                        let out = cli.run(&refs);
                        if !out.status.success() {
                            setup_notes.push(format!(
                                "{fname}: exec in {name} failed: {}",
                                String::from_utf8_lossy(&out.stderr).trim()
                            ));
                        }
                    }
                }
                if ct["pause"].as_bool() == Some(true) {
                    let out = cli.run(&["pause", &name]);
                    if !out.status.success() {
                        setup_notes.push(format!(
                            "{fname}: {name} could not be paused: {}",
                            String::from_utf8_lossy(&out.stderr).trim()
                        ));
                    }
                }
            }
            for (pointer, want) in ct["facts"].as_object().into_iter().flatten() {
                fact_expects.push((fname.clone(), name.clone(), pointer.clone(), want.clone()));
            }
            for (check, want) in ct["expect"].as_object().into_iter().flatten() {
                expects.push(Expect {
                    check: check.clone(),
                    kind: "container",
                    name: name.clone(),
                    want: want.as_str().unwrap_or_default().to_string(),
                    file: fname.clone(),
                });
            }
        }
        for (check, want) in doc["checks"].as_object().into_iter().flatten() {
            expects.push(Expect {
                check: check.clone(),
                kind: "run",
                name: String::new(),
                want: want.as_str().unwrap_or_default().to_string(),
                file: fname.clone(),
            });
        }
    }
    for n in &setup_notes {
        println!("e2e_host: {n}");
    }

    let before = cli.snapshot();
    let live = dockaudit(&host, &["host", "--format", "json", "--now", NOW]);
    let report = report_of(&live, "dockaudit host --format json");

    // An evidence bundle audits like the live host. Live state can move
    // between the two reads (a health probe turning a container from
    // starting to healthy), so a differing pair is read again, up to three
    // times; the last pair must match.
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("facts.json");
    let mut live_checks = report["checks"].clone();
    let mut offline = Value::Null;
    for attempt in 0..3 {
        if attempt > 0 {
            let again = dockaudit(&host, &["host", "--format", "json", "--now", NOW]);
            live_checks = report_of(&again, "dockaudit host --format json")["checks"].clone();
        }
        let out = dockaudit(&host, &["collect", "-o", bundle.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "dockaudit collect: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let audited = dockaudit(
            &host,
            &[
                "host",
                "--facts",
                bundle.to_str().unwrap(),
                "--format",
                "json",
                "--now",
                NOW,
            ],
        );
        offline = report_of(&audited, "dockaudit host --facts");
        if live_checks == offline["checks"] {
            break;
        }
        println!(
            "e2e_host: live audit and bundle differ (attempt {}), reading again",
            attempt + 1
        );
    }
    let after = cli.snapshot();

    let mut errs = Vec::new();
    if before != after {
        errs.push(format!(
            "the audit changed the engine's state:\n--- before\n{before}\n--- after\n{after}"
        ));
    }
    errs.extend(contract_errors(&report));
    let facts: Value = serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap())
        .expect("the evidence bundle is JSON");
    for (file, name, pointer, want) in &fact_expects {
        let slashed = format!("/{name}");
        let got = facts
            .pointer("/containers/present")
            .and_then(Value::as_array)
            .and_then(|cs| cs.iter().find(|c| c["Name"] == slashed.as_str()))
            .and_then(|c| c.pointer(pointer));
        if got != Some(want) {
            errs.push(format!(
                "{file}: facts of container {name:?} at {pointer}: expected {want}, got {}",
                got.map(Value::to_string)
                    .unwrap_or_else(|| "nothing".into())
            ));
        }
    }
    errs.extend(expectation_errors(&report, &expects));
    if live_checks != offline["checks"] {
        let a = live_checks.as_array().cloned().unwrap_or_default();
        let b = offline["checks"].as_array().cloned().unwrap_or_default();
        for (x, y) in a.iter().zip(b.iter()) {
            if x != y {
                errs.push(format!(
                    "check {} differs between the live audit and the evidence bundle:\nlive: {x}\nbundle: {y}",
                    x["id"]
                ));
            }
        }
        if a.len() != b.len() {
            errs.push(format!(
                "live audit has {} checks, bundle {}",
                a.len(),
                b.len()
            ));
        }
    }
    // The sources the engine feeds were all collected.
    for s in report["sources"].as_array().into_iter().flatten() {
        let name = s["name"].as_str().unwrap_or("");
        if [
            "engine",
            "containers",
            "images",
            "networks",
            "volumes",
            "swarm",
        ]
        .contains(&name)
            && s["available"] != Value::Bool(true)
        {
            errs.push(format!("source {name} unavailable: {}", s["reason"]));
        }
    }
    drop(cleanup);
    if !errs.is_empty() {
        panic!(
            "{} mismatch(es) in the live host audit:\n{}",
            errs.len(),
            errs.join("\n")
        );
    }
    println!("e2e_host: {} expectations met", expects.len());
}

const NOWHERE: &str = "unix:///nonexistent/dockaudit-e2e.sock";

#[test]
fn unreachable_engine_exits_2_with_one_line() {
    let out = dockaudit(NOWHERE, &["host", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.contains(NOWHERE), "stderr names the endpoint: {err}");
    assert!(
        err.contains("DOCKER_HOST"),
        "stderr names DOCKER_HOST: {err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn allow_partial_skips_engine_checks() {
    use dockaudit::checks::{registry, Need};
    let out = dockaudit(
        NOWHERE,
        &["host", "--allow-partial", "--format", "json", "--now", NOW],
    );
    let report = report_of(&out, "dockaudit host --allow-partial");
    let engine_needs = [
        Need::Engine,
        Need::Containers,
        Need::ContainerSpecs,
        Need::Images,
        Need::Networks,
        Need::Volumes,
        Need::Swarm,
    ];
    let mut errs = contract_errors(&report);
    let by_id: BTreeMap<String, &Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c))
        .collect();
    for check in registry() {
        if check.mode != dockaudit::checks::Mode::Automated
            || !check.needs.iter().any(|n| engine_needs.contains(n))
        {
            continue;
        }
        let Some(c) = by_id.get(check.id) else {
            continue;
        };
        if c["status"] != "skipped" {
            errs.push(format!(
                "{}: expected skipped, got {}",
                check.id, c["status"]
            ));
        }
    }
    assert!(by_id.contains_key("RES-001"), "RES-001 is in the report");
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}
