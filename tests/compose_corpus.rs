//! The compose corpus: realistic compose files under tests/corpus/compose,
//! every compose check run over each, the findings snapshotted (insta);
//! and the real compose files of ../shared/corpus when that folder exists
//! (all must be read).

use std::path::{Path, PathBuf};

use dockaudit::checks::{self, AuditConfig, Ctx, Outcome, Scope};
use dockaudit::compose::{load_file, LoadOptions};
use dockaudit::facts::{ComposeFile, Facts, Source};

fn audit(files: Vec<ComposeFile>) -> String {
    let mut facts = Facts::new();
    facts.compose = Source::Present(files);
    let cfg = AuditConfig {
        now: Some("2026-11-28T12:00:00Z".to_string()),
        ..AuditConfig::default()
    };
    let ctx = Ctx::new(&facts, &cfg);
    let mut lines = Vec::new();
    for c in checks::in_section_order()
        .iter()
        .filter(|c| matches!(c.scope, Scope::Compose | Scope::Container))
    {
        match checks::run(c, &ctx) {
            Outcome::Fail { findings, .. } => {
                for f in findings {
                    let line = f
                        .evidence
                        .location
                        .as_ref()
                        .and_then(|l| l.line)
                        .map_or("-".to_string(), |l| l.to_string());
                    let file = f
                        .evidence
                        .location
                        .as_ref()
                        .map_or("-".to_string(), |l| l.path.clone());
                    lines.push(format!(
                        "{} {} {} {}:{} | {} | observed {}",
                        c.id,
                        f.severity.unwrap_or(c.severity),
                        f.subject.name,
                        file,
                        line,
                        f.message,
                        f.evidence.observed
                    ));
                }
            }
            Outcome::Pass { .. } | Outcome::NotApplicable(_) => {}
            other => lines.push(format!("{} {other:?}", c.id)),
        }
    }
    lines.join("\n") + "\n"
}

fn corpus_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let root = Path::new("tests/corpus/compose");
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("yml" | "yaml"))
                && !p.ends_with("extends/common.yml")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_findings_snapshot() {
    // Paths relative to the crate root keep the snapshots machine-neutral.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let files = corpus_files();
    assert!(files.len() >= 5, "{files:?}");
    for p in files {
        let f = load_file(&p, &LoadOptions::default());
        assert!(f.error.is_none(), "{}: {:?}", p.display(), f.error);
        let name = p
            .strip_prefix("tests/corpus/compose")
            .unwrap()
            .display()
            .to_string()
            .replace('/', "__");
        let services: Vec<String> = f
            .services
            .iter()
            .map(|s| format!("{} (line {}, profiles {:?})", s.name, s.line, s.profiles))
            .collect();
        let problems: Vec<String> = f
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect();
        let text = format!(
            "services: {services:#?}\nproblems: {problems:#?}\n\n{}",
            audit(vec![f])
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn profiles_select_services() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let opts = LoadOptions {
        profiles: vec!["prod".to_string()],
        ..Default::default()
    };
    let f = load_file(Path::new("tests/corpus/compose/spec-anchors.yaml"), &opts);
    assert!(f.services.iter().all(|s| s.name != "debug-shell"));
    assert_eq!(f.services.len(), 2);
}

/// Every compose file in the shared corpus (when present) is read: no
/// file-level error. Prints how many there were and how fast.
#[test]
fn shared_corpus_compose_files_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        eprintln!("no shared corpus at {}: skipped", root.display());
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if p.is_dir() {
                stack.push(p);
            } else if name.contains("compose")
                && (name.ends_with(".yml") || name.ends_with(".yaml"))
            {
                files.push(p);
            }
        }
    }
    let t = std::time::Instant::now();
    let mut failed = Vec::new();
    let mut loaded = Vec::new();
    for p in &files {
        let f = load_file(p, &LoadOptions::default());
        if let Some(e) = &f.error {
            failed.push(format!("{}: line {}: {}", p.display(), e.line, e.message));
        }
        loaded.push(f);
    }
    let report = audit(loaded);
    eprintln!(
        "{} compose files in the shared corpus read and audited in {:?}; {} finding lines",
        files.len(),
        t.elapsed(),
        report.lines().count()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
