//! The OSV schema reader: OSV records (JSON or YAML, one per document or a
//! list of them) into [`Advisory`] values, keeping only what the model holds
//! (no `details`, at most five references). Owns the OSV field mapping
//! (severity types, RustSec informational flags, Debian urgency, the year-1
//! placeholder dates); must not read files or judge versions.

use serde::Deserialize;
use serde_json::Value;

use super::{first_line, rating, Doc, ImportError, Out};
use crate::vuln::advisory::{Advisory, Affected, Event, Range, RangeKind, SeverityEntry};

/// References kept per advisory.
pub const MAX_REFERENCES: usize = 5;
/// Characters of summary kept.
pub const MAX_SUMMARY: usize = 200;

/// An OSV record, the fields we read; unknown fields are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvRecord {
    pub id: Option<String>,
    pub modified: Option<String>,
    pub published: Option<String>,
    pub withdrawn: Option<String>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub aliases: Vec<String>,
    /// The upstream ids a distribution record stands for (DEBIAN-CVE-X,
    /// UBUNTU-CVE-X name CVE-X here).
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub upstream: Vec<String>,
    pub summary: Option<String>,
    /// Read only to derive a summary when the record has none.
    pub details: Option<String>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub severity: Vec<OsvSeverity>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub affected: Vec<OsvAffected>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub references: Vec<OsvReference>,
    pub database_specific: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvSeverity {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub score: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvAffected {
    pub package: Option<OsvPackage>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub ranges: Vec<OsvRange>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub versions: Vec<String>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub severity: Vec<OsvSeverity>,
    pub ecosystem_specific: Option<Value>,
    pub database_specific: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvPackage {
    pub ecosystem: Option<String>,
    pub name: Option<String>,
    pub purl: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvRange {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub repo: Option<String>,
    #[serde(deserialize_with = "crate::facts::null_default")]
    pub events: Vec<OsvEvent>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvEvent {
    pub introduced: Option<String>,
    pub fixed: Option<String>,
    pub last_affected: Option<String>,
    pub limit: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OsvReference {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub url: Option<String>,
}

/// Reads an OSV document (text already classified as OSV; `pre`: the
/// document when it was YAML, already converted) and emits its advisories.
/// A list of records gives one error per bad record, the rest still read.
pub(crate) fn read(doc: Doc, out: &mut Out) -> Result<(), ImportError> {
    let Doc { text, pre, shown } = doc;
    let what = "an OSV record";
    let records: Vec<Result<OsvRecord, ImportError>> = match pre {
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value(v).map_err(|e| {
                    ImportError::invalid(&format!("{shown} (record #{i})"), e.to_string())
                })
            })
            .collect(),
        Some(v) => vec![Doc {
            text,
            pre: Some(v),
            shown,
        }
        .parse(what)],
        None if text.trim_start().starts_with('[') => {
            let items: Vec<Value> =
                serde_json::from_str(text).map_err(|e| ImportError::json(shown, what, &e))?;
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    serde_json::from_value(v).map_err(|e| {
                        ImportError::invalid(&format!("{shown} (record #{i})"), e.to_string())
                    })
                })
                .collect()
        }
        None => vec![Ok(Doc {
            text,
            pre: None,
            shown,
        }
        .parse(what)?)],
    };
    let single = records.len() == 1;
    for (i, r) in records.into_iter().enumerate() {
        let rec_name = if single {
            shown.to_string()
        } else {
            format!("{shown} (record #{i})")
        };
        let converted = r.and_then(|rec| {
            let mut warnings = Vec::new();
            let a = convert(rec, &mut warnings).map_err(|m| ImportError::invalid(&rec_name, m));
            for w in warnings {
                out.warn(format!("{rec_name}: {w}"));
            }
            a
        });
        match converted {
            Ok(a) => out.advisory(a),
            // One record alone: its error is the file's.
            Err(e) if single => return Err(e),
            Err(e) => out.error(&e),
        }
    }
    Ok(())
}

/// A date, None for the year-1 placeholder (Go vulndb repository files)
/// and empty strings.
fn date(d: Option<String>) -> Option<String> {
    d.map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with("0001-"))
}

/// One OSV severity entry as the model keeps it: CVSS types as written, the
/// Ubuntu rating (and other named ratings) as `rating`.
fn severity_entry(s: &OsvSeverity) -> Option<SeverityEntry> {
    let kind = s.kind.as_deref()?.trim();
    let score = s.score.as_deref()?.trim();
    if kind.is_empty() || score.is_empty() {
        return None;
    }
    if kind.starts_with("CVSS_") {
        Some(SeverityEntry {
            kind: kind.to_string(),
            score: score.to_string(),
        })
    } else {
        // "Ubuntu" and any other scheme that states a word.
        Some(SeverityEntry {
            kind: "rating".to_string(),
            score: rating(score)?,
        })
    }
}

/// A string field of a `*_specific` object.
fn specific_str<'v>(v: &'v Option<Value>, key: &str) -> Option<&'v str> {
    v.as_ref()?.get(key)?.as_str()
}

/// An OSV record as an [`Advisory`]; Err names what is missing. Oddities
/// that do not stop the record go to `warnings`.
pub fn convert(rec: OsvRecord, warnings: &mut Vec<String>) -> Result<Advisory, String> {
    let id = rec
        .id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| "OSV record has no `id`".to_string())?
        .to_string();
    let mut aliases: Vec<String> = rec
        .aliases
        .iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty() && *a != id)
        .collect();
    aliases.sort();
    aliases.dedup();

    let mut severity: Vec<SeverityEntry> = rec.severity.iter().filter_map(severity_entry).collect();
    if let Some(r) = specific_str(&rec.database_specific, "severity").and_then(rating) {
        severity.push(SeverityEntry {
            kind: "rating".to_string(),
            score: r,
        });
    }

    // ADVISORY references first, then the others in record order.
    let urls = |advisory: bool| {
        rec.references
            .iter()
            .filter(move |r| (r.kind.as_deref() == Some("ADVISORY")) == advisory)
            .filter_map(|r| r.url.as_deref().map(str::trim))
            .filter(|u| !u.is_empty())
            .map(str::to_string)
    };
    let mut references: Vec<String> = Vec::new();
    for u in urls(true).chain(urls(false)) {
        if references.len() >= MAX_REFERENCES {
            break;
        }
        if !references.contains(&u) {
            references.push(u);
        }
    }

    let summary = match rec.summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => first_line(s, MAX_SUMMARY),
        _ => first_line(rec.details.as_deref().unwrap_or(""), MAX_SUMMARY),
    };

    let mut affected = Vec::new();
    for (i, a) in rec.affected.iter().enumerate() {
        let Some(pkg) = &a.package else {
            warnings.push(format!("affected[{i}] names no package: skipped"));
            continue;
        };
        let name = pkg.name.as_deref().unwrap_or("").trim();
        let ecosystem = pkg.ecosystem.as_deref().unwrap_or("").trim();
        if name.is_empty() || ecosystem.is_empty() {
            warnings.push(format!(
                "affected[{i}] has no package name or ecosystem: skipped"
            ));
            continue;
        }
        let mut ranges = Vec::new();
        for (j, r) in a.ranges.iter().enumerate() {
            let kind = match r.kind.as_deref() {
                Some("ECOSYSTEM") => RangeKind::Ecosystem,
                Some("SEMVER") => RangeKind::Semver,
                Some("GIT") => RangeKind::Git,
                other => {
                    warnings.push(format!(
                        "affected[{i}] ({ecosystem} {name}) range {j}: unknown range type {:?}: range skipped",
                        other.unwrap_or("")
                    ));
                    continue;
                }
            };
            let mut events = Vec::new();
            for (k, e) in r.events.iter().enumerate() {
                let before = events.len();
                if let Some(v) = &e.introduced {
                    events.push(Event::Introduced(v.clone()));
                }
                if let Some(v) = &e.fixed {
                    events.push(Event::Fixed(v.clone()));
                }
                if let Some(v) = &e.last_affected {
                    events.push(Event::LastAffected(v.clone()));
                }
                if let Some(v) = &e.limit {
                    events.push(Event::Limit(v.clone()));
                }
                if events.len() == before {
                    warnings.push(format!(
                        "affected[{i}] ({ecosystem} {name}) range {j} event {k}: no introduced, fixed, last_affected or limit: event skipped"
                    ));
                }
            }
            ranges.push(Range { kind, events });
        }
        let mut sev: Vec<SeverityEntry> = a.severity.iter().filter_map(severity_entry).collect();
        // Debian OSV records: the tracker's urgency for this release.
        if let Some(r) = specific_str(&a.ecosystem_specific, "urgency").and_then(rating) {
            sev.push(SeverityEntry {
                kind: "rating".to_string(),
                score: r,
            });
        }
        // RustSec: "unsound", "unmaintained", "notice" (null when a
        // vulnerability).
        let informational = specific_str(&a.database_specific, "informational")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        affected.push(Affected {
            ecosystem: ecosystem.to_string(),
            package: name.to_string(),
            ranges,
            versions: a.versions.clone(),
            informational,
            severity: sev,
        });
    }

    let mut upstream: Vec<String> = rec
        .upstream
        .iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty() && *u != id && !aliases.contains(u))
        .collect();
    upstream.sort();
    upstream.dedup();
    Ok(Advisory {
        id,
        aliases,
        upstream,
        source: "osv".to_string(),
        summary,
        modified: date(rec.modified),
        published: date(rec.published),
        withdrawn: rec
            .withdrawn
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        severity,
        references,
        affected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> (Advisory, Vec<String>) {
        let rec: OsvRecord = serde_json::from_str(json).unwrap();
        let mut w = Vec::new();
        (convert(rec, &mut w).unwrap(), w)
    }

    #[test]
    fn maps_the_fields_the_model_holds() {
        let (a, w) = one(
            r#"{"id": "GHSA-x", "aliases": ["CVE-2", "GHSA-x", "CVE-1", "CVE-2"],
               "modified": "2024-01-02T00:00:00Z", "published": "0001-01-01T00:00:00Z",
               "summary": "first line\nsecond", "details": "long text",
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N"}, {"type": "Ubuntu", "score": "Medium"}],
               "database_specific": {"severity": "MODERATE"},
               "references": [{"type": "WEB", "url": "w1"}, {"type": "ADVISORY", "url": "a1"},
                              {"type": "FIX", "url": "f1"}, {"type": "WEB", "url": "w2"},
                              {"type": "WEB", "url": "w3"}, {"type": "ADVISORY", "url": "a2"}],
               "affected": [{"package": {"ecosystem": "npm", "name": "x"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.3"}]},
                              {"type": "GIT", "repo": "r", "events": [{"introduced": "abc"}, {"limit": "def"}]},
                              {"type": "WEIRD", "events": [{"introduced": "0"}]}],
                   "versions": ["1.0.0"], "extra": 1}],
               "unknown_field": {"a": 1}}"#,
        );
        assert_eq!(a.id, "GHSA-x");
        assert_eq!(a.source, "osv");
        assert_eq!(a.aliases, ["CVE-1", "CVE-2"]);
        assert_eq!(a.modified.as_deref(), Some("2024-01-02T00:00:00Z"));
        assert_eq!(a.published, None);
        assert_eq!(a.summary, "first line");
        assert_eq!(a.references, ["a1", "a2", "w1", "f1", "w2"]);
        assert_eq!(
            a.severity,
            [
                SeverityEntry {
                    kind: "CVSS_V3".into(),
                    score: "CVSS:3.1/AV:N".into()
                },
                SeverityEntry {
                    kind: "rating".into(),
                    score: "medium".into()
                },
                SeverityEntry {
                    kind: "rating".into(),
                    score: "moderate".into()
                },
            ]
        );
        let af = &a.affected[0];
        assert_eq!((af.ecosystem.as_str(), af.package.as_str()), ("npm", "x"));
        assert_eq!(af.ranges.len(), 2, "the unknown range type is skipped");
        assert_eq!(af.ranges[0].kind, RangeKind::Semver);
        assert_eq!(
            af.ranges[0].events,
            [Event::Introduced("0".into()), Event::Fixed("1.2.3".into())]
        );
        assert_eq!(af.ranges[1].kind, RangeKind::Git);
        assert_eq!(af.ranges[1].events[1], Event::Limit("def".into()));
        assert_eq!(af.versions, ["1.0.0"]);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("WEIRD"), "{w:?}");
    }

    #[test]
    fn per_affected_severity_urgency_and_informational() {
        let (a, _) = one(
            r#"{"id": "DEBIAN-CVE-2024-1", "details": "\n\nDetails only.",
               "affected": [
                 {"package": {"ecosystem": "Debian:12", "name": "openssl"},
                  "ecosystem_specific": {"urgency": "low**"},
                  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:L"}]},
                 {"package": {"ecosystem": "Debian:11", "name": "openssl"},
                  "ecosystem_specific": {"urgency": "not yet assigned"}},
                 {"package": {"ecosystem": "crates.io", "name": "x"},
                  "database_specific": {"informational": "unsound"}},
                 {"package": {"ecosystem": "crates.io", "name": "y"},
                  "database_specific": {"informational": null}}]}"#,
        );
        assert_eq!(a.summary, "Details only.");
        assert_eq!(a.affected[0].severity.len(), 2);
        assert_eq!(a.affected[0].severity[1].score, "low");
        assert!(a.affected[1].severity.is_empty());
        assert_eq!(a.affected[2].informational.as_deref(), Some("unsound"));
        assert_eq!(a.affected[3].informational, None);
    }

    #[test]
    fn a_record_without_id_is_an_error() {
        let rec: OsvRecord = serde_json::from_str(r#"{"affected": []}"#).unwrap();
        assert!(convert(rec, &mut Vec::new()).unwrap_err().contains("`id`"));
    }

    #[test]
    fn nulls_and_empty_events_are_tolerated() {
        let (a, w) = one(r#"{"id": "X-1", "aliases": null, "references": null,
               "affected": [{"package": {"ecosystem": "Go", "name": "m"}, "versions": null,
                             "ranges": [{"type": "SEMVER", "events": [{}, {"introduced": "0"}]}]},
                            {"ranges": []}]}"#);
        assert!(a.aliases.is_empty());
        assert_eq!(a.affected.len(), 1);
        assert_eq!(a.affected[0].ranges[0].events.len(), 1);
        assert_eq!(w.len(), 2, "{w:?}");
    }
}
