//! What the matcher is asked: each inventoried package turned into an
//! advisory ecosystem, the name advisories use for it (Debian's source
//! package, Alpine's origin, Maven's group:artifact, npm's scoped name) and
//! the version to order. Packages with no ecosystem to match in are listed
//! with the reason, never dropped silently. Pure.

use std::collections::BTreeMap;

use crate::facts::engine::EngineFacts;
use crate::facts::image::{ImageFacts, OsRelease, Package};
use crate::facts::vulns::PackageRef;

/// One package to match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub ecosystem: String,
    /// The name advisories use.
    pub package: String,
    /// The version to order.
    pub version: String,
    pub pkg: PackageRef,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    pub items: Vec<Item>,
    /// `N <kind> packages: <reason>`, one line per reason.
    pub not_covered: Vec<String>,
}

/// The advisory ecosystem of a distribution's packages, from os-release.
pub fn os_ecosystem(id: &str, version_id: &str) -> Result<String, String> {
    let id = id.trim().to_ascii_lowercase();
    let v = version_id.trim();
    let major = v.split('.').next().unwrap_or("");
    if v.is_empty() {
        return Err(format!(
            "os-release names {id:?} with no VERSION_ID (a testing or rolling release?): no \
             release to match advisories against"
        ));
    }
    Ok(match id.as_str() {
        "debian" => format!("Debian:{major}"),
        "ubuntu" => format!("Ubuntu:{v}"),
        "alpine" => {
            let mm: Vec<&str> = v.split('.').take(2).collect();
            format!("Alpine:v{}", mm.join("."))
        }
        "almalinux" => format!("AlmaLinux:{major}"),
        "rocky" => format!("Rocky Linux:{major}"),
        other => {
            return Err(format!(
                "no advisory ecosystem known for {other} {v} packages"
            ))
        }
    })
}

fn language_ecosystem(p: &Package) -> Option<(&'static str, String, String)> {
    let v = p.version.clone();
    Some(match p.kind.as_str() {
        "pypi" => ("PyPI", p.name.clone(), v),
        "npm" => (
            "npm",
            match &p.namespace {
                Some(scope) => format!("{scope}/{}", p.name),
                None => p.name.clone(),
            },
            v,
        ),
        "cargo" => ("crates.io", p.name.clone(), v),
        "golang" => ("Go", p.name.clone(), v),
        "maven" => (
            "Maven",
            match &p.namespace {
                Some(g) => format!("{g}:{}", p.name),
                None => p.name.clone(),
            },
            v,
        ),
        _ => return None,
    })
}

fn note(counts: &mut BTreeMap<String, usize>, kind: &str, reason: &str) {
    *counts
        .entry(format!("{kind} packages: {reason}"))
        .or_default() += 1;
}

fn notes(counts: BTreeMap<String, usize>) -> Vec<String> {
    counts
        .into_iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect()
}

fn reference(
    p: &Package,
    ecosystem: &str,
    package: &str,
    version: &str,
    purl: String,
) -> PackageRef {
    let matched_as =
        (package != p.name || version != p.version).then(|| format!("{package} {version}"));
    PackageRef {
        name: p.name.clone(),
        version: p.version.clone(),
        ecosystem: ecosystem.to_string(),
        matched_as,
        purl,
        location: p.location.clone(),
    }
}

fn from_packages(packages: &[Package], os: Option<&OsRelease>, image: &ImageFacts) -> Inventory {
    let mut inv = Inventory::default();
    let mut skipped = BTreeMap::new();
    let os_eco = os.map(|o| os_ecosystem(&o.id, &o.version_id));
    for p in packages {
        if p.version.is_empty() {
            note(&mut skipped, &p.kind, "no version recorded");
            continue;
        }
        let (eco, name, version) = match p.kind.as_str() {
            "deb" | "apk" | "rpm" => {
                let eco = match &os_eco {
                    Some(Ok(e)) => e.clone(),
                    Some(Err(why)) => {
                        note(&mut skipped, &p.kind, why);
                        continue;
                    }
                    None => {
                        note(
                            &mut skipped,
                            &p.kind,
                            "no os-release: the distribution release is unknown",
                        );
                        continue;
                    }
                };
                // Distribution advisories name source packages (Debian,
                // Ubuntu, Alpine origins); RPM advisories name binaries.
                if p.kind == "rpm" {
                    (eco, p.name.clone(), p.version.clone())
                } else {
                    (
                        eco,
                        p.source_name.clone().unwrap_or_else(|| p.name.clone()),
                        p.source_version
                            .clone()
                            .unwrap_or_else(|| p.version.clone()),
                    )
                }
            }
            _ => match language_ecosystem(p) {
                Some((e, n, v)) => (e.to_string(), n, v),
                None => {
                    note(
                        &mut skipped,
                        &p.kind,
                        "no advisory ecosystem for this package kind",
                    );
                    continue;
                }
            },
        };
        let purl = crate::sbom::purl(p, image);
        inv.items.push(Item {
            pkg: reference(p, &eco, &name, &version, purl),
            ecosystem: eco,
            package: name,
            version,
        });
    }
    inv.not_covered = notes(skipped);
    inv
}

/// An image's packages (OS and language).
pub fn image(img: &ImageFacts) -> Inventory {
    let mut inv = from_packages(&img.packages, img.os_release.as_ref(), img);
    // An unread package database leaves its packages unmatched: said, not
    // taken for an image without them.
    for db in img.unread_packages() {
        inv.not_covered.push(format!(
            "package database or archive not read, its packages not matched: {db}"
        ));
    }
    inv
}

/// The host's package database, with the host's os-release.
pub fn host(
    packages: &[Package],
    manager: &str,
    database: &str,
    os: Option<&BTreeMap<String, String>>,
) -> Inventory {
    let kind = match manager {
        "dpkg" => "deb",
        other => other,
    };
    let os_release = os.map(|o| OsRelease {
        id: o.get("ID").cloned().unwrap_or_default(),
        version_id: o.get("VERSION_ID").cloned().unwrap_or_default(),
        path: "/etc/os-release".into(),
        ..Default::default()
    });
    let as_image = ImageFacts {
        os_release: os_release.clone(),
        ..Default::default()
    };
    // Host facts written before packages had a kind or location (and
    // fixtures) leave them empty: the database says both.
    let pkgs: Vec<Package> = packages
        .iter()
        .map(|h| Package {
            kind: if h.kind.is_empty() {
                kind.to_string()
            } else {
                h.kind.clone()
            },
            location: format!("host: {database}"),
            ..h.clone()
        })
        .collect();
    from_packages(&pkgs, os_release.as_ref(), &as_image)
}

/// A version as the engine reports it, without the distribution's
/// packaging suffix (`20.10.24+dfsg1` -> `20.10.24`, `1.6.20~ds1` ->
/// `1.6.20`), and whether there was one (a distribution build may carry
/// backported fixes the upstream version does not show).
pub fn upstream_version(v: &str) -> (String, bool) {
    let v = v.trim().trim_start_matches('v');
    let end = v.find(['+', '~']).unwrap_or(v.len());
    // Keep SemVer pre-releases (`-rc.1`), drop a Debian revision (`-1`).
    let base = &v[..end];
    (base.to_string(), end < v.len())
}

/// The engine's components as Go modules: dockerd (module
/// github.com/docker/docker, `+incompatible` versions), containerd, runc,
/// and the Go toolchain the engine was built with (`stdlib`).
pub fn engine(engine: &EngineFacts) -> Inventory {
    let mut inv = Inventory::default();
    let mut add = |module: &str, version: String, location: String, label: &str| {
        let purl = format!("pkg:golang/{module}@v{version}");
        inv.items.push(Item {
            ecosystem: "Go".into(),
            package: module.to_string(),
            version: version.clone(),
            pkg: PackageRef {
                name: label.to_string(),
                version: version.clone(),
                ecosystem: "Go".into(),
                matched_as: Some(format!("{module} v{version}")),
                purl,
                location,
            },
        });
    };
    let v = &engine.version;
    let mut seen_engine = false;
    for c in &v.components {
        let (base, _) = upstream_version(&c.version);
        if base.is_empty() {
            continue;
        }
        let at = format!(
            "engine: /version Components[{}].Version = {}",
            c.name, c.version
        );
        match c.name.as_str() {
            "Engine" => {
                seen_engine = true;
                add(
                    "github.com/docker/docker",
                    format!("{base}+incompatible"),
                    at,
                    "dockerd",
                );
            }
            "containerd" => {
                let module = if base.starts_with('2') {
                    "github.com/containerd/containerd/v2"
                } else {
                    "github.com/containerd/containerd"
                };
                add(module, base, at, "containerd");
            }
            "runc" => add("github.com/opencontainers/runc", base, at, "runc"),
            _ => {}
        }
    }
    if !seen_engine && !v.version.is_empty() && !engine.podman {
        let (base, _) = upstream_version(&v.version);
        if !base.is_empty() {
            add(
                "github.com/docker/docker",
                format!("{base}+incompatible"),
                format!("engine: /version Version = {}", v.version),
                "dockerd",
            );
        }
    }
    if let Some(go) = v.go_version.strip_prefix("go").filter(|g| !g.is_empty()) {
        add(
            "stdlib",
            go.to_string(),
            format!("engine: /version GoVersion = {}", v.go_version),
            "Go standard library (dockerd)",
        );
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deb(name: &str, version: &str, source: Option<(&str, &str)>) -> Package {
        Package {
            kind: "deb".into(),
            name: name.into(),
            version: version.into(),
            source_name: source.map(|s| s.0.into()),
            source_version: source.map(|s| s.1.into()),
            location: "/var/lib/dpkg/status".into(),
            ..Default::default()
        }
    }

    fn image_with(os: Option<(&str, &str)>, packages: Vec<Package>) -> ImageFacts {
        ImageFacts {
            os_release: os.map(|(id, v)| OsRelease {
                id: id.into(),
                version_id: v.into(),
                ..Default::default()
            }),
            packages,
            ..Default::default()
        }
    }

    #[test]
    fn debian_packages_match_by_source_package_and_release() {
        let img = image_with(
            Some(("debian", "12")),
            vec![
                deb(
                    "libssl3",
                    "3.0.11-1~deb12u2",
                    Some(("openssl", "3.0.11-1~deb12u2")),
                ),
                deb("bash", "5.2.15-2+b2", None),
            ],
        );
        let inv = image(&img);
        assert_eq!(inv.items.len(), 2);
        assert_eq!(inv.items[0].ecosystem, "Debian:12");
        assert_eq!(inv.items[0].package, "openssl");
        assert_eq!(inv.items[0].pkg.name, "libssl3");
        assert_eq!(
            inv.items[0].pkg.matched_as.as_deref(),
            Some("openssl 3.0.11-1~deb12u2")
        );
        assert!(inv.items[0].pkg.purl.starts_with("pkg:deb/debian/libssl3@"));
        assert_eq!(inv.items[1].package, "bash");
        assert_eq!(inv.items[1].pkg.matched_as, None);
    }

    #[test]
    fn unknown_release_is_listed_not_dropped() {
        let img = image_with(Some(("debian", "")), vec![deb("bash", "5.2", None)]);
        let inv = image(&img);
        assert!(inv.items.is_empty());
        assert_eq!(inv.not_covered.len(), 1);
        assert!(
            inv.not_covered[0].starts_with("1 deb packages: "),
            "{:?}",
            inv.not_covered
        );
        let none = image(&image_with(None, vec![deb("bash", "5.2", None)]));
        assert!(none.not_covered[0].contains("no os-release"));
    }

    #[test]
    fn os_ecosystems() {
        assert_eq!(os_ecosystem("alpine", "3.19.1").unwrap(), "Alpine:v3.19");
        assert_eq!(os_ecosystem("ubuntu", "22.04").unwrap(), "Ubuntu:22.04");
        assert_eq!(os_ecosystem("debian", "11").unwrap(), "Debian:11");
        assert_eq!(os_ecosystem("rocky", "9.3").unwrap(), "Rocky Linux:9");
        assert!(os_ecosystem("arch", "").is_err());
        assert!(os_ecosystem("gentoo", "2.14").is_err());
    }

    #[test]
    fn language_names() {
        let mk = |kind: &str, ns: Option<&str>, name: &str| Package {
            kind: kind.into(),
            namespace: ns.map(String::from),
            name: name.into(),
            version: "1.0.0".into(),
            ..Default::default()
        };
        let img = image_with(
            None,
            vec![
                mk("maven", Some("org.apache.logging.log4j"), "log4j-core"),
                mk("npm", Some("@babel"), "core"),
                mk("pypi", None, "PyYAML"),
                mk("gem", None, "rails"),
            ],
        );
        let inv = image(&img);
        let names: Vec<(&str, &str)> = inv
            .items
            .iter()
            .map(|i| (i.ecosystem.as_str(), i.package.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Maven", "org.apache.logging.log4j:log4j-core"),
                ("npm", "@babel/core"),
                ("PyPI", "PyYAML")
            ]
        );
        assert_eq!(
            inv.not_covered,
            vec!["1 gem packages: no advisory ecosystem for this package kind"]
        );
    }

    #[test]
    fn engine_components_as_go_modules() {
        let e: EngineFacts = serde_json::from_value(serde_json::json!({
            "version": {
                "Version": "20.10.24+dfsg1",
                "GoVersion": "go1.19.8",
                "Components": [
                    {"Name": "Engine", "Version": "20.10.24+dfsg1"},
                    {"Name": "containerd", "Version": "1.6.20~ds1"},
                    {"Name": "runc", "Version": "1.1.5+ds1"},
                    {"Name": "docker-init", "Version": "0.19.0"}
                ]
            }
        }))
        .unwrap();
        let inv = engine(&e);
        let got: Vec<(&str, &str)> = inv
            .items
            .iter()
            .map(|i| (i.package.as_str(), i.version.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("github.com/docker/docker", "20.10.24+incompatible"),
                ("github.com/containerd/containerd", "1.6.20"),
                ("github.com/opencontainers/runc", "1.1.5"),
                ("stdlib", "1.19.8"),
            ]
        );
        assert_eq!(
            upstream_version("v1.2.0-rc.1"),
            ("1.2.0-rc.1".to_string(), false)
        );
    }
}
