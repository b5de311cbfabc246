//! `--format` through the binary: several formats in one run write one
//! file each into the `-o` directory; one format keeps writing to the file
//! or standard output; listings refuse report formats.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dockaudit"))
}

fn dockerfile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dockerfiles/legacy-debian.Dockerfile")
}

const NOW: &str = "2026-11-28T12:00:00Z";

fn audit(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(["dockerfile", "--now", NOW])
        .args(args)
        .arg(dockerfile())
        .output()
        .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn several_formats_write_one_file_each() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("reports/new");
    let out = bin()
        .current_dir(tmp.path())
        .args([
            "dockerfile",
            "--now",
            NOW,
            "--format",
            "json,junit,csv,markdown,sarif,text,json",
            "-o",
        ])
        .arg(&out_dir)
        .arg(dockerfile())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on standard output");
    assert_eq!(
        files(&out_dir),
        [
            "report.csv",
            "report.json",
            "report.md",
            "report.sarif",
            "report.txt",
            "report.xml"
        ]
    );
    // Each file is what the one-format run writes.
    for (format, name) in [
        ("json", "report.json"),
        ("junit", "report.xml"),
        ("csv", "report.csv"),
        ("markdown", "report.md"),
        ("sarif", "report.sarif"),
        ("text", "report.txt"),
    ] {
        let single = audit(tmp.path(), &["--format", format, "--color", "never"]);
        assert_eq!(single.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&single.stdout),
            fs::read_to_string(out_dir.join(name)).unwrap(),
            "{format}"
        );
    }
    let xml = fs::read_to_string(out_dir.join("report.xml")).unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains("<failure "),
        "{xml}"
    );
    assert!(fs::read_to_string(out_dir.join("report.csv"))
        .unwrap()
        .starts_with("check_id,title,section,"));

    // Only the formats asked for.
    let two = tmp.path().join("two");
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "json,junit", "-o"])
        .arg(&two)
        .arg(dockerfile())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(files(&two), ["report.json", "report.xml"]);
}

#[test]
fn one_format_keeps_writing_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("out.xml");
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "junit", "-o"])
        .arg(&file)
        .arg(dockerfile())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(fs::read_to_string(&file).unwrap().contains("<testsuites "));
    // A repeated format is one format.
    let out = audit(tmp.path(), &["--format", "csv,csv"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("check_id,"));
}

#[test]
fn several_formats_need_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = audit(tmp.path(), &["--format", "json,csv"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("-o DIR"), "{err}");
    assert!(out.stdout.is_empty());

    let file = tmp.path().join("a-file");
    fs::write(&file, "keep").unwrap();
    let out = bin()
        .current_dir(tmp.path())
        .args(["dockerfile", "--format", "json,csv", "-o"])
        .arg(&file)
        .arg(dockerfile())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("names a directory"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
}

#[test]
fn listings_refuse_report_formats() {
    for format in ["junit", "csv", "markdown", "sarif"] {
        let out = bin().args(["checks", "--format", format]).output().unwrap();
        assert!(!out.status.success(), "{format}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("report format"),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = bin().args(["checks", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
}
