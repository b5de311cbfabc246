//! Offline vulnerability matching through the binary: `db import` of the
//! real advisories in ../shared/vulndata and the format fixtures, `db
//! status`, and `vulns` / `image` / `host --facts` / `sbom` over a rootfs
//! whose packages sit on both sides of real ranges' boundaries.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "common/report.rs"]
mod report;
use report::{check, findings};

const SHARED: &str = "../shared/vulndata";

fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dockaudit"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    c
}

fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin(home).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn deb(name: &str, source: &str, version: &str) -> String {
    format!(
        "Package: {name}\nStatus: install ok installed\nArchitecture: amd64\nSource: {source}\n\
         Version: {version}\n\n"
    )
}

/// A Debian 12 rootfs: libssl3 from openssl 3.0.11-1~deb12u2 (before the
/// fixes), curl at 7.88.1-10+deb12u5, and pip packages on both sides of
/// real PyPA ranges.
fn rootfs(dir: &Path) -> PathBuf {
    let root = dir.join("rootfs");
    write(
        &root,
        "etc/os-release",
        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    );
    write(
        &root,
        "var/lib/dpkg/status",
        &[
            deb("libssl3", "openssl", "3.0.11-1~deb12u2"),
            deb("curl", "curl", "7.88.1-10+deb12u5"),
        ]
        .concat(),
    );
    for (name, version) in [
        ("requests", "2.25.0"),
        ("urllib3", "1.26.4"),
        ("Jinja2", "2.10"),
    ] {
        write(
            &root,
            &format!("usr/lib/python3/dist-packages/{name}-{version}.dist-info/METADATA"),
            &format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n"),
        );
    }
    root
}

fn import_all(home: &Path, db: &Path) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vulndb");
    let (code, out, err) = run(
        home,
        &[
            "--no-config",
            "db",
            "import",
            "--db",
            db.to_str().unwrap(),
            SHARED,
            fixtures.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}\n{err}");
    out
}

/// `dockaudit --no-config vulns ROOT --db DB --format json EXTRA...`:
/// the exit code and the report.
fn vulns(home: &Path, root: &Path, db: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec![
        "--no-config",
        "vulns",
        root.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run(home, &args);
    let r = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, r)
}

/// (package name, advisory id) of every advisory finding.
fn pairs(c: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings(c)
        .iter()
        .filter(|f| f["advisory"].is_object())
        .map(|f| {
            (
                f["subject"]["name"].as_str().unwrap().to_string(),
                f["advisory"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn has(p: &[(String, String)], pkg: &str, id: &str) -> bool {
    p.iter().any(|(a, b)| a == pkg && b == id)
}

#[test]
fn import_status_and_idempotent_reimport() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let first = import_all(tmp.path(), &db);
    assert!(first.contains(" added"), "{first}");
    let (code, out, err) = run(
        tmp.path(),
        &[
            "--no-config",
            "db",
            "status",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let st: Value = serde_json::from_str(&out).unwrap();
    let eco = |name: &str| {
        st["ecosystems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["ecosystem"] == name)
            .map(|e| e["records"].as_u64().unwrap())
            .unwrap_or(0)
    };
    assert_eq!(eco("PyPI"), 151);
    assert_eq!(eco("crates.io"), 51);
    assert_eq!(eco("Go"), 29);
    assert!(eco("Alpine:v3.10") > 1000 && eco("Alpine:v3.11") > 1000);
    assert!(eco("Debian:12") >= 3, "{out}");
    assert!(st["newest_modified"].as_str().is_some());
    // The same data again: nothing added, nothing updated.
    let again = import_all(tmp.path(), &db);
    assert!(again.contains(": 0 added, 0 updated"), "{again}");
}

#[test]
fn image_rootfs_matches_each_range_boundary() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    import_all(tmp.path(), &db);
    let root = rootfs(tmp.path());
    let (code, r) = vulns(tmp.path(), &root, &db, &["--now", "2024-12-01T00:00:00Z"]);
    assert_eq!(code, 1);
    let c = check(&r, "BASE-113");
    assert_eq!(c["status"], "fail");
    let p = pairs(c);
    // requests 2.25.0: inside [2.3.0, 2.31.0), above the 2.20.0 fix.
    assert!(has(&p, "requests", "PYSEC-2023-74"), "{p:?}");
    assert!(!has(&p, "requests", "PYSEC-2018-28"));
    // urllib3 1.26.4: the fixed version of PYSEC-2021-59 itself is clean.
    assert!(has(&p, "urllib3", "PYSEC-2021-108"));
    assert!(!has(&p, "urllib3", "PYSEC-2021-59"), "{p:?}");
    assert!(!has(&p, "urllib3", "PYSEC-2020-149"));
    // Jinja2 2.10 (name normalised): below 2.10.1 and 2.11.3.
    assert!(has(&p, "Jinja2", "PYSEC-2019-217"));
    assert!(has(&p, "Jinja2", "PYSEC-2021-66"));
    // libssl3 matched by its source package openssl in Debian:12 only.
    assert!(has(&p, "libssl3", "CVE-2024-5535"));
    assert!(has(&p, "libssl3", "DSA-5764-1"));
    // The tracker's open CVE and the DEBIAN-CVE record naming it upstream
    // are one finding.
    let all = findings(c);
    let ecdsa: Vec<&&Value> = all
        .iter()
        .filter(|f| {
            f["message"].as_str().unwrap().contains("CVE-2024-13176")
                && f["subject"]["name"] == "libssl3"
        })
        .collect();
    assert_eq!(ecdsa.len(), 1, "{ecdsa:?}");
    assert!(ecdsa[0]["advisory"]["fixed"].is_null());
    // curl: fixed in deb12u7, not affected ("0") by CVE-2024-2379.
    assert!(has(&p, "curl", "CVE-2024-7264"));
    assert!(!p.iter().any(|(_, id)| id == "CVE-2024-2379"));
    // Evidence: the range, the source package, the fix.
    let ssl = findings(c)
        .into_iter()
        .find(|f| f["advisory"]["id"] == "CVE-2024-5535")
        .unwrap();
    assert_eq!(ssl["subject"]["kind"], "package");
    assert_eq!(ssl["subject"]["version"], "3.0.11-1~deb12u2");
    assert!(ssl["subject"]["purl"]
        .as_str()
        .unwrap()
        .starts_with("pkg:deb/debian/libssl3@"));
    assert_eq!(ssl["advisory"]["fixed"], "3.0.15-1~deb12u1");
    let observed = ssl["evidence"]["observed"].as_str().unwrap();
    assert!(
        observed.contains("as openssl 3.0.11-1~deb12u2"),
        "{observed}"
    );
    assert!(observed.contains("Debian:12 openssl"), "{observed}");
    assert!(
        !observed.contains("deb11"),
        "a Debian 11 fix never applies: {observed}"
    );
    // Only the vulnerability checks run in the short form.
    assert_eq!(r["checks"].as_array().unwrap().len(), 2);
}

#[test]
fn ignore_unfixed_threshold_and_vex() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    import_all(tmp.path(), &db);
    let root = rootfs(tmp.path());
    let base = |extra: &[&str]| {
        let mut a = vec![
            "vulns",
            root.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
        ];
        if !extra.contains(&"--now") {
            a.extend(["--now", "2024-12-01T00:00:00Z"]);
        }
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    fn as_refs(v: &[String]) -> Vec<&str> {
        v.iter().map(|s| s.as_str()).collect()
    }

    let now = ["--now", "2024-12-01T00:00:00Z"];
    let (_, r) = vulns(
        tmp.path(),
        &root,
        &db,
        &[&now[..], &["--ignore-unfixed"]].concat(),
    );
    let c = check(&r, "BASE-113");
    let p = pairs(c);
    assert!(
        !p.iter()
            .any(|(_, id)| id.contains("13176") || id.starts_with("TEMP-")),
        "{p:?}"
    );
    assert!(has(&p, "requests", "PYSEC-2023-74"));
    let obs = serde_json::to_string(&c["observations"]).unwrap();
    assert!(obs.contains("with no fix left out"), "{obs}");

    let (_, r) = vulns(
        tmp.path(),
        &root,
        &db,
        &[&now[..], &["--vuln-severity", "critical"]].concat(),
    );
    let c = check(&r, "BASE-113");
    assert!(
        pairs(c).is_empty(),
        "nothing here is critical: {:?}",
        pairs(c)
    );
    let obs = serde_json::to_string(&c["observations"]).unwrap();
    assert!(obs.contains("below the critical threshold"), "{obs}");

    // A VEX statement by CVE alias removes the PYSEC finding and says why.
    let cfg = tmp.path().join("dockaudit.toml");
    std::fs::write(
        &cfg,
        "[[vex]]\nid = \"CVE-2023-32681\"\npackage = \"requests\"\njustification = \
         \"requires_configuration\"\nreason = \"no proxy is configured\"\nexpires = \
         \"2025-06-30\"\n",
    )
    .unwrap();
    let a = base(&[]);
    let mut args = vec!["--config", cfg.to_str().unwrap()];
    args.extend(as_refs(&a));
    let (_, out, err) = run(tmp.path(), &args);
    let r: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
    let c = check(&r, "BASE-113");
    assert!(!has(&pairs(c), "requests", "PYSEC-2023-74"));
    let obs = serde_json::to_string(&c["observations"]).unwrap();
    assert!(obs.contains("no proxy is configured"), "{obs}");
    // After its expiry the finding is back.
    let a = base(&["--now", "2025-07-01T00:00:00Z"]);
    let mut args = vec!["--config", cfg.to_str().unwrap()];
    args.extend(as_refs(&a));
    let (_, out, _) = run(tmp.path(), &args);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(has(
        &pairs(check(&r, "BASE-113")),
        "requests",
        "PYSEC-2023-74"
    ));

    // The CycloneDX SBOM carries the matches with the VEX analysis.
    let (code, out, err) = run(
        tmp.path(),
        &[
            "--config",
            cfg.to_str().unwrap(),
            "sbom",
            root.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let bom: Value = serde_json::from_str(&out).unwrap();
    let vulns = bom["vulnerabilities"].as_array().unwrap();
    let req = vulns.iter().find(|v| v["id"] == "PYSEC-2023-74").unwrap();
    // The SBOM is written today: the statement may have expired; either
    // way the analysis says which.
    let state = req["analysis"]["state"].as_str().unwrap();
    assert!(state == "not_affected" || state == "in_triage", "{state}");
    let r = req["affects"][0]["ref"].as_str().unwrap();
    let comp = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bom-ref"] == r)
        .unwrap();
    assert_eq!(comp["name"], "requests");
}

#[test]
fn without_a_database_the_checks_say_how_to_import() {
    let tmp = tempfile::tempdir().unwrap();
    let root = rootfs(tmp.path());
    let (code, out, err) = run(
        tmp.path(),
        &[
            "--no-config",
            "image",
            root.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert!(code == 0 || code == 1, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let c = check(&r, "BASE-113");
    assert_eq!(c["status"], "skipped");
    assert!(
        serde_json::to_string(c)
            .unwrap()
            .contains("dockaudit db import"),
        "{c}"
    );
    // A database named on the command line that is not there is an error.
    let (code, _, err) = run(
        tmp.path(),
        &[
            "--no-config",
            "vulns",
            root.to_str().unwrap(),
            "--db",
            "/nonexistent/db",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("dockaudit db import"), "{err}");
}

#[test]
fn engine_components_against_go_advisories() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    import_all(tmp.path(), &db);
    let bundle = tmp.path().join("facts.json");
    std::fs::write(
        &bundle,
        serde_json::json!({
            "schema_version": 1,
            "engine": {"present": {
                "version": {
                    "Version": "20.10.24+dfsg1",
                    "GoVersion": "go1.19.8",
                    "Components": [
                        {"Name": "Engine", "Version": "20.10.24+dfsg1"},
                        {"Name": "runc", "Version": "1.1.5+ds1"}
                    ]
                }
            }}
        })
        .to_string(),
    )
    .unwrap();
    let (_, out, err) = run(
        tmp.path(),
        &[
            "--no-config",
            "host",
            "--facts",
            bundle.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--select",
            "HOST-013",
            "--format",
            "json",
        ],
    );
    let r: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}\n{err}"));
    let c = check(&r, "HOST-013");
    let p = pairs(c);
    assert!(has(&p, "dockerd", "GO-2024-3005"), "{p:?}");
    assert!(has(&p, "dockerd", "GO-2024-2512"));
    // 20.10.24 is GO-2023-1699's fixed version itself.
    assert!(!has(&p, "dockerd", "GO-2023-1699"));
    assert!(has(&p, "runc", "GO-2024-3110"));
    assert!(has(&p, "runc", "GO-2024-2491"));
    // Withdrawn: never matches.
    assert!(!has(&p, "runc", "GO-2025-3543"));
    assert!(has(&p, "Go standard library (dockerd)", "GO-2023-2102"));
    assert!(!has(&p, "Go standard library (dockerd)", "GO-2022-0969"));
}

#[test]
fn alpine_releases_never_borrow_each_others_fixes() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    import_all(tmp.path(), &db);
    // libcrypto1.1 from origin openssl at 1.1.1d-r0: v3.10's secdb fixes
    // CVE-2019-1547 in exactly that version; v3.11's only in 1.1.1d-r1 and
    // adds CVE-2019-1551 (1.1.1d-r3).
    let judge = |release: &str| -> Vec<(String, String)> {
        let root = tmp.path().join(format!("alpine-{release}"));
        write(
            &root,
            "etc/os-release",
            &format!("ID=alpine\nVERSION_ID={release}\n"),
        );
        write(
            &root,
            "lib/apk/db/installed",
            "P:libcrypto1.1\nV:1.1.1d-r0\nA:x86_64\no:openssl\n\n",
        );
        pairs(check(&vulns(tmp.path(), &root, &db, &[]).1, "BASE-113"))
    };
    let v310 = judge("3.10.9");
    assert!(!has(&v310, "libcrypto1.1", "CVE-2019-1547"), "{v310:?}");
    assert!(!has(&v310, "libcrypto1.1", "CVE-2019-1551"), "{v310:?}");
    let v311 = judge("3.11.6");
    assert!(has(&v311, "libcrypto1.1", "CVE-2019-1547"), "{v311:?}");
    assert!(has(&v311, "libcrypto1.1", "CVE-2019-1551"), "{v311:?}");
}
