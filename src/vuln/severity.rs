//! The severity of an advisory for one affected package: the CVSS base
//! score computed from the published vector (v4.0, then v3.x, then v2), else
//! the source's own rating, else unknown. Pure; the vectors are parsed by the
//! `cvss` crate.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::advisory::{Advisory, SeverityEntry};
use crate::model::Severity;

/// How a severity was decided, for the finding's evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rated {
    pub severity: Severity,
    /// `CVSS:3.1/AV:N/... (base 9.8)`, `rating "medium" (Debian urgency)`,
    /// or `no CVSS vector or rating in the advisory`.
    pub basis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// False when neither a vector nor a rating was published.
    pub known: bool,
}

/// The CVSS base score of a vector (`CVSS:4.0/...`, `CVSS:3.x/...`, or a v2
/// vector with or without its `CVSS:2.0/` prefix).
pub fn cvss_base_score(vector: &str) -> Result<f64, String> {
    let v = vector.trim();
    if v.starts_with("CVSS:3.") {
        let parsed = cvss::v3::Vector::from_str(v).map_err(|e| e.to_string())?;
        return Ok(parsed.base_score().value());
    }
    if v.starts_with("CVSS:4.") {
        let parsed = cvss::v4::Vector::from_str(v).map_err(|e| e.to_string())?;
        return Ok(parsed.score().value());
    }
    let bare = v.strip_prefix("CVSS:2.0/").unwrap_or(v);
    let parsed = cvss::v2::Vector::from_str(bare).map_err(|e| e.to_string())?;
    Ok(parsed.score().value())
}

/// The qualitative rating of a CVSS score (the CVSS v3/v4 bands; 0 is none,
/// reported as info).
pub fn band(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else if score > 0.0 {
        Severity::Low
    } else {
        Severity::Info
    }
}

/// A rating word as sources spell it.
pub fn rating(word: &str) -> Option<Severity> {
    match word
        .trim()
        .trim_end_matches('*')
        .to_ascii_lowercase()
        .as_str()
    {
        "critical" => Some(Severity::Critical),
        "high" | "important" => Some(Severity::High),
        "medium" | "moderate" => Some(Severity::Medium),
        "low" => Some(Severity::Low),
        "negligible" | "unimportant" | "none" | "informational" => Some(Severity::Info),
        _ => None,
    }
}

fn from_entries(entries: &[SeverityEntry], what: &str) -> Option<Rated> {
    for kind in ["CVSS_V4", "CVSS_V3", "CVSS_V2"] {
        for e in entries.iter().filter(|e| e.kind == kind) {
            if let Ok(score) = cvss_base_score(&e.score) {
                return Some(Rated {
                    severity: band(score),
                    basis: format!("{} (base {score:.1}, {what})", e.score),
                    score: Some(score),
                    known: true,
                });
            }
        }
    }
    entries
        .iter()
        .filter(|e| !e.kind.starts_with("CVSS"))
        .find_map(|e| {
            rating(&e.score).map(|severity| Rated {
                severity,
                basis: format!("rating \"{}\" ({what})", e.score),
                score: None,
                known: true,
            })
        })
}

/// The severity of `advisory` for its affected entry `affected`: the
/// package's own entry first (a distribution's rating of its package), then
/// the record's. An advisory with neither is reported as medium with
/// `known: false`, never dropped below a threshold as if it were low.
pub fn rate(advisory: &Advisory, affected: usize) -> Rated {
    let own = advisory
        .affected
        .get(affected)
        .and_then(|a| from_entries(&a.severity, "package entry"));
    own.or_else(|| from_entries(&advisory.severity, "advisory"))
        .unwrap_or(Rated {
            severity: Severity::Medium,
            basis: "no CVSS vector or rating in the advisory: reported as medium".to_string(),
            score: None,
            known: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvss_v31_base_scores() {
        // Log4Shell.
        let s = cvss_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").unwrap();
        assert_eq!(s, 10.0);
        let s = cvss_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        assert_eq!(s, 9.8);
        let s = cvss_base_score("CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N").unwrap();
        assert_eq!(s, 2.5);
        assert_eq!(band(s), Severity::Low);
    }

    #[test]
    fn cvss_v4_base_scores() {
        // The specification's examples: all high = 10, a network
        // unauthenticated high-confidentiality-only flaw = 8.7.
        let s = cvss_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H")
            .unwrap();
        assert_eq!(s, 10.0);
        let s = cvss_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N")
            .unwrap();
        assert_eq!(s, 8.7);
        assert_eq!(band(s), Severity::High);
        let s = cvss_base_score("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")
            .unwrap();
        assert_eq!(s, 0.0);
        assert_eq!(band(s), Severity::Info);
    }

    #[test]
    fn cvss_v2_with_and_without_prefix() {
        let a = cvss_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").unwrap();
        assert_eq!(a, 7.5);
        assert_eq!(
            cvss_base_score("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P").unwrap(),
            a
        );
    }

    #[test]
    fn bad_vectors_are_errors_not_scores() {
        for v in [
            "",
            "CVSS:3.1/",
            "CVSS:3.1/AV:X",
            "CVSS:4.0/AV:N",
            "garbage",
            "CVSS:9.9/AV:N",
        ] {
            assert!(cvss_base_score(v).is_err(), "{v}");
        }
    }

    fn adv(record: Vec<SeverityEntry>, package: Vec<SeverityEntry>) -> Advisory {
        Advisory {
            id: "X-1".into(),
            severity: record,
            affected: vec![super::super::advisory::Affected {
                severity: package,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn e(kind: &str, score: &str) -> SeverityEntry {
        SeverityEntry {
            kind: kind.into(),
            score: score.into(),
        }
    }

    #[test]
    fn package_entry_wins_and_v4_before_v3() {
        let a = adv(
            vec![
                e("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                e(
                    "CVSS_V4",
                    "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
                ),
            ],
            vec![],
        );
        let r = rate(&a, 0);
        assert!(r.basis.starts_with("CVSS:4.0"), "{}", r.basis);
        let b = adv(
            vec![e("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")],
            vec![e("rating", "unimportant")],
        );
        let r = rate(&b, 0);
        assert_eq!(r.severity, Severity::Info);
        assert!(r.basis.contains("package entry"));
    }

    #[test]
    fn unknown_is_medium_and_says_so() {
        let r = rate(&adv(vec![], vec![]), 0);
        assert_eq!(r.severity, Severity::Medium);
        assert!(!r.known);
        let r = rate(&adv(vec![e("rating", "MODERATE")], vec![]), 0);
        assert_eq!(r.severity, Severity::Medium);
        assert!(r.known);
        // A broken vector falls through to a rating rather than failing.
        let r = rate(
            &adv(
                vec![e("CVSS_V3", "CVSS:3.1/AV:Q"), e("rating", "high")],
                vec![],
            ),
            0,
        );
        assert_eq!(r.severity, Severity::High);
    }
}
