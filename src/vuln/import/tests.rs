//! Tests of the import entry points: the real published data of
//! ../shared/vulndata (when present), the hand-written fixtures of
//! tests/fixtures/vulndb, zip archives built here (corrupt and hostile), and
//! the refusals (special files, symbolic links, files too large).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::vuln::advisory::{Event, RangeKind};

fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/vulndata")
        .join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("no {}: skipped", p.display());
        None
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vulndb")
}

fn import(path: &Path, limits: &Limits) -> (Vec<Advisory>, ImportStats) {
    let mut got = Vec::new();
    let stats = import_path(path, limits, &mut |a| got.push(a)).unwrap();
    (got, stats)
}

fn by_id<'a>(all: &'a [Advisory], id: &str) -> &'a Advisory {
    all.iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn shared_vulndata_osv_records_import_per_source() {
    for (sub, want, eco) in [
        ("pypa-advisory-database", 151, "PyPI"),
        ("rustsec-advisory-db-osv", 51, "crates.io"),
        ("golang-vulndb", 29, "Go"),
        ("github-advisory-database", 4, ""),
    ] {
        let Some(p) = shared(sub) else { return };
        let (got, stats) = import(&p, &Limits::default());
        assert!(stats.errors.is_empty(), "{sub}: {:?}", stats.errors);
        assert_eq!(got.len(), want, "{sub}");
        assert_eq!(stats.files_read, want, "{sub}");
        assert_eq!(stats.by_source.get("osv"), Some(&want), "{sub}");
        if !eco.is_empty() {
            assert_eq!(stats.by_ecosystem.get(eco), Some(&want), "{sub}: {stats:?}");
        }
        assert!(got.iter().all(|a| !a.aliases.contains(&a.id)));
        assert!(got.iter().all(|a| a.references.len() <= 5));
    }
}

#[test]
fn shared_vulndata_whole_folder() {
    let Some(root) = shared("") else { return };
    let (got, stats) = import(&root, &Limits::default());
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    assert_eq!(stats.by_source.get("osv"), Some(&235), "{stats:?}");
    let alpine = got
        .iter()
        .filter(|a| a.source.starts_with("alpine-secdb:v3.1"))
        .count();
    let by_source: usize = stats
        .by_source
        .iter()
        .filter(|(k, _)| k.starts_with("alpine-secdb:"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(by_source, alpine);
    assert_eq!(
        stats.by_ecosystem.get("Alpine:v3.10"),
        Some(&1159),
        "{stats:?}"
    );
    assert_eq!(
        stats.by_ecosystem.get("Alpine:v3.11"),
        Some(&1180),
        "{stats:?}"
    );
    assert_eq!(stats.by_ecosystem.get("npm"), Some(&2));
    assert_eq!(stats.by_ecosystem.get("Maven"), Some(&2));
    // The debian-security-support lists are not advisories: the one without
    // an extension is read and counted as not an advisory format, the two
    // `.deb1x` ones (and PROVENANCE.md) are skipped by extension.
    assert_eq!(stats.skipped.get("not an advisory format"), Some(&1));
    assert_eq!(
        stats.skipped.get("file extension not an advisory format"),
        Some(&3)
    );
    assert_eq!(stats.files_read, 235 + 2 + 1);
    eprintln!(
        "vulndata: {} advisories {:?} {:?} skipped {:?} warnings {:?}",
        got.len(),
        stats.by_source,
        stats.by_ecosystem,
        stats.skipped,
        stats.warnings
    );
}

#[test]
fn debian_security_support_files_named_alone_are_not_advisories() {
    let Some(dir) = shared("debian-security-support") else {
        return;
    };
    for f in [
        "security-support-ended.deb11",
        "security-support-ended.deb12",
        "security-support-limited",
    ] {
        let (got, stats) = import(&dir.join(f), &Limits::default());
        assert!(got.is_empty());
        assert_eq!(stats.errors.len(), 1, "{f}: {stats:?}");
        assert!(
            stats.errors[0].contains(f) && stats.errors[0].contains("not an advisory format"),
            "{:?}",
            stats.errors
        );
    }
}

#[test]
fn shared_withdrawn_informational_and_placeholder_dates() {
    let Some(root) = shared("") else { return };
    let (got, _) = import(&root, &Limits::default());
    for id in [
        "RUSTSEC-2023-0002",
        "RUSTSEC-2025-0007",
        "RUSTSEC-2019-0031",
        "GO-2025-3543",
    ] {
        assert!(by_id(&got, id).withdrawn.is_some(), "{id}");
    }
    let informational = got
        .iter()
        .filter(|a| a.id.starts_with("RUSTSEC"))
        .filter(|a| a.affected.iter().any(|x| x.informational.is_some()))
        .count();
    assert_eq!(informational, 14);
    let go: Vec<_> = got.iter().filter(|a| a.id.starts_with("GO-")).collect();
    assert_eq!(go.len(), 29);
    // Every record's `modified` is the year-1 placeholder; 20 of the 29
    // `published` are too (the other 9 carry real dates, 2021-2022).
    assert!(go.iter().all(|a| a.modified.is_none()));
    assert_eq!(go.iter().filter(|a| a.published.is_none()).count(), 20);
    assert!(go
        .iter()
        .filter_map(|a| a.published.as_deref())
        .all(|p| p.starts_with("202")));
    // Go ranges are SEMVER; PyPA records are YAML with PEP 440 versions kept as text.
    assert!(go
        .iter()
        .flat_map(|a| &a.affected)
        .flat_map(|x| &x.ranges)
        .all(|r| r.kind == RangeKind::Semver));
    let flask = by_id(&got, "PYSEC-2018-66");
    assert_eq!(flask.aliases, ["CVE-2018-1000656", "GHSA-562c-5r94-xh97"]);
    assert!(flask.affected[0].versions.contains(&"0.10".to_string()));
    assert_eq!(flask.published.as_deref(), Some("2018-08-20T19:31:00Z"));
    assert!(!flask.summary.is_empty(), "summary derived from details");
    // GHSA database_specific.severity becomes a rating.
    let guava = by_id(&got, "GHSA-7g45-4rm6-3mm3");
    assert!(guava
        .severity
        .iter()
        .any(|s| s.kind == "rating" && s.score == "moderate"));
    let openssl = got
        .iter()
        .find(|a| a.id == "CVE-2019-1551" && a.affected[0].ecosystem == "Alpine:v3.11")
        .unwrap();
    assert_eq!(openssl.affected[0].package, "openssl");
    assert_eq!(openssl.summary, "openssl: CVE-2019-1551 fixed in 1.1.1d-r3");
}

#[test]
fn fixtures_import() {
    let (got, stats) = import(&fixtures(), &Limits::default());
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    assert_eq!(stats.by_source.get("debian-tracker"), Some(&4), "{stats:?}");
    assert_eq!(stats.by_source.get("osv"), Some(&5), "{stats:?}");
    assert_eq!(
        stats.skipped.get("file extension not an advisory format"),
        Some(&1),
        "README.md"
    );

    let t: Vec<_> = got
        .iter()
        .filter(|a| a.source == "debian-tracker")
        .collect();
    let ids: Vec<&str> = t.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "CVE-2024-7264",
            "CVE-2024-5535",
            "CVE-2024-13176",
            "TEMP-0000000-F7A20F"
        ]
    );
    let ssl = t[1];
    assert_eq!(ssl.summary, "SSL_select_next_proto buffer overread");
    let ecos: Vec<&str> = ssl.affected.iter().map(|x| x.ecosystem.as_str()).collect();
    assert_eq!(ecos, ["Debian:12", "Debian:11", "Debian:13"]);
    assert_eq!(
        ssl.affected[0].ranges[0].events,
        [
            Event::Introduced("0".into()),
            Event::Fixed("3.0.15-1~deb12u1".into())
        ]
    );
    assert_eq!(t[0].affected[1].severity[0].score, "negligible");
    assert_eq!(t[2].affected[0].ranges[0].events.len(), 1, "open: unfixed");
    assert_eq!(t[2].affected[0].severity[0].score, "low");
    assert!(t[3].affected[0].severity.is_empty());
    assert_eq!(
        stats
            .skipped
            .get("debian-tracker: release not affected (fixed_version 0)"),
        Some(&2)
    );
    assert_eq!(
        stats
            .skipped
            .get("debian-tracker: no mapped release affected"),
        Some(&1)
    );

    let u = by_id(&got, "UBUNTU-CVE-2024-5535");
    assert_eq!(u.affected[0].ecosystem, "Ubuntu:22.04:LTS");
    assert_eq!(u.severity[1].kind, "rating");
    assert_eq!(u.severity[1].score, "low");
    assert_eq!(u.references.len(), 2);
    assert!(u.references[0].contains("USN-6937-1"), "ADVISORY first");
    let alma = by_id(&got, "ALSA-2024:9333");
    assert_eq!(alma.affected.len(), 2);
    assert_eq!(alma.affected[0].ecosystem, "AlmaLinux:9");
    assert_eq!(
        alma.affected[0].ranges[0].events[1],
        Event::Fixed("1:3.2.2-6.el9_5".into())
    );
    let dsa = by_id(&got, "DSA-5764-1");
    assert_eq!(dsa.affected[0].ecosystem, "Debian:12");
    assert_eq!(dsa.summary, "openssl - security update");
    let dc = by_id(&got, "DEBIAN-CVE-2024-13176");
    assert_eq!(dc.affected[0].severity[0].score, "low");
}

#[test]
fn detect_formats() {
    assert_eq!(detect(br#"{"id": "X", "affected": []}"#), Some(Format::Osv));
    assert_eq!(detect(br#"  [{"id": "X"}]"#), Some(Format::Osv));
    assert_eq!(
        detect(br#"{"x-first": 1, "schema_version": "1.6.0", "id": "X"}"#),
        Some(Format::Osv)
    );
    assert_eq!(
        detect(br#"{"distroversion": "v3.19", "packages": []}"#),
        Some(Format::AlpineSecdb)
    );
    assert_eq!(
        detect(br#"{"openssl": {"CVE-1": {"releases": {"bookworm": {"status": "open"}}}}}"#),
        Some(Format::DebianTracker)
    );
    assert_eq!(detect(b"id: PYSEC-1\naffected: []\n"), Some(Format::Osv));
    assert_eq!(
        detect(b"---\ndistroversion: v3.11\npackages: []\n"),
        Some(Format::AlpineSecdb)
    );
    assert_eq!(detect(b"pkg 1.0 2024-01-01 details\n"), None);
    assert_eq!(detect(br#"{"a": 1}"#), None);
    assert_eq!(detect(b""), None);
    assert_eq!(detect(b"{"), None);
    assert_eq!(detect(&[0xff, 0xfe]), None);
}

fn bytes(
    text: &str,
    name: &str,
    limits: &Limits,
) -> (Result<Format, ImportError>, Vec<Advisory>, ImportStats) {
    let mut got = Vec::new();
    let mut stats = ImportStats::default();
    let r = import_bytes(
        text.as_bytes(),
        name,
        limits,
        &mut |a| got.push(a),
        &mut stats,
    );
    (r, got, stats)
}

#[test]
fn record_errors_name_the_file() {
    let l = Limits::default();
    let (r, _, _) = bytes(r#"{"summary": "no id", "affected": []}"#, "x.json", &l);
    let e = r.unwrap_err().to_string();
    assert!(e.starts_with("x.json:") && e.contains("`id`"), "{e}");

    let (r, _, _) = bytes(
        "{\n  \"id\": \"X\",\n  \"affected\": [,]\n}\n",
        "bad.json",
        &l,
    );
    let e = r.unwrap_err().to_string();
    assert!(e.starts_with("bad.json: line 3, column"), "{e}");

    let (r, _, _) = bytes("id: X\naffected: [\n", "bad.yaml", &l);
    let e = r.unwrap_err().to_string();
    assert!(e.starts_with("bad.yaml: line"), "{e}");

    // A list of records: the bad one is an error, the others are read.
    let (r, got, stats) = bytes(
        r#"[{"id": "A"}, {"summary": "x"}, {"id": "C"}]"#,
        "l.json",
        &l,
    );
    assert!(r.is_ok());
    assert_eq!(got.len(), 2);
    assert_eq!(stats.errors.len(), 1);
    assert!(
        stats.errors[0].starts_with("l.json (record #1)"),
        "{:?}",
        stats.errors
    );
}

#[test]
fn size_bounds_per_format() {
    let l = Limits {
        max_record_bytes: 64,
        max_tracker_bytes: 4096,
        ..Limits::default()
    };
    let big_osv = format!(r#"{{"id": "X", "summary": "{}"}}"#, "a".repeat(100));
    let (r, _, _) = bytes(&big_osv, "big.json", &l);
    assert!(matches!(r, Err(ImportError::TooLarge { .. })), "{r:?}");
    let tracker = format!(
        r#"{{"p": {{"CVE-1": {{"description": "{}", "releases": {{"bookworm": {{"status": "open"}}}}}}}}}}"#,
        "d".repeat(200)
    );
    let (r, got, _) = bytes(&tracker, "json", &l);
    assert_eq!(r.unwrap(), Format::DebianTracker);
    assert_eq!(got.len(), 1);
}

fn zip_of(entries: &[(&str, &[u8], zip::CompressionMethod)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data, method) in entries {
        let o = zip::write::SimpleFileOptions::default().compression_method(*method);
        w.start_file(*name, o).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn import_zip_bytes(z: Vec<u8>, limits: &Limits) -> (Vec<Advisory>, ImportStats) {
    let mut got = Vec::new();
    let mut stats = ImportStats::default();
    import_zip(
        std::io::Cursor::new(z),
        "dump.zip",
        limits,
        &mut |a| got.push(a),
        &mut stats,
    );
    (got, stats)
}

#[test]
fn zip_with_a_corrupt_entry() {
    use zip::CompressionMethod::{Deflated, Stored};
    let rec = |id: &str| {
        format!(
            r#"{{"id": "{id}", "affected": [{{"package": {{"ecosystem": "PyPI", "name": "x"}}}}]}}"#
        )
    };
    let corrupt = b"{\"id\": \"CORRUPT-MARKER-1\"}";
    let mut z = zip_of(&[
        ("A-1.json", rec("A-1").as_bytes(), Deflated),
        ("B-1.json", rec("B-1").as_bytes(), Deflated),
        ("bad/CORRUPT-1.json", corrupt, Stored),
        ("C-1.json", rec("C-1").as_bytes(), Deflated),
        ("notes.txt", b"not read", Stored),
    ]);
    // Flip a byte of the stored entry's data: its checksum no longer holds.
    let at = z.windows(corrupt.len()).position(|w| w == corrupt).unwrap();
    z[at + 10] ^= 0x20;
    let (got, stats) = import_zip_bytes(z, &Limits::default());
    assert_eq!(got.len(), 3, "{stats:?}");
    assert_eq!(stats.errors.len(), 1, "{:?}", stats.errors);
    assert!(
        stats.errors[0].contains("dump.zip (entry bad/CORRUPT-1.json)"),
        "{:?}",
        stats.errors
    );
    assert_eq!(stats.zip_entries_read, 4);
    assert_eq!(stats.skipped.values().sum::<usize>(), 1);

    // Malformed JSON in an entry: named with its line.
    let z = zip_of(&[
        ("A-1.json", rec("A-1").as_bytes(), Deflated),
        ("bad.json", b"{\n\"id\": }", Deflated),
    ]);
    let (got, stats) = import_zip_bytes(z, &Limits::default());
    assert_eq!(got.len(), 1);
    assert!(
        stats.errors[0].starts_with("dump.zip (entry bad.json): line 2"),
        "{:?}",
        stats.errors
    );
}

/// Rewrites the uncompressed size of every entry (local headers and the
/// central directory) to `size`.
fn lie_about_sizes(z: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 4 <= z.len() {
        match &z[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => {
                z[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                i += 30;
            }
            [0x50, 0x4b, 0x01, 0x02] => {
                z[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                i += 46;
            }
            _ => i += 1,
        }
    }
}

#[test]
fn hostile_zip_stops_with_a_clear_error() {
    use zip::CompressionMethod::Deflated;
    let limits = Limits {
        max_record_bytes: 1 << 20,
        ..Limits::default()
    };
    let bomb = vec![b' '; 4 << 20];
    let mut z = zip_of(&[
        ("A-1.json", bomb.as_slice(), Deflated),
        ("B-1.json", br#"{"id": "B-1"}"#, Deflated),
    ]);
    lie_about_sizes(&mut z, 100);
    let (got, stats) = import_zip_bytes(z, &limits);
    assert!(got.is_empty(), "nothing after the bomb is read");
    assert_eq!(stats.errors.len(), 1, "{:?}", stats.errors);
    let e = &stats.errors[0];
    assert!(
        e.contains("dump.zip") && e.contains("A-1.json") && e.contains("archive not read further"),
        "{e}"
    );

    // An entry that honestly declares more than the bound is not read.
    let z = zip_of(&[
        ("A-1.json", bomb.as_slice(), Deflated),
        ("B-1.json", br#"{"id": "B-1"}"#, Deflated),
    ]);
    let (got, stats) = import_zip_bytes(z, &limits);
    assert_eq!(got.len(), 1);
    assert!(
        stats.errors[0].contains("larger than"),
        "{:?}",
        stats.errors
    );
    assert_eq!(stats.zip_entries_read, 1);

    // The total bound stops the archive.
    let rec = br#"{"id": "R"}"#;
    let z = zip_of(&[
        ("A.json", rec, Deflated),
        ("B.json", rec, Deflated),
        ("C.json", rec, Deflated),
    ]);
    let small_total = Limits {
        max_zip_total_bytes: 2 * rec.len() as u64,
        ..Limits::default()
    };
    let (got, stats) = import_zip_bytes(z, &small_total);
    assert_eq!(got.len(), 2);
    assert!(
        stats.errors[0].contains("uncompressed bytes"),
        "{:?}",
        stats.errors
    );

    // Not a zip at all.
    let (_, stats) = import_zip_bytes(b"PK\x03\x04garbage".to_vec(), &limits);
    assert!(stats.errors[0].starts_with("dump.zip: not a readable zip archive"));
}

#[test]
fn a_zip_file_in_a_folder_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let z = zip_of(&[(
        "osv/A-1.json",
        br#"{"id": "A-1", "withdrawn": "2024-01-01T00:00:00Z"}"#,
        zip::CompressionMethod::Deflated,
    )]);
    std::fs::write(dir.path().join("PyPI.zip"), z).unwrap();
    let (got, stats) = import(dir.path(), &Limits::default());
    assert_eq!(got.len(), 1, "{stats:?}");
    assert_eq!(got[0].withdrawn.as_deref(), Some("2024-01-01T00:00:00Z"));
    assert_eq!((stats.files_read, stats.zip_entries_read), (1, 1));
}

#[test]
fn special_files_symlinks_and_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    std::fs::write(d.join(".git/X.json"), r#"{"id": "HIDDEN"}"#).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("O.json"), r#"{"id": "OUTSIDE"}"#).unwrap();
    std::os::unix::fs::symlink(outside.path().join("O.json"), d.join("link.json")).unwrap();
    std::os::unix::fs::symlink(outside.path(), d.join("linkdir")).unwrap();
    std::fs::write(d.join("A.json"), r#"{"id": "A"}"#).unwrap();
    let fifo = d.join("fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let (got, stats) = import(d, &Limits::default());
    let ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["A"]);
    assert_eq!(stats.skipped.get("symbolic link (not followed)"), Some(&2));
    assert_eq!(stats.skipped.get("hidden file or folder"), Some(&1));
    if made {
        assert_eq!(stats.errors.len(), 1, "{:?}", stats.errors);
        assert!(stats.errors[0].contains("fifo.json: not a regular file"));
        let e = import_path(&fifo, &Limits::default(), &mut |_| {}).unwrap_err();
        assert!(matches!(e, ImportError::SpecialFile { .. }), "{e}");
    }
    let e = import_path(&d.join("missing"), &Limits::default(), &mut |_| {}).unwrap_err();
    assert!(e.to_string().starts_with("cannot read "), "{e}");
}
