//! HOST-007: engine, containerd or runc older than the minimum safe or
//! end-of-life versions shipped with dockaudit (CIS 1.2.2).

use crate::checks::support::daemon::{is_podman, parse_version, version_lt};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

/// The table dockaudit judges against. Data as of 2025-11 from the Docker
/// Engine release notes (docs.docker.com/engine/release-notes), the
/// containerd RELEASES.md support table and the runc and containerd
/// security advisories. Each rule: a component, the release line below
/// which it is end of life, and the minimum safe version of each line.
pub const TABLE_AS_OF: &str = "2025-11";
pub struct VersionRule {
    pub component: &'static str,
    /// Versions below this release line are end of life.
    pub eol_below: &'static [u64],
    /// The advisories that set the minimum safe versions below.
    pub advisory: &'static str,
    /// Per release line (major.minor): the minimum safe version in it.
    pub min_safe: &'static [(&'static [u64], &'static [u64])],
}

pub static RULES: &[VersionRule] = &[
    VersionRule {
        component: "engine",
        // 20.10 reached end of life 2023-12; 23.0, 24.0 followed; 25.0 and
        // later are the lines still receiving fixes in 2025.
        eol_below: &[25, 0],
        advisory: "CVE-2024-41110 (AuthZ plugin bypass)",
        min_safe: &[
            (&[25, 0], &[25, 0, 6]),
            (&[26, 0], &[26, 1, 5]),
            (&[26, 1], &[26, 1, 5]),
            (&[27, 0], &[27, 1, 1]),
            (&[27, 1], &[27, 1, 1]),
        ],
    },
    VersionRule {
        component: "containerd",
        // 1.6 reached end of life 2025-07.
        eol_below: &[1, 7],
        advisory: "CVE-2025-64329 / CVE-2024-25621 (containerd 2025-11 advisories)",
        min_safe: &[
            (&[1, 7], &[1, 7, 29]),
            (&[2, 0], &[2, 0, 7]),
            (&[2, 1], &[2, 1, 5]),
        ],
    },
    VersionRule {
        component: "runc",
        eol_below: &[1, 2],
        advisory: "CVE-2025-31133, CVE-2025-52565, CVE-2025-52881 (mount races)",
        min_safe: &[(&[1, 2], &[1, 2, 8]), (&[1, 3], &[1, 3, 3])],
    },
];

fn fmt(v: &[u64]) -> String {
    v.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

/// The verdict for one component version: None when fine.
pub fn judge(component: &str, version: &str) -> Option<String> {
    let rule = RULES.iter().find(|r| r.component == component)?;
    let v = parse_version(version)?;
    if version_lt(&v, rule.eol_below) {
        return Some(format!(
            "{component} {version} is end of life (release lines below {} get no fixes; table as of {TABLE_AS_OF})",
            fmt(rule.eol_below)
        ));
    }
    let why = rule.advisory;
    for (line, min) in rule.min_safe {
        if v.len() >= 2 && v[..2] == line[..2] && version_lt(&v, min) {
            return Some(format!(
                "{component} {version} is below {} ({why}; table as of {TABLE_AS_OF})",
                fmt(min)
            ));
        }
    }
    None
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let e = crate::checks::support::or_skip!(ctx.facts.engine.get(), "engine facts unavailable");
    if is_podman(ctx) {
        return Outcome::NotApplicable(format!(
            "the engine is Podman ({}): the version table covers Docker Engine, containerd and runc",
            e.version.version
        ));
    }
    let mut found: Vec<(&str, String, String)> = Vec::new();
    let engine_v = if !e.version.version.is_empty() {
        e.version.version.clone()
    } else {
        e.info.server_version.clone()
    };
    if !engine_v.is_empty() {
        found.push(("engine", engine_v, "engine: /version Version".into()));
    }
    for c in &e.version.components {
        let name = c.name.to_ascii_lowercase();
        if name == "containerd" || name == "runc" {
            let comp = if name == "runc" { "runc" } else { "containerd" };
            found.push((
                comp,
                c.version.clone(),
                format!("engine: /version Components[{}].Version", c.name),
            ));
        }
    }
    if found.is_empty() {
        return Outcome::Skipped("the engine reported no version".into());
    }
    let mut findings = Vec::new();
    let mut obs = Vec::new();
    let mut checked = 0;
    for (comp, v, src) in &found {
        let judged = parse_version(v).is_some();
        obs.push(Observation {
            subject: Subject::new("engine", *comp),
            message: if judged {
                format!("{comp} {v}")
            } else {
                format!("{comp} {v}: not a version number, not judged")
            },
            source: src.clone(),
        });
        if !judged {
            continue;
        }
        checked += 1;
        if let Some(msg) = judge(comp, v) {
            findings.push(Finding::new(
                Subject::new("engine", *comp),
                msg,
                Evidence::new(
                    src.clone(),
                    v.clone(),
                    format!("a maintained {comp} release at or above the table's minimum"),
                ),
            ));
        }
    }
    if checked == 0 {
        return Outcome::Skipped("no component version could be read as a version number".into());
    }
    // A component the engine did not report (or not as a version number)
    // may be the outdated one: no pass without all three.
    let unjudged: Vec<&str> = ["engine", "containerd", "runc"]
        .into_iter()
        .filter(|c| {
            !found
                .iter()
                .any(|(comp, v, _)| comp == c && parse_version(v).is_some())
        })
        .collect();
    if findings.is_empty() && !unjudged.is_empty() {
        return Outcome::Skipped(format!(
            "the versions read are maintained, but no version number was reported for {}",
            unjudged.join(", ")
        ));
    }
    Outcome::from_findings(checked, findings, "").with_observations(obs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_verdicts() {
        assert!(judge("engine", "20.10.24+dfsg1")
            .unwrap()
            .contains("end of life"));
        assert!(judge("engine", "27.1.0").unwrap().contains("27.1.1"));
        assert_eq!(judge("engine", "27.1.1"), None);
        assert_eq!(judge("engine", "28.0.0"), None);
        assert!(judge("runc", "1.1.5+ds1").is_some());
        assert!(judge("runc", "1.2.7")
            .unwrap()
            .contains("(mount races); table as of"));
        assert!(judge("containerd", "2.0.6")
            .unwrap()
            .contains("CVE-2025-64329"));
        assert_eq!(judge("runc", "1.2.8"), None);
        assert!(judge("containerd", "1.6.20~ds1").is_some());
        assert_eq!(judge("containerd", "2.2.0"), None);
        assert_eq!(judge("engine", "dev"), None);
    }
}
