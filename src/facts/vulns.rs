//! Advisory matches of an audit: for each inventoried target (image, host,
//! engine) the packages judged and the advisories that affect them, each
//! with the range that decided it. Produced by `crate::vuln::scan` from the
//! inventory and the advisory store; judged by the vulnerability checks.

use serde::{Deserialize, Serialize};

use crate::model::Severity;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VulnFacts {
    /// The advisory data used.
    pub database: DatabaseInfo,
    pub targets: Vec<VulnTarget>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabaseInfo {
    pub path: String,
    pub records: u64,
    /// `source (records)`, sorted.
    pub sources: Vec<String>,
    /// The newest `modified` date of any record (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newest_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_import: Option<String>,
}

/// One inventoried thing: an image, the host, or the engine's components.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VulnTarget {
    /// image, host, engine
    pub kind: String,
    /// Image reference, `host`, `dockerd`.
    pub name: String,
    /// Packages matched against the store (in an ecosystem it has data for
    /// or not).
    pub judged: usize,
    pub matches: Vec<VulnMatch>,
    /// Package/advisory pairs that could not be decided (a version that
    /// cannot be ordered), one line each, naming both.
    pub unjudged: Vec<String>,
    /// Packages left out of matching and why (a distribution release the
    /// image does not name, a package kind with no advisory ecosystem).
    pub not_covered: Vec<String>,
}

/// The package an advisory matched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PackageRef {
    /// The installed (binary) package name.
    pub name: String,
    pub version: String,
    /// The advisory ecosystem it was matched in (`Debian:12`, `PyPI`).
    pub ecosystem: String,
    /// The name and version matched, when they differ from the installed
    /// ones (Debian source package, Go module version spelling).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_as: Option<String>,
    pub purl: String,
    /// Where it was read: the package database file, the binary, the
    /// engine's /version field.
    pub location: String,
}

fn unknown_severity() -> Severity {
    Severity::Medium
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VulnMatch {
    pub package: PackageRef,
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The record's source: osv, alpine-secdb, debian-tracker.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default = "unknown_severity")]
    pub severity: Severity,
    /// How the severity was decided (vector and base score, or rating).
    #[serde(default)]
    pub severity_basis: String,
    /// The advisory publishes no severity (reported as medium).
    #[serde(default)]
    pub severity_unknown: bool,
    /// The version that fixes it; None when no fix is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Versions after this one are not affected (OSV last_affected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    /// The range (or versions list) that matched, as the record states it.
    #[serde(default)]
    pub range: String,
    /// `unsound`, `unmaintained`, `notice`: not a vulnerability, kept apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

impl VulnMatch {
    /// A fix is known: a fixed version, or any version after last_affected.
    pub fn has_fix(&self) -> bool {
        self.fixed.is_some() || self.last_affected.is_some()
    }

    /// Every id of the flaw: its own and its aliases.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(|s| s.as_str()))
    }
}
