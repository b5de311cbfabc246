//! The Alpine secdb reader: one release file (`distroversion`, `packages`
//! with each origin package's `secfixes`: fixed version → ids) into one
//! [`Advisory`] per (package, id). Owns the reading of secfixes entries
//! ("CVE-x XSA-y (note)"); must not read files or order versions.
//!
//! Decisions: the fixed version `0` ("never affected in this release")
//! gives no advisory and is counted as skipped. An id listed under several
//! fixed versions of one package gives one advisory with one range per
//! fixed version (`introduced 0, fixed v`): the union of the ranges is
//! "affected below the highest fixed version", the conservative reading,
//! and needs no version ordering here.

use serde::Deserialize;
use serde_json::Value;

use super::{Doc, ImportError, Ordered, Out};
use crate::vuln::advisory::{Advisory, Affected, Event, Range, RangeKind};

pub const SOURCE: &str = "alpine-secdb";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SecDb {
    distroversion: Option<String>,
    packages: Option<Vec<PkgEntry>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PkgEntry {
    pkg: Option<Pkg>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Pkg {
    name: Option<String>,
    secfixes: Ordered<Option<Vec<Value>>>,
}

/// `v3.11` from "v3.11" or "3.11"; None when it is not a release number.
pub fn release(distroversion: &str) -> Option<String> {
    let v = distroversion.trim();
    let bare = v.strip_prefix('v').unwrap_or(v);
    if bare == "edge" {
        return Some("edge".to_string());
    }
    if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Some(format!("v{bare}"))
}

/// The ids of one secfixes entry: "CVE-2019-5060 TALOS-2019-0844" gives the
/// id and its alias; a parenthesised note ("(AoE)") is dropped, and so are
/// placeholders ("CVE-????-?????").
pub fn entry_ids(entry: &str) -> Vec<String> {
    let before_note = entry.split('(').next().unwrap_or("");
    before_note
        .split_whitespace()
        .filter(|t| !t.contains('?'))
        .map(str::to_string)
        .collect()
}

/// One advisory being built: (package, id) → fixed versions, aliases.
struct Pending {
    package: String,
    id: String,
    aliases: Vec<String>,
    fixed: Vec<String>,
}

pub(crate) fn read(doc: Doc, out: &mut Out) -> Result<(), ImportError> {
    let shown = doc.shown;
    let db: SecDb = doc.parse("an Alpine secdb file")?;
    let dv = db.distroversion.unwrap_or_default();
    let rel = release(&dv).ok_or_else(|| {
        ImportError::invalid(
            shown,
            format!("Alpine secdb `distroversion` {dv:?} is not a release (v3.11, 3.11)"),
        )
    })?;
    let ecosystem = format!("Alpine:{rel}");

    let mut pending: Vec<Pending> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = Default::default();
    for (i, p) in db.packages.unwrap_or_default().into_iter().enumerate() {
        let Some(pkg) = p.pkg else {
            out.warn(format!("{shown}: packages[{i}] has no `pkg`: skipped"));
            continue;
        };
        let name = pkg.name.unwrap_or_default().trim().to_string();
        if name.is_empty() {
            out.warn(format!("{shown}: packages[{i}] has no name: skipped"));
            continue;
        }
        for (version, entries) in pkg.secfixes.0 {
            let version = version.trim().to_string();
            let entries = entries.unwrap_or_default();
            if version == "0" {
                out.skip_n(
                    "alpine-secdb: fixed in version 0 (never affected in the release)",
                    entries.len(),
                );
                continue;
            }
            for e in entries {
                let Some(s) = e.as_str() else {
                    out.warn(format!(
                        "{shown}: {name} {version}: entry {e} is not text: skipped"
                    ));
                    continue;
                };
                let mut ids = entry_ids(s).into_iter();
                let Some(id) = ids.next() else {
                    out.warn(format!(
                        "{shown}: {name} {version}: entry {s:?} names no id: skipped"
                    ));
                    continue;
                };
                let key = (name.clone(), id.clone());
                let at = *index.entry(key).or_insert_with(|| {
                    pending.push(Pending {
                        package: name.clone(),
                        id: id.clone(),
                        aliases: Vec::new(),
                        fixed: Vec::new(),
                    });
                    pending.len() - 1
                });
                let p = &mut pending[at];
                p.aliases.extend(ids);
                if !p.fixed.contains(&version) {
                    p.fixed.push(version.clone());
                }
            }
        }
    }

    for p in pending {
        let mut aliases: Vec<String> = p.aliases.into_iter().filter(|a| *a != p.id).collect();
        aliases.sort();
        aliases.dedup();
        let summary = format!("{}: {} fixed in {}", p.package, p.id, p.fixed.join(", "));
        let ranges = p
            .fixed
            .into_iter()
            .map(|v| Range {
                kind: RangeKind::Ecosystem,
                events: vec![Event::Introduced("0".to_string()), Event::Fixed(v)],
            })
            .collect();
        out.advisory(Advisory {
            id: p.id,
            aliases,
            source: format!("{SOURCE}:{}", ecosystem.trim_start_matches("Alpine:")),
            summary,
            affected: vec![Affected {
                ecosystem: ecosystem.clone(),
                package: p.package,
                ranges,
                ..Default::default()
            }],
            ..Default::default()
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::import::{ImportStats, Limits};

    fn run(text: &str) -> (Vec<Advisory>, ImportStats) {
        let limits = Limits::default();
        let mut stats = ImportStats::default();
        let mut got = Vec::new();
        let mut sink = |a: Advisory| got.push(a);
        let mut out = Out::new(&mut sink, &mut stats, &limits);
        let pre = if text.trim_start().starts_with('{') {
            None
        } else {
            Some(super::super::yaml_to_json(
                &crate::compose::yaml::parse(text).unwrap(),
            ))
        };
        read(
            Doc {
                text,
                pre,
                shown: "t",
            },
            &mut out,
        )
        .unwrap();
        (got, stats)
    }

    #[test]
    fn entries_and_releases() {
        assert_eq!(
            entry_ids("CVE-2019-5060 TALOS-2019-0844"),
            ["CVE-2019-5060", "TALOS-2019-0844"]
        );
        assert_eq!(entry_ids("CVE-2018-14879 (tcpdump -V)"), ["CVE-2018-14879"]);
        assert_eq!(entry_ids("CVE-????-?????  XSA-295"), ["XSA-295"]);
        assert_eq!(release("3.11").as_deref(), Some("v3.11"));
        assert_eq!(release("v3.10").as_deref(), Some("v3.10"));
        assert_eq!(release("x"), None);
    }

    #[test]
    fn yaml_secdb_one_advisory_per_package_and_id() {
        let (got, stats) = run(
            "distroversion: '3.11'\nreponame: main\npackages:\n  - pkg:\n      name: openssl\n      secfixes:\n        1.1.1g-r0:\n          - CVE-2020-1967\n        1.1.1d-r1:\n          - CVE-2019-1547 ALIAS-1\n          - CVE-2020-1967\n        0:\n          - CVE-2000-0001\n  - pkg:\n      name: musl\n",
        );
        assert_eq!(got.len(), 2);
        let a = &got[0];
        assert_eq!(a.id, "CVE-2020-1967");
        assert_eq!(a.source, format!("{SOURCE}:v3.11"));
        assert_eq!(
            a.summary,
            "openssl: CVE-2020-1967 fixed in 1.1.1g-r0, 1.1.1d-r1"
        );
        assert_eq!(a.affected[0].ecosystem, "Alpine:v3.11");
        assert_eq!(a.affected[0].package, "openssl");
        assert_eq!(a.affected[0].ranges.len(), 2);
        assert_eq!(
            a.affected[0].ranges[0].events,
            [
                Event::Introduced("0".into()),
                Event::Fixed("1.1.1g-r0".into())
            ]
        );
        assert_eq!(got[1].aliases, ["ALIAS-1"]);
        assert_eq!(
            stats.skipped.values().sum::<usize>(),
            1,
            "{:?}",
            stats.skipped
        );
    }

    #[test]
    fn json_secdb() {
        let (got, _) = run(
            r#"{"distroversion": "v3.19", "reponame": "main", "urlprefix": "u", "apkurl": "a",
                "packages": [{"pkg": {"name": "curl", "secfixes": {"8.5.0-r0": ["CVE-2023-46218"]}}},
                             {"pkg": {"name": "zlib", "secfixes": null}}]}"#,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].affected[0].ecosystem, "Alpine:v3.19");
    }
}
