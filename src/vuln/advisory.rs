//! The normalised advisory every importer produces and the store keeps: what
//! matching and reporting need of an OSV record (ids, dates, severity, the
//! affected packages with their ranges), nothing the matcher does not read.

use serde::{Deserialize, Serialize};

/// One advisory from one source. `source` + `id` is unique in the store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Advisory {
    /// OSV id (GHSA-..., PYSEC-..., GO-..., RUSTSEC-..., DSA-...), or the CVE
    /// id for sources keyed by CVE (Alpine secdb, Debian tracker).
    pub id: String,
    /// Other ids of the same flaw (CVE ids, GHSA ids), sorted, deduplicated.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The upstream ids a distribution's record stands for (OSV
    /// `upstream`: DEBIAN-CVE-2024-1 names CVE-2024-1): not aliases, but
    /// the same flaw for merging matches and for VEX statements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub upstream: Vec<String>,
    /// Where the record came from: `osv`, `alpine-secdb:v3.19` (one secdb
    /// file per release), `debian-tracker`.
    pub source: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// RFC 3339, as published; None when the source gives none (or the
    /// placeholder year 1 of some OSV exports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// RFC 3339 withdrawal time: a withdrawn record is kept and never matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
    /// Record-level severity: CVSS vectors (`CVSS_V3`/`CVSS_V4`/`CVSS_V2`
    /// with the vector) and the source's own rating (`Ubuntu`: "medium",
    /// Debian urgency, GHSA `database_specific.severity`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<SeverityEntry>,
    /// Up to a few reference URLs (advisory page first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    pub affected: Vec<Affected>,
}

/// A severity as the source states it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeverityEntry {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, or a rating scheme named by the
    /// source: `rating` (low/moderate/medium/high/critical/negligible ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// The CVSS vector, or the rating word.
    pub score: String,
}

/// One affected package in one ecosystem.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Affected {
    /// The OSV ecosystem, with its release where it has one: `PyPI`,
    /// `crates.io`, `Go`, `npm`, `Maven`, `Debian:12`, `Alpine:v3.19`,
    /// `Ubuntu:22.04:LTS`, `AlmaLinux:9`.
    pub ecosystem: String,
    /// Package name as the ecosystem spells it: the *source* package for
    /// Debian and Ubuntu, the origin for Alpine, `group:artifact` for Maven,
    /// the module path (or `stdlib`) for Go.
    pub package: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    /// Explicitly listed affected versions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// Set for advisories that are not vulnerabilities (RustSec `unsound`,
    /// `unmaintained`, `notice`): kept apart from vulnerability findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
    /// A severity that applies to this package only (OSV per-affected
    /// `severity`, Debian urgency per release); overrides the record's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<SeverityEntry>,
}

/// An OSV range. Events keep the order of the record; the matcher sorts them
/// by version (OSV requires that, publishers do not always comply).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Range {
    #[serde(rename = "type")]
    pub kind: RangeKind,
    pub events: Vec<Event>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RangeKind {
    /// Versions in the ecosystem's own ordering.
    #[default]
    Ecosystem,
    /// SemVer 2.0 ordering (OSV `SEMVER`; Go's vulndb uses it).
    Semver,
    /// Commit hashes: cannot be judged from an installed version; kept, not
    /// matched.
    Git,
}

/// An OSV range event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// `0` means from the very first version.
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Event::Introduced(_) => "introduced",
            Event::Fixed(_) => "fixed",
            Event::LastAffected(_) => "last_affected",
            Event::Limit(_) => "limit",
        }
    }
}
