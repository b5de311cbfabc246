//! Suppressions: findings accepted by an inline `# dockaudit ignore=ID
//! reason` comment or a `[[ignore]]` entry of dockaudit.toml. They move from
//! `findings` to `suppressed` (counted, never silently dropped). Pure: the
//! config file is read by the CLI.

use globset::{Glob, GlobMatcher};
use serde::{Deserialize, Serialize};

use super::{summarize, Report, Status};
use crate::checks::Finding;
use crate::dockerfile::Dockerfile;

/// A finding accepted with a reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
    /// "inline comment at PATH:LINE" or "CONFIG [[ignore]] #N".
    pub by: String,
}

/// The dockaudit.toml file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Check id (DF-003) or slug.
    pub id: String,
    /// Glob over the subject path (`services/**/Dockerfile`); all paths
    /// when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the finding is accepted: required.
    pub reason: String,
}

/// A parsed config with compiled globs.
#[derive(Debug, Default)]
pub struct Ignores {
    source: String,
    rules: Vec<(IgnoreEntry, Option<GlobMatcher>)>,
}

impl Ignores {
    /// Parses dockaudit.toml text; `source` names the file in messages.
    pub fn parse(text: &str, source: &str) -> Result<Ignores, String> {
        let cfg: ConfigFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let mut rules = Vec::new();
        for (n, e) in cfg.ignore.into_iter().enumerate() {
            if e.reason.trim().is_empty() {
                return Err(format!(
                    "{source}: [[ignore]] #{} ({}) has an empty reason: every ignore needs one",
                    n + 1,
                    e.id
                ));
            }
            if crate::checks::find(&e.id).is_none() {
                return Err(format!(
                    "{source}: [[ignore]] #{}: no check {:?}",
                    n + 1,
                    e.id
                ));
            }
            let glob = match &e.path {
                Some(p) => Some(
                    Glob::new(p)
                        .map_err(|err| {
                            format!("{source}: [[ignore]] #{} path {p:?}: {err}", n + 1)
                        })?
                        .compile_matcher(),
                ),
                None => None,
            };
            rules.push((e, glob));
        }
        Ok(Ignores {
            source: source.to_string(),
            rules,
        })
    }

    fn find(&self, check_id: &str, check_slug: &str, f: &Finding) -> Option<Suppressed> {
        let path = f
            .evidence
            .location
            .as_ref()
            .map(|l| l.path.as_str())
            .unwrap_or(f.subject.name.as_str());
        let trimmed = path.strip_prefix("./").unwrap_or(path);
        self.rules.iter().enumerate().find_map(|(n, (e, glob))| {
            let id_ok = e.id.eq_ignore_ascii_case(check_id) || e.id == check_slug;
            let path_ok = glob
                .as_ref()
                .is_none_or(|g| g.is_match(path) || g.is_match(trimmed));
            (id_ok && path_ok).then(|| Suppressed {
                finding: f.clone(),
                reason: e.reason.clone(),
                by: format!("{} [[ignore]] #{}", self.source, n + 1),
            })
        })
    }
}

/// The inline suppression of a Dockerfile that covers the finding.
fn inline(dfs: &[Dockerfile], check_id: &str, f: &Finding) -> Option<Suppressed> {
    if f.subject.kind != "dockerfile" {
        return None;
    }
    let df = dfs.iter().find(|d| d.path == f.subject.name)?;
    let line = f.evidence.location.as_ref().and_then(|l| l.line);
    df.suppressions.iter().find_map(|s| {
        let reason = s.reason.as_ref()?;
        if !s.ids.iter().any(|i| i.eq_ignore_ascii_case(check_id)) {
            return None;
        }
        let covers = s.whole_file || line.is_some_and(|l| s.start_line <= l && l <= s.end_line);
        covers.then(|| Suppressed {
            finding: f.clone(),
            reason: reason.clone(),
            by: format!("inline comment at {}:{}", df.path, s.line),
        })
    })
}

/// Moves suppressed findings out of `findings`; a check left without
/// findings passes. Recomputes the summary.
pub fn apply(report: &mut Report, dockerfiles: &[Dockerfile], ignores: &Ignores) {
    let mut total = 0;
    for c in &mut report.checks {
        if c.findings.is_empty() {
            continue;
        }
        let mut kept = Vec::new();
        for f in std::mem::take(&mut c.findings) {
            match inline(dockerfiles, &c.id, &f).or_else(|| ignores.find(&c.id, &c.slug, &f)) {
                Some(s) => c.suppressed.push(s),
                None => kept.push(f),
            }
        }
        c.findings = kept;
        total += c.suppressed.len();
        c.suppressed.sort();
        if c.findings.is_empty() && c.status == Status::Fail {
            c.status = Status::Pass;
        }
    }
    report.summary = summarize(&report.checks);
    report.summary.suppressed = total;
}
