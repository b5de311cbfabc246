//! Matches the audit's inventory (scanned images, the host's package
//! database, the engine's components) against the advisory store, producing
//! the vulnerability facts the checks judge. Reads the store only.

use super::advisory::Advisory;
use super::inventory::{self, Inventory};
use super::matcher::{self, Verdict};
use super::severity;
use super::store::{ecosystem_key, package_key, Status, Store, StoreError};
use super::version::Scheme;
use crate::facts::vulns::{DatabaseInfo, VulnFacts, VulnMatch, VulnTarget};
use crate::facts::Facts;

/// Bound on the unjudged lines kept per target (the count is kept whole).
const MAX_UNJUDGED: usize = 200;

fn database_info(st: &Status) -> DatabaseInfo {
    DatabaseInfo {
        path: st.path.clone(),
        records: st.records,
        sources: st
            .sources
            .iter()
            .map(|s| format!("{} ({} records)", s.source, s.records))
            .collect(),
        newest_modified: st.newest_modified.clone(),
        last_import: st.last_import.clone(),
    }
}

fn match_of(item: &inventory::Item, a: &Advisory, idx: usize, hit: matcher::Hit) -> VulnMatch {
    let rated = severity::rate(a, idx);
    VulnMatch {
        package: item.pkg.clone(),
        id: a.id.clone(),
        // Upstream ids (the CVE a DEBIAN-CVE record stands for) join the
        // aliases: the same flaw for merging and for VEX statements.
        aliases: {
            let mut ids: Vec<String> = a.aliases.iter().chain(&a.upstream).cloned().collect();
            ids.sort();
            ids.dedup();
            ids
        },
        source: a.source.clone(),
        summary: a.summary.clone(),
        severity: rated.severity,
        severity_basis: rated.basis,
        severity_unknown: !rated.known,
        fixed: hit.fixed,
        last_affected: hit.last_affected,
        range: format!(
            "{} {}: {}",
            a.affected[idx].ecosystem, a.affected[idx].package, hit.range
        ),
        informational: a.affected[idx].informational.clone(),
        references: a.references.clone(),
    }
}

/// One advisory per flaw per package: records that share an id or alias
/// (a DSA and the CVE it fixes, a GHSA and its PYSEC twin) become one match
/// carrying every id; the highest known severity and a known fix win.
fn merge(matches: Vec<VulnMatch>) -> Vec<VulnMatch> {
    let mut out: Vec<VulnMatch> = Vec::new();
    'next: for m in matches {
        for kept in out.iter_mut() {
            if kept.package.purl != m.package.purl || kept.package.location != m.package.location {
                continue;
            }
            let shared = m.ids().any(|id| kept.ids().any(|k| k == id));
            if !shared {
                continue;
            }
            let ids: Vec<String> = m.ids().map(String::from).collect();
            for id in ids {
                if id != kept.id && !kept.aliases.contains(&id) {
                    kept.aliases.push(id);
                }
            }
            kept.aliases.sort();
            let better = (!m.severity_unknown && kept.severity_unknown)
                || (m.severity_unknown == kept.severity_unknown && m.severity > kept.severity);
            if better {
                kept.severity = m.severity;
                kept.severity_basis = m.severity_basis.clone();
                kept.severity_unknown = m.severity_unknown;
            }
            if !kept.has_fix() && m.has_fix() {
                kept.fixed = m.fixed.clone();
                kept.last_affected = m.last_affected.clone();
            }
            // A flaw that any record calls a vulnerability is one: an
            // informational twin (RustSec's "unsound" record of a flaw a
            // GHSA rates) never hides it from the vulnerability check.
            if m.informational.is_none() {
                kept.informational = None;
            }
            continue 'next;
        }
        out.push(m);
    }
    out
}

/// Match one inventory.
pub fn match_inventory(
    store: &mut Store,
    kind: &str,
    name: &str,
    inv: &Inventory,
) -> Result<VulnTarget, StoreError> {
    let mut target = VulnTarget {
        kind: kind.to_string(),
        name: name.to_string(),
        not_covered: inv.not_covered.clone(),
        ..Default::default()
    };
    store.begin_batch()?;
    let result = match_items(store, inv, &mut target);
    let end = store.end_batch();
    result?;
    end?;
    Ok(target)
}

fn match_items(
    store: &mut Store,
    inv: &Inventory,
    target: &mut VulnTarget,
) -> Result<(), StoreError> {
    let mut unordered = std::collections::BTreeMap::<String, usize>::new();
    // Ecosystems (by key) the database holds advisories for, and the count
    // of packages of each it holds nothing for: those are not judged (an
    // Alpine 3.19 image against a database of 3.18 advisories is not clean).
    let mut covered = std::collections::BTreeMap::<String, bool>::new();
    let mut uncovered = std::collections::BTreeMap::<String, usize>::new();
    let mut unjudged_total = 0usize;
    let mut found = Vec::new();
    for item in &inv.items {
        let Some(scheme) = Scheme::for_ecosystem(&item.ecosystem) else {
            *unordered.entry(item.ecosystem.clone()).or_default() += 1;
            continue;
        };
        let eco = ecosystem_key(&item.ecosystem);
        let has = match covered.get(&eco) {
            Some(h) => *h,
            None => {
                let h = store.has_ecosystem(&eco)?;
                covered.insert(eco.clone(), h);
                h
            }
        };
        if !has {
            *uncovered.entry(eco).or_default() += 1;
            continue;
        }
        target.judged += 1;
        let pkg = package_key(&eco, &item.package);
        for e in store.entries(&item.ecosystem, &item.package)? {
            if e.withdrawn {
                continue;
            }
            for (idx, aff) in &e.affected {
                let aeco = ecosystem_key(&aff.ecosystem);
                if aeco != eco || package_key(&aeco, &aff.package) != pkg {
                    continue;
                }
                match matcher::judge(aff, &item.version, scheme) {
                    Verdict::Affected(hit) => {
                        // Only a match decodes the whole record.
                        let a = store.advisory(e.rid)?;
                        found.push(match_of(item, &a, *idx, hit));
                        break;
                    }
                    Verdict::Unjudged(why) => {
                        unjudged_total += 1;
                        if target.unjudged.len() < MAX_UNJUDGED {
                            target.unjudged.push(format!(
                                "{} {} ({}) against {}: {why}",
                                item.pkg.name, item.pkg.version, item.ecosystem, e.id
                            ));
                        }
                    }
                    Verdict::NotAffected => {}
                }
            }
        }
    }
    if unjudged_total > target.unjudged.len() {
        target.unjudged.push(format!(
            "... and {} more",
            unjudged_total - target.unjudged.len()
        ));
    }
    for (eco, n) in unordered {
        target.not_covered.push(format!(
            "{n} {eco} packages: dockaudit has no version ordering for {eco}"
        ));
    }
    for (eco, n) in uncovered {
        target.not_covered.push(format!(
            "{n} {eco} packages: the advisory database holds no {eco} advisories \
             (import them with `dockaudit db import`)"
        ));
    }
    let mut merged = merge(found);
    merged.sort_by(|a, b| {
        (&a.package.name, &a.package.version, &a.package.location)
            .cmp(&(&b.package.name, &b.package.version, &b.package.location))
            .then(b.severity.cmp(&a.severity))
            .then(a.id.cmp(&b.id))
    });
    target.matches = merged;
    Ok(())
}

/// Match every inventory the facts hold: scanned images, the host's
/// packages, the engine's components.
pub fn scan(facts: &Facts, store: &mut Store) -> Result<VulnFacts, StoreError> {
    let status = store.status()?;
    let mut out = VulnFacts {
        database: database_info(&status),
        targets: Vec::new(),
    };
    if let Some(images) = facts.scanned_images.get() {
        for img in images {
            let inv = inventory::image(img);
            out.targets
                .push(match_inventory(store, "image", img.display_name(), &inv)?);
        }
    }
    // An engine image the scan could not read is a target nothing was
    // matched for, said as such: never left out of the verdict.
    for (id, why) in &facts.image_scan_errors {
        let name = facts
            .images()
            .iter()
            .find(|i| &i.id == id)
            .map(|i| i.display_name())
            .unwrap_or_else(|| id.clone());
        out.targets.push(crate::facts::vulns::VulnTarget {
            kind: "image".into(),
            name,
            not_covered: vec![format!("its packages were not inventoried: {why}")],
            ..Default::default()
        });
    }
    if let Some(host) = facts.host.get() {
        if let Some(p) = host.packages.get() {
            if let Some(list) = &p.installed {
                let inv = inventory::host(list, &p.manager, &p.database, host.os_release.get());
                out.targets
                    .push(match_inventory(store, "host", "host", &inv)?);
            }
        }
    }
    if let Some(engine) = facts.engine.get() {
        let inv = inventory::engine(engine);
        if !inv.items.is_empty() {
            out.targets
                .push(match_inventory(store, "engine", "dockerd", &inv)?);
        }
    }
    Ok(out)
}

/// A warning when the newest advisory is older than `max_days` (or the
/// store holds no dated record), naming the date and how to refresh.
pub fn age_warning(
    db: &DatabaseInfo,
    now: chrono::DateTime<chrono::Utc>,
    max_days: i64,
) -> Option<String> {
    let newest = db
        .newest_modified
        .as_deref()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
    match newest {
        None => Some(format!(
            "advisory database {}: no record carries a modification date, so its age is unknown; \
             import current advisories (`dockaudit db import`)",
            db.path
        )),
        Some(t) => {
            let days = (now - t.with_timezone(&chrono::Utc)).num_days();
            (days > max_days).then(|| {
                format!(
                    "advisory database {}: newest record is {days} days old ({}), over the \
                     {max_days}-day limit; import current advisories (`dockaudit db import`)",
                    db.path,
                    t.format("%Y-%m-%d")
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::vulns::PackageRef;
    use crate::vuln::import::{import_path, Limits};
    use crate::vuln::inventory::Item;
    use std::path::Path;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut s = Store::open_for_import(dir.path()).unwrap();
        let mut prep = crate::vuln::store::Preparer::new().unwrap();
        s.import("test", |sink| {
            for p in [
                "tests/fixtures/vulndb",
                "../shared/vulndata/rustsec-advisory-db-osv",
            ] {
                import_path(&root.join(p), &Limits::default(), &mut |a| {
                    sink(prep.prepare(a).unwrap())
                })
                .unwrap();
            }
            0
        })
        .unwrap();
        (dir, s)
    }

    fn item(eco: &str, name: &str, version: &str) -> Item {
        Item {
            ecosystem: eco.into(),
            package: name.into(),
            version: version.into(),
            pkg: PackageRef {
                name: name.into(),
                version: version.into(),
                ecosystem: eco.into(),
                purl: format!("pkg:x/{name}@{version}"),
                ..Default::default()
            },
        }
    }

    fn ids(s: &mut Store, items: Vec<Item>) -> Vec<String> {
        let inv = Inventory {
            items,
            not_covered: vec![],
        };
        let t = match_inventory(s, "image", "t", &inv).unwrap();
        t.matches.iter().map(|m| m.id.clone()).collect()
    }

    #[test]
    fn rpm_epochs_and_ubuntu_releases() {
        let (_d, mut s) = store();
        // AlmaLinux 9: the fix carries epoch 1; the same version without an
        // epoch is older.
        let got = ids(
            &mut s,
            vec![item("AlmaLinux:9", "openssl-libs", "1:3.0.7-27.el9")],
        );
        assert_eq!(got, vec!["ALSA-2024:9333"]);
        assert!(ids(
            &mut s,
            vec![item("AlmaLinux:9", "openssl-libs", "1:3.2.2-6.el9_5")]
        )
        .is_empty());
        assert!(ids(
            &mut s,
            vec![item("AlmaLinux:8", "openssl-libs", "1:3.0.7-27.el9")]
        )
        .is_empty());
        // Ubuntu 22.04 (records say Ubuntu:22.04:LTS) takes 22.04's fix only.
        let got = ids(
            &mut s,
            vec![item("Ubuntu:22.04", "openssl", "3.0.2-0ubuntu1.15")],
        );
        assert!(
            got.iter()
                .any(|i| i == "USN-6937-1" || i == "UBUNTU-CVE-2024-5535"),
            "{got:?}"
        );
        assert!(ids(
            &mut s,
            vec![item("Ubuntu:22.04", "openssl", "3.0.2-0ubuntu1.17")]
        )
        .is_empty());
    }

    #[test]
    fn withdrawn_and_informational_rustsec_records() {
        let (_d, mut s) = store();
        // RUSTSEC-2023-0002 (git2) is withdrawn: never matched.
        let got = ids(&mut s, vec![item("crates.io", "git2", "0.15.0")]);
        assert!(!got.iter().any(|i| i == "RUSTSEC-2023-0002"), "{got:?}");
        // atty is flagged unmaintained/unsound: kept, marked informational.
        let inv = Inventory {
            items: vec![item("crates.io", "atty", "0.2.14")],
            not_covered: vec![],
        };
        let t = match_inventory(&mut s, "image", "t", &inv).unwrap();
        assert!(!t.matches.is_empty());
        assert!(
            t.matches.iter().any(|m| m.informational.is_some()),
            "{:?}",
            t.matches
        );
    }

    #[test]
    fn an_ecosystem_the_database_lacks_is_not_covered() {
        let (_d, mut s) = store();
        let inv = Inventory {
            items: vec![
                item("Debian:3", "openssl", "0.9.6c-2"),
                item("Debian:3.1", "zlib", "1.2.2-4"),
                item("crates.io", "atty", "0.2.14"),
            ],
            not_covered: vec![],
        };
        let t = match_inventory(&mut s, "image", "t", &inv).unwrap();
        assert_eq!(t.judged, 1, "{t:?}");
        assert!(!t.matches.is_empty());
        assert_eq!(t.not_covered.len(), 1, "{:?}", t.not_covered);
        assert!(
            t.not_covered[0].starts_with("2 Debian:3 packages: the advisory database holds no"),
            "{:?}",
            t.not_covered
        );
    }

    #[test]
    fn an_informational_twin_never_hides_a_vulnerability() {
        let pkg = PackageRef {
            name: "smallvec".into(),
            version: "0.6.9".into(),
            purl: "pkg:cargo/smallvec@0.6.9".into(),
            ..Default::default()
        };
        let m = |id: &str, alias: &str, info: Option<&str>| VulnMatch {
            package: pkg.clone(),
            id: id.into(),
            aliases: vec![alias.into()],
            source: "osv".into(),
            summary: String::new(),
            severity: crate::checks::Severity::Medium,
            severity_basis: String::new(),
            severity_unknown: true,
            fixed: Some("0.6.10".into()),
            last_affected: None,
            range: String::new(),
            informational: info.map(str::to_string),
            references: Vec::new(),
        };
        for order in [false, true] {
            let mut v = vec![
                m("RUSTSEC-2018-0018", "CVE-2018-25023", Some("unsound")),
                m("GHSA-55m5-whcv-c49c", "CVE-2018-25023", None),
            ];
            if order {
                v.reverse();
            }
            let merged = merge(v);
            assert_eq!(merged.len(), 1);
            assert_eq!(merged[0].informational, None, "order {order}");
        }
    }

    #[test]
    fn old_or_undated_data_warns() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut db = DatabaseInfo {
            path: "db".into(),
            newest_modified: Some("2026-11-25T10:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(age_warning(&db, now, 7), None);
        db.newest_modified = Some("2026-11-01T00:00:00Z".into());
        let w = age_warning(&db, now, 7).unwrap();
        assert!(w.contains("29 days old (2026-11-01)"), "{w}");
        assert_eq!(age_warning(&db, now, 30), None);
        db.newest_modified = None;
        assert!(age_warning(&db, now, 7).unwrap().contains("age is unknown"));
    }
}
