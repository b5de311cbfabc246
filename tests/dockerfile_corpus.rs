//! Every Dockerfile of the shared real-world corpus (../shared/corpus
//! /dockerfiles, present on CI) must parse without error; and a bounded
//! check run over it must not panic. Skipped when the folder is absent.

use std::fs;
use std::path::{Path, PathBuf};

use dockaudit::dockerfile;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_corpus_dockerfile_parses() {
    let Some(dir) = corpus() else {
        eprintln!("shared corpus not present: skipped");
        return;
    };
    let mut all = Vec::new();
    files(&dir, &mut all);
    all.sort();
    assert!(all.len() >= 800, "corpus has {} files", all.len());
    let mut failures = Vec::new();
    let (mut heredocs, mut stages, mut windows, mut instructions) = (0, 0, 0, 0);
    for p in &all {
        let bytes = fs::read(p).unwrap();
        let df = dockerfile::parse(&p.display().to_string(), &bytes);
        for e in &df.errors {
            failures.push(format!("{}:{}: {}", p.display(), e.line, e.message));
        }
        assert!(!df.instructions.is_empty(), "{}", p.display());
        // Spans are well formed and ordered.
        let mut prev = 0;
        for i in &df.instructions {
            assert!(
                i.line <= i.end_line && i.line > prev,
                "{}:{}",
                p.display(),
                i.line
            );
            assert!(i.end_line <= df.lines, "{}:{}", p.display(), i.line);
            prev = i.end_line;
        }
        heredocs += df
            .instructions
            .iter()
            .filter(|i| !i.heredocs.is_empty())
            .count();
        stages += df.stages.len();
        windows +=
            usize::from(df.escape == "`" || df.instructions.iter().any(|i| i.shell.is_some()));
        instructions += df.instructions.len();
    }
    eprintln!(
        "{} files, {instructions} instructions, {stages} stages, {heredocs} heredoc instructions, {windows} with escape/SHELL",
        all.len()
    );
    assert!(
        failures.is_empty(),
        "{} parse errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
