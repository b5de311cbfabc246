//! The Debian security tracker export reader: the one JSON object
//! (source package → CVE or TEMP id → description, releases with status,
//! fixed version and urgency) into one [`Advisory`] per (source package,
//! id), one affected entry per mapped release. Streams the top-level object
//! a package at a time (never a value tree of the whole export). Owns the
//! codename → release number map; must not read files or order versions.

use serde::de::{DeserializeSeed, Deserializer as _, MapAccess, Visitor};
use serde::Deserialize;

use super::{first_line, rating, ImportError, Ordered, Out};
use crate::vuln::advisory::{Advisory, Affected, Event, Range, RangeKind, SeverityEntry};

pub const SOURCE: &str = "debian-tracker";

/// Release number of a Debian codename (the releases the tracker follows);
/// None for `sid`, `experimental` and codenames not known here.
pub fn release_number(codename: &str) -> Option<&'static str> {
    Some(match codename {
        "buster" => "10",
        "bullseye" => "11",
        "bookworm" => "12",
        "trixie" => "13",
        "forky" => "14",
        "duke" => "15",
        _ => return None,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Issue {
    description: Option<String>,
    releases: Ordered<ReleaseStatus>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReleaseStatus {
    status: Option<String>,
    fixed_version: Option<String>,
    urgency: Option<String>,
}

pub(crate) fn read(text: &str, shown: &str, out: &mut Out) -> Result<(), ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_map(Packages { out })
        .and_then(|()| de.end())
        .map_err(|e| ImportError::json(shown, "a Debian tracker export", &e))
}

/// Visits the top-level object: each package's issues are read, converted
/// and emitted before the next package is read.
struct Packages<'o, 'a> {
    out: &'o mut Out<'a>,
}

impl<'de> Visitor<'de> for Packages<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of source packages")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(package) = map.next_key::<String>()? {
            map.next_value_seed(PackageSeed {
                package: &package,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }
}

struct PackageSeed<'p, 'o, 'a> {
    package: &'p str,
    out: &'o mut Out<'a>,
}

impl<'de> DeserializeSeed<'de> for PackageSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let issues = Ordered::<Issue>::deserialize(d)?;
        for (id, issue) in issues.0 {
            convert(self.package, &id, issue, self.out);
        }
        Ok(())
    }
}

fn convert(package: &str, id: &str, issue: Issue, out: &mut Out) {
    let id = id.trim();
    if id.is_empty() || package.trim().is_empty() {
        out.skip("debian-tracker: entry without package name or id");
        return;
    }
    let mut affected = Vec::new();
    for (codename, r) in issue.releases.0 {
        let Some(number) = release_number(&codename) else {
            out.skip("debian-tracker: release not mapped (sid, unknown codename)");
            continue;
        };
        let status = r.status.as_deref().unwrap_or("").trim();
        let fixed = r.fixed_version.as_deref().map(str::trim).unwrap_or("");
        let events = match status {
            "resolved" if fixed == "0" => {
                out.skip("debian-tracker: release not affected (fixed_version 0)");
                continue;
            }
            "resolved" if fixed.is_empty() => {
                out.skip("debian-tracker: resolved without a fixed version");
                continue;
            }
            "resolved" => vec![Event::Introduced("0".into()), Event::Fixed(fixed.into())],
            "open" | "undetermined" => vec![Event::Introduced("0".into())],
            _ => {
                out.skip("debian-tracker: unknown release status");
                continue;
            }
        };
        let severity = r
            .urgency
            .as_deref()
            .and_then(rating)
            .map(|score| SeverityEntry {
                kind: "rating".into(),
                score,
            })
            .into_iter()
            .collect();
        affected.push(Affected {
            ecosystem: format!("Debian:{number}"),
            package: package.to_string(),
            ranges: vec![Range {
                kind: RangeKind::Ecosystem,
                events,
            }],
            severity,
            ..Default::default()
        });
    }
    if affected.is_empty() {
        out.skip("debian-tracker: no mapped release affected");
        return;
    }
    out.advisory(Advisory {
        id: id.to_string(),
        source: SOURCE.to_string(),
        summary: first_line(issue.description.as_deref().unwrap_or(""), 200),
        affected,
        ..Default::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::import::{ImportStats, Limits};

    fn run(text: &str) -> Result<(Vec<Advisory>, ImportStats), ImportError> {
        let limits = Limits::default();
        let mut stats = ImportStats::default();
        let mut got = Vec::new();
        let mut sink = |a: Advisory| got.push(a);
        let mut out = Out::new(&mut sink, &mut stats, &limits);
        read(text, "tracker.json", &mut out)?;
        Ok((got, stats))
    }

    #[test]
    fn releases_statuses_and_urgency() {
        let (got, stats) = run(
            r#"{"openssl": {
                 "CVE-2024-1": {"description": "Use after free\nmore", "scope": "remote", "debianbug": 1,
                   "releases": {
                     "bookworm": {"status": "resolved", "repositories": {"bookworm": "3.0.15-1~deb12u1"},
                                  "fixed_version": "3.0.15-1~deb12u1", "urgency": "low**"},
                     "trixie": {"status": "open", "repositories": {}, "urgency": "unimportant"},
                     "bullseye": {"status": "resolved", "fixed_version": "0", "urgency": "not yet assigned"},
                     "sid": {"status": "resolved", "fixed_version": "3.3.0-1", "urgency": "low"}}},
                 "TEMP-0000001-ABCDEF": {"releases": {"sid": {"status": "open"}}}},
               "zlib": {}}"#,
        )
        .unwrap();
        assert_eq!(got.len(), 1);
        let a = &got[0];
        assert_eq!((a.id.as_str(), a.source.as_str()), ("CVE-2024-1", SOURCE));
        assert_eq!(a.summary, "Use after free");
        assert_eq!(a.affected.len(), 2);
        assert_eq!(a.affected[0].ecosystem, "Debian:12");
        assert_eq!(
            a.affected[0].ranges[0].events,
            [
                Event::Introduced("0".into()),
                Event::Fixed("3.0.15-1~deb12u1".into())
            ]
        );
        assert_eq!(a.affected[0].severity[0].score, "low");
        assert_eq!(a.affected[1].ecosystem, "Debian:13");
        assert_eq!(a.affected[1].ranges[0].events.len(), 1);
        assert_eq!(a.affected[1].severity[0].score, "negligible");
        assert_eq!(
            stats.skipped.values().sum::<usize>(),
            4,
            "{:?}",
            stats.skipped
        );
    }

    #[test]
    fn malformed_json_names_file_and_line() {
        let e = run("{\"openssl\": {\n  \"CVE-1\": {\"releases\": {]}}}\n").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("tracker.json: line 2"), "{s}");
    }
}
