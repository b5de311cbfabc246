//! Offline vulnerability matching on a real image on the private engine:
//! real wheels installed with pip at old versions (requests 2.25.0, urllib3
//! 1.26.4, Jinja2 2.10, MarkupSafe 2.0.1) plus idna 3.7 (no advisory in the
//! data), a dpkg status naming libssl3 from openssl 3.0.11-1~deb12u2 and a
//! Debian 12 os-release, built FROM the busybox test image. The advisories of
//! ../shared/vulndata and tests/fixtures/vulndb are imported with the binary;
//! then `vulns` (from the engine and from `docker save`), `host
//! --scan-images` (BASE-113 and HOST-013 on the engine itself) and `sbom`
//! are judged. Runs only when DOCKAUDIT_E2E_DOCKER_HOST is set (under CI its
//! absence is a failure); removes the image it builds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

#[path = "common/engine.rs"]
mod engine;
#[path = "common/report.rs"]
mod report;
use engine::{docker, host};
use report::{check, findings};

const TAG: &str = "vulns-e2e/pinned:1";
const SHARED: &str = "../shared/vulndata";
/// MarkupSafe 2.0.1 has binary wheels for CPython up to 3.10 only, so pip
/// resolves for Python 3.10 and the packages go under python3.10.
const PY: &str = "3.10";
const SITE: &str = "/usr/lib/python3.10/site-packages";
/// (distribution name as in METADATA, version) pip is asked for.
const PINNED: [(&str, &str); 5] = [
    ("requests", "2.25.0"),
    ("urllib3", "1.26.4"),
    ("Jinja2", "2.10"),
    ("MarkupSafe", "2.0.1"),
    ("idna", "3.7"),
];

struct Cleanup(String);
impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = docker(&self.0, &["rmi", "-f", TAG]);
    }
}

fn dockaudit(home: &Path, host: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DOCKER_HOST", host)
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&out.stdout), text(&out.stderr)))
}

/// (package name, advisory id) of every advisory finding.
fn pairs(c: &Value) -> BTreeSet<(String, String)> {
    findings(c)
        .iter()
        .filter(|f| f["advisory"].is_object())
        .map(|f| {
            (
                f["subject"]["name"].as_str().unwrap().to_string(),
                f["advisory"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The advisory ids found for one package.
fn ids_of(p: &BTreeSet<(String, String)>, pkg: &str) -> BTreeSet<String> {
    p.iter()
        .filter(|(n, _)| n == pkg)
        .map(|(_, id)| id.clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn finding<'a>(c: &'a Value, pkg: &str, id: &str) -> &'a Value {
    findings(c)
        .into_iter()
        .find(|f| f["subject"]["name"] == pkg && f["advisory"]["id"] == id)
        .unwrap_or_else(|| panic!("no {pkg} {id} finding"))
}

/// Name and Version of every *.dist-info/METADATA pip wrote.
fn installed(site: &Path) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(site).unwrap().flatten() {
        if !e.file_name().to_string_lossy().ends_with(".dist-info") {
            continue;
        }
        let meta = std::fs::read_to_string(e.path().join("METADATA")).unwrap();
        let field = |k: &str| {
            meta.lines()
                .find_map(|l| l.strip_prefix(k))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        m.insert(field("Name:"), field("Version:"));
    }
    m
}

/// Installs the pinned wheels into `site`. None (after printing why) when
/// the package index is unreachable outside CI; a failure under CI.
fn pip_install(site: &Path) -> Option<()> {
    let specs: Vec<String> = PINNED.iter().map(|(n, v)| format!("{n}=={v}")).collect();
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            PY,
            "--target",
        ])
        .arg(site)
        .args(&specs)
        .output();
    let why = match out {
        Ok(o) if o.status.success() => return Some(()),
        Ok(o) => format!("pip failed ({}): {}", o.status, text(&o.stderr)),
        Err(e) => format!("python3 could not run: {e}"),
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "under CI the wheels must install: {why}"
    );
    eprintln!("vulns_engine: skipped: the pinned wheels could not be installed: {why}");
    None
}

fn deb(name: &str, source: &str, version: &str) -> String {
    format!(
        "Package: {name}\nStatus: install ok installed\nArchitecture: amd64\nSource: {source}\n\
         Version: {version}\n\n"
    )
}

/// The expectations both image sources must meet; returns the pairs.
fn judge_image_report(what: &str, out: &Output) -> BTreeSet<(String, String)> {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: failing checks exit 1: {}",
        text(&out.stderr)
    );
    let r = json(out);
    let c = check(&r, "BASE-113");
    assert_eq!(c["status"], "fail", "{what}");
    let p = pairs(c);
    eprintln!("{what}: BASE-113 pairs: {p:?}");
    // The exact PyPA matches: every range of the real records judged.
    // requests 2.25.0: inside [2.3.0, 2.31.0), above the 2.20.0 and 2.6.0 fixes.
    assert_eq!(ids_of(&p, "requests"), set(&["PYSEC-2023-74"]), "{what}");
    // urllib3 1.26.4: the fixed version of PYSEC-2021-59 itself is clean.
    assert_eq!(
        ids_of(&p, "urllib3"),
        set(&["PYSEC-2021-108", "PYSEC-2023-192", "PYSEC-2023-212"]),
        "{what}"
    );
    assert!(!p.contains(&("urllib3".into(), "PYSEC-2021-59".into())));
    // Jinja2 2.10: below 2.10.1 and 2.11.3, above 2.7.2, 2.7.3 and 2.8.1.
    assert_eq!(
        ids_of(&p, "Jinja2"),
        set(&["PYSEC-2019-217", "PYSEC-2021-66"]),
        "{what}"
    );
    // No advisory in the data names these.
    assert!(ids_of(&p, "idna").is_empty(), "{what}: {p:?}");
    assert!(ids_of(&p, "MarkupSafe").is_empty(), "{what}: {p:?}");
    // libssl3 matched by its source package openssl in Debian:12.
    let ssl = ids_of(&p, "libssl3");
    assert!(ssl.contains("CVE-2024-5535"), "{what}: {ssl:?}");
    assert!(ssl.contains("DSA-5764-1"), "{what}: {ssl:?}");

    let req = finding(c, "requests", "PYSEC-2023-74");
    assert_eq!(req["subject"]["kind"], "package");
    assert_eq!(req["subject"]["version"], "2.25.0");
    assert_eq!(req["subject"]["purl"], "pkg:pypi/requests@2.25.0");
    assert!(
        req["subject"]["within"].as_str().unwrap().contains(TAG),
        "{what}: {req}"
    );
    assert_eq!(req["advisory"]["fixed"], "2.31.0");
    let src = req["evidence"]["source"].as_str().unwrap();
    assert!(
        src.starts_with(&format!("{SITE}/requests-2.25.0.dist-info/METADATA")),
        "{what}: evidence names the dist-info the package was read from: {src}"
    );
    let jinja = finding(c, "Jinja2", "PYSEC-2019-217");
    assert_eq!(jinja["subject"]["purl"], "pkg:pypi/jinja2@2.10");
    assert!(jinja["evidence"]["source"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{SITE}/Jinja2-2.10.dist-info/METADATA")));

    let ssl = finding(c, "libssl3", "CVE-2024-5535");
    assert_eq!(ssl["subject"]["kind"], "package");
    assert_eq!(ssl["subject"]["version"], "3.0.11-1~deb12u2");
    assert_eq!(ssl["advisory"]["fixed"], "3.0.15-1~deb12u1");
    assert!(ssl["evidence"]["source"]
        .as_str()
        .unwrap()
        .starts_with("/var/lib/dpkg/status"));
    let observed = ssl["evidence"]["observed"].as_str().unwrap();
    assert!(
        observed.contains("as openssl 3.0.11-1~deb12u2") && observed.contains("Debian:12"),
        "{what}: {observed}"
    );
    // Six packages read: five wheels and libssl3.
    let obs = serde_json::to_string(&c["observations"]).unwrap();
    assert!(obs.contains("6 packages matched"), "{what}: {obs}");
    p
}

#[test]
fn pinned_wheels_and_debian_packages_on_the_engine() {
    let Some(host) = host() else {
        eprintln!("DOCKAUDIT_E2E_DOCKER_HOST not set: skipping the engine test");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let ctx = home.join("ctx");
    let site = ctx.join("site-packages");
    std::fs::create_dir_all(&site).unwrap();
    if pip_install(&site).is_none() {
        return;
    }
    // pip must have installed exactly what was asked for.
    let got = installed(&site);
    let want: BTreeMap<String, String> = PINNED
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(
        got, want,
        "pip installed other versions than the pinned ones; the expectations \
         below hold only for the pinned versions"
    );

    std::fs::write(
        ctx.join("os-release"),
        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    )
    .unwrap();
    std::fs::write(
        ctx.join("status"),
        deb("libssl3", "openssl", "3.0.11-1~deb12u2"),
    )
    .unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!(
            "FROM dockaudit-test/busybox:1\n\
             COPY os-release /etc/os-release\n\
             COPY status /var/lib/dpkg/status\n\
             COPY site-packages {SITE}/\n"
        ),
    )
    .unwrap();
    let _cleanup = Cleanup(host.clone());
    let b = docker(&host, &["build", "-q", "-t", TAG, ctx.to_str().unwrap()]);
    assert!(b.status.success(), "docker build: {}", text(&b.stderr));
    let tar = home.join("pinned.tar");
    let s = docker(&host, &["save", "-o", tar.to_str().unwrap(), TAG]);
    assert!(s.status.success(), "docker save: {}", text(&s.stderr));

    // The advisories, imported with the binary.
    let db = home.join("db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vulndb");
    let out = dockaudit(
        home,
        &host,
        &[
            "db",
            "import",
            "--db",
            db.to_str().unwrap(),
            SHARED,
            fixtures.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "db import: {}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let db = db.to_str().unwrap();

    // The image straight from the engine and from `docker save`.
    let from_engine = judge_image_report(
        "engine",
        &dockaudit(
            home,
            &host,
            &[
                "vulns", TAG, "--engine", "-H", &host, "--db", db, "--format", "json",
            ],
        ),
    );
    let from_save = judge_image_report(
        "docker save",
        &dockaudit(
            home,
            &host,
            &[
                "vulns",
                tar.to_str().unwrap(),
                "--db",
                db,
                "--format",
                "json",
            ],
        ),
    );
    assert_eq!(from_engine, from_save, "both sources give the same matches");

    // The host audit scans the engine's images and judges the engine.
    let out = dockaudit(
        home,
        &host,
        &[
            "host",
            "-H",
            &host,
            "--scan-images",
            "--db",
            db,
            "--select",
            "BASE-113",
            "--select",
            "HOST-013",
            "--format",
            "json",
        ],
    );
    let r = json(&out);
    let base = check(&r, "BASE-113");
    assert_eq!(base["status"], "fail");
    let ours: BTreeSet<(String, String)> = findings(base)
        .iter()
        .filter(|f| {
            f["advisory"].is_object()
                && f["subject"]["within"]
                    .as_str()
                    .is_some_and(|w| w.contains(TAG))
        })
        .map(|f| {
            (
                f["subject"]["name"].as_str().unwrap().to_string(),
                f["advisory"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ours, from_engine, "the host scan finds the same in {TAG}");
    let engine = check(&r, "HOST-013");
    let v = docker(
        &host,
        &[
            "version",
            "--format",
            "{{.Server.Version}} {{.Server.GoVersion}} {{json .Server.Components}}",
        ],
    );
    eprintln!("engine: {}", text(&v.stdout).trim());
    eprintln!(
        "HOST-013 {}: {}",
        engine["status"],
        serde_json::to_string(&engine["observations"]).unwrap()
    );
    for f in findings(engine) {
        eprintln!(
            "  {} {} ({}): {}",
            f["subject"]["name"],
            f["subject"]["version"],
            f["subject"]["purl"],
            f["advisory"]["id"]
        );
    }
    let verdict = engine["status"].as_str().unwrap();
    assert!(
        verdict == "pass" || verdict == "fail",
        "HOST-013 judges the engine's components: {engine}"
    );
    // "N packages matched against M advisories: K listed"
    let matched = engine["observations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["message"].as_str())
        .find_map(|m| m.split_once(" packages matched against "))
        .and_then(|(n, _)| n.parse::<u32>().ok());
    assert!(
        matched.is_some_and(|n| n > 0),
        "HOST-013 says how many of the engine's components it matched: {}",
        engine["observations"]
    );

    // The CycloneDX SBOM carries the matches against the right component.
    let out = dockaudit(
        home,
        &host,
        &["sbom", TAG, "--engine", "-H", &host, "--db", db],
    );
    assert!(out.status.success(), "sbom: {}", text(&out.stderr));
    let bom = json(&out);
    assert_eq!(bom["bomFormat"], "CycloneDX");
    let comps = bom["components"].as_array().unwrap();
    let req = comps
        .iter()
        .find(|c| c["purl"] == "pkg:pypi/requests@2.25.0")
        .unwrap_or_else(|| panic!("no requests component: {bom}"));
    let v = bom["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "PYSEC-2023-74")
        .unwrap_or_else(|| panic!("PYSEC-2023-74 not in the SBOM: {bom}"));
    assert_eq!(v["affects"][0]["ref"], req["bom-ref"]);
}
