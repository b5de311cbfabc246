//! Registry invariants and the per-check fixtures: every automated check has
//! a failing and a passing facts fixture under tests/fixtures/checks/<ID>/,
//! files named fail*.json and pass*.json (na*.json and skip*.json optional).
//! Container checks may also give compose files (fail*.yml, pass*.yml) and
//! Kubernetes manifests (fail*-k8s.yaml), Dockerfile checks Dockerfiles
//! (fail*.Dockerfile): each is read the way its command reads it (see
//! tests/common).

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use dockaudit::checks::{self, cis, Ctx, Mode, Outcome};
use dockaudit::facts::Facts;

#[test]
fn ids_and_slugs_are_unique_and_well_formed() {
    let all = checks::registry();
    let id_re =
        regex::Regex::new(r"^(HOST|PROV|MON|USER|SECRET|BASE|RES|IMG|DF|COMPOSE)-\d{3}$").unwrap();
    let slug_re = regex::Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").unwrap();
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    for c in all {
        assert!(id_re.is_match(c.id), "bad id {}", c.id);
        assert!(slug_re.is_match(c.slug), "bad slug {} on {}", c.slug, c.id);
        assert!(ids.insert(c.id), "duplicate id {}", c.id);
        assert!(slugs.insert(c.slug), "duplicate slug {}", c.slug);
        assert!(!c.title.trim().is_empty(), "{} has no title", c.id);
        assert!(
            !c.item.trim().is_empty(),
            "{} names no checklist item",
            c.id
        );
        assert!(
            c.rationale.trim().len() > 20,
            "{} rationale too short",
            c.id
        );
        assert!(
            c.remediation.trim().len() > 10,
            "{} remediation too short",
            c.id
        );
        for ctl in c.cis {
            assert!(
                cis::find(ctl).is_some(),
                "{} names unknown CIS control {ctl}",
                c.id
            );
        }
    }
}

#[test]
fn every_cis_control_is_covered() {
    let all = checks::registry();
    let missing: Vec<&str> = cis::CONTROLS
        .iter()
        .filter(|ctl| !all.iter().any(|c| c.cis.contains(&ctl.id)))
        .map(|ctl| ctl.id)
        .collect();
    assert!(
        missing.is_empty(),
        "CIS controls without a check: {missing:?}"
    );
}

#[test]
fn manual_checks_return_manual() {
    let cfg = common::config();
    let empty = Facts::new();
    let ctx = Ctx::new(&empty, &cfg);
    for c in checks::registry().iter().filter(|c| c.mode == Mode::Manual) {
        let out = checks::run(c, &ctx);
        assert!(
            matches!(out, Outcome::Manual { .. }),
            "{} returned {:?}",
            c.id,
            out
        );
    }
}

#[test]
fn automated_checks_fail_and_pass_their_fixtures() {
    let cfg = common::config();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut problems = Vec::new();
    for c in checks::registry()
        .iter()
        .filter(|c| c.mode == Mode::Automated)
    {
        let dir = root.join(c.id);
        let mut seen_fail = false;
        let mut seen_pass = false;
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some(facts) = common::load_fixture(&path) else {
                continue;
            };
            let ctx = Ctx::new(&facts, &cfg);
            let out = checks::run(c, &ctx);
            let ok = if name.starts_with("fail") {
                seen_fail = true;
                // A finding at any severity, info included, fails its check.
                matches!(&out, Outcome::Fail { findings, .. } if !findings.is_empty())
            } else if name.starts_with("pass") {
                seen_pass = true;
                matches!(out, Outcome::Pass { checked, .. } if checked > 0)
            } else if name.starts_with("na") {
                matches!(out, Outcome::NotApplicable(_))
            } else if name.starts_with("skip") {
                matches!(out, Outcome::Skipped(_))
            } else {
                problems.push(format!(
                    "{}: fixture name must start with fail, pass, na or skip",
                    path.display()
                ));
                continue;
            };
            if !ok {
                problems.push(format!("{} {}: got {:?}", c.id, name, out));
            }
        }
        if !seen_fail || !seen_pass {
            problems.push(format!(
                "{} lacks a fail*.json and a pass*.json fixture in {}",
                c.id,
                dir.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn automated_checks_skip_without_facts() {
    // With every source unavailable, no automated check may pass.
    let cfg = common::config();
    let empty = Facts::new();
    let ctx = Ctx::new(&empty, &cfg);
    for c in checks::registry()
        .iter()
        .filter(|c| c.mode == Mode::Automated)
    {
        let out = checks::run(c, &ctx);
        assert!(
            matches!(out, Outcome::Skipped(_)),
            "{} without facts gave {:?}",
            c.id,
            out
        );
    }
}

#[test]
fn committed_docs_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks");
    for (name, content) in dockaudit::docs::generate() {
        let path = dir.join(&name);
        let on_disk = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == content,
            "{} is stale: run `cargo run -- docs`",
            path.display()
        );
    }
}

#[test]
fn registry_is_sorted_by_id_and_unique() {
    let ids: Vec<&str> = checks::registry().iter().map(|c| c.id).collect();
    for pair in ids.windows(2) {
        assert!(
            pair[0] < pair[1],
            "registry out of order or duplicated: {} before {}",
            pair[0],
            pair[1]
        );
    }
}

/// Every id a check definition names under src/checks: `id = "XXX-NNN"` in
/// a check's metadata file, `id: "XXX-NNN"` in a table row (outside test
/// modules).
fn defined_check_ids(dir: &Path, out: &mut Vec<(String, String)>) {
    let id_re = regex::Regex::new(r#"\bid: "([A-Z]+-\d{3})""#).unwrap();
    let meta_re = regex::Regex::new(r#"(?m)^id = "([A-Z]+-\d{3})""#).unwrap();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            defined_check_ids(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for cap in id_re.captures_iter(code) {
                out.push((cap[1].to_string(), path.display().to_string()));
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path).unwrap();
            for cap in meta_re.captures_iter(&text) {
                out.push((cap[1].to_string(), path.display().to_string()));
            }
        }
    }
}

#[test]
fn every_check_file_is_registered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
    let mut defined = Vec::new();
    defined_check_ids(&root, &mut defined);
    assert!(defined.len() >= checks::registry().len());
    let ids: HashSet<&str> = checks::registry().iter().map(|c| c.id).collect();
    let missing: Vec<String> = defined
        .iter()
        .filter(|(id, _)| !ids.contains(id.as_str()))
        .map(|(id, path)| format!("{id} ({path})"))
        .collect();
    assert!(
        missing.is_empty(),
        "checks defined but not listed in src/checks/registry.rs: {missing:?}"
    );
}

#[test]
fn every_fixture_folder_names_a_registered_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let ids: HashSet<&str> = checks::registry().iter().map(|c| c.id).collect();
    let strays: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| !ids.contains(name.as_str()))
        .collect();
    assert!(
        strays.is_empty(),
        "fixture folders naming no check (a retired id's fixtures move to the check that \
         keeps it as an alias): {strays:?}"
    );
}

#[test]
fn retired_ids_resolve_through_aliases() {
    use dockaudit::report::Selection;
    let all = checks::registry();
    for (retired, kept) in [
        ("USER-101", "IMG-001"),
        ("BASE-102", "IMG-002"),
        ("SECRET-101", "IMG-004"),
        ("SECRET-102", "IMG-006"),
        ("BASE-104", "IMG-008"),
        ("BASE-103", "IMG-009"),
        ("BASE-100", "IMG-010"),
    ] {
        assert!(!all.iter().any(|c| c.id == retired), "{retired} is retired");
        assert_eq!(checks::find(retired).map(|c| c.id), Some(kept), "{retired}");
        let kept_check = checks::find(kept).unwrap();
        let select = Selection {
            select: vec![retired.to_lowercase()],
            ignore: vec![],
        };
        assert!(select.includes(kept_check), "--select {retired}");
        assert!(select.unknown_terms(all).is_empty());
        let ignore = Selection {
            select: vec![],
            ignore: vec![retired.to_string()],
        };
        assert!(!ignore.includes(kept_check), "--ignore {retired}");
    }
    // SECRET-101 judged environment and labels: both halves answer to it.
    let labels = checks::find("IMG-005").unwrap();
    assert!(Selection {
        select: vec!["SECRET-101".into()],
        ignore: vec![],
    }
    .includes(labels));
}
