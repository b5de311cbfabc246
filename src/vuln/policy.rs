//! What an audit reports of the advisory matches: the severity threshold,
//! whether unfixed advisories count, and the VEX statements of
//! dockaudit.toml (`[[vex]]`: an advisory judged not to affect a package,
//! with the reason and an optional expiry). Pure; parsing is the config's.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Severity;

/// One VEX statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VexEntry {
    /// The advisory id or any of its aliases (CVE-2024-1234, GHSA-...).
    pub id: String,
    /// The installed package name or purl it applies to; every package
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// CycloneDX analysis state: not_affected (default), false_positive,
    /// resolved, resolved_with_pedigree.
    #[serde(default = "not_affected")]
    pub status: String,
    /// CycloneDX justification, e.g. code_not_reachable,
    /// requires_configuration, protected_at_runtime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Why: required, shown in the report.
    pub reason: String,
    /// Last day (YYYY-MM-DD) the statement holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

fn not_affected() -> String {
    "not_affected".into()
}

pub const STATES: &[&str] = &[
    "not_affected",
    "false_positive",
    "resolved",
    "resolved_with_pedigree",
];
pub const JUSTIFICATIONS: &[&str] = &[
    "code_not_present",
    "code_not_reachable",
    "requires_configuration",
    "requires_dependency",
    "requires_environment",
    "protected_by_compiler",
    "protected_at_runtime",
    "protected_at_perimeter",
    "protected_by_mitigating_control",
];

impl VexEntry {
    /// Checks the statement's words; the error names the entry.
    pub fn validate(&self) -> Result<(), String> {
        if self.reason.trim().is_empty() {
            return Err(format!("[[vex]] {}: reason is required", self.id));
        }
        if !STATES.contains(&self.status.as_str()) {
            return Err(format!(
                "[[vex]] {}: status {:?}: use one of {}",
                self.id,
                self.status,
                STATES.join(", ")
            ));
        }
        if let Some(j) = &self.justification {
            if !JUSTIFICATIONS.contains(&j.as_str()) {
                return Err(format!(
                    "[[vex]] {}: justification {j:?}: use one of {}",
                    self.id,
                    JUSTIFICATIONS.join(", ")
                ));
            }
        }
        if let Some(e) = &self.expires {
            NaiveDate::parse_from_str(e, "%Y-%m-%d")
                .map_err(|_| format!("[[vex]] {}: expires {e:?}: use YYYY-MM-DD", self.id))?;
        }
        Ok(())
    }

    /// The statement has expired on `today`.
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires
            .as_deref()
            .and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok())
            .is_some_and(|d| today > d)
    }

    /// The statement names this advisory (by any id) and package.
    pub fn covers<'a>(
        &self,
        mut ids: impl Iterator<Item = &'a str>,
        package: &str,
        purl: &str,
    ) -> bool {
        let pkg_ok = match &self.package {
            None => true,
            Some(p) => p == package || p == purl || purl.starts_with(&format!("{p}@")),
        };
        pkg_ok && ids.any(|i| i.eq_ignore_ascii_case(&self.id))
    }
}

/// The reporting policy for advisory matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VulnPolicy {
    /// Matches below this severity are counted, not listed.
    pub min_severity: Severity,
    /// Advisories with no known fix are counted, not listed.
    pub ignore_unfixed: bool,
    /// The newest advisory older than this many days makes the audit warn.
    pub max_db_age_days: i64,
    pub vex: Vec<VexEntry>,
}

impl Default for VulnPolicy {
    fn default() -> Self {
        VulnPolicy {
            min_severity: Severity::Info,
            ignore_unfixed: false,
            max_db_age_days: 7,
            vex: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, package: Option<&str>) -> VexEntry {
        VexEntry {
            id: id.into(),
            package: package.map(String::from),
            status: "not_affected".into(),
            justification: Some("code_not_reachable".into()),
            reason: "the vulnerable parser is never called".into(),
            expires: Some("2026-12-31".into()),
        }
    }

    #[test]
    fn covers_by_any_id_and_package_or_purl() {
        let e = entry("CVE-2023-32681", Some("requests"));
        let ids = ["PYSEC-2023-74", "CVE-2023-32681"];
        assert!(e.covers(ids.iter().copied(), "requests", "pkg:pypi/requests@2.25.0"));
        assert!(!e.covers(ids.iter().copied(), "urllib3", "pkg:pypi/urllib3@1.0"));
        let by_purl = entry("cve-2023-32681", Some("pkg:pypi/requests"));
        assert!(by_purl.covers(ids.iter().copied(), "x", "pkg:pypi/requests@2.25.0"));
        assert!(!entry("CVE-1", None).covers(ids.iter().copied(), "requests", ""));
    }

    #[test]
    fn validation_and_expiry() {
        let mut e = entry("CVE-1", None);
        assert!(e.validate().is_ok());
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(!e.expired(day("2026-12-31")));
        assert!(e.expired(day("2027-01-01")));
        e.status = "wontfix".into();
        assert!(e.validate().unwrap_err().contains("status"));
        e.status = "not_affected".into();
        e.reason = " ".into();
        assert!(e.validate().unwrap_err().contains("reason"));
    }
}
