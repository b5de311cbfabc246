//! Suppressions: findings accepted by an inline `# dockaudit ignore=ID
//! reason` comment (or hadolint's `# hadolint ignore=DL3008`, checkov's
//! `# checkov:skip=CKV_DOCKER_2: reason`) or a `[[ignore]]` entry of
//! dockaudit.toml. They move from
//! `findings` to `suppressed` (counted, never silently dropped). Pure: the
//! config file is read by the CLI.

use globset::GlobMatcher;
use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::{summarize, Report};
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Check id (DF-003), slug or peer code (DL3008).
    pub id: String,
    /// Glob over the subject path (`services/**/Dockerfile`); all paths
    /// when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the finding is accepted: required.
    pub reason: String,
    /// Last day (YYYY-MM-DD) the ignore holds; after it the findings come
    /// back and the report says so.
    #[serde(default)]
    pub expires: Option<String>,
}

#[derive(Clone, Debug)]
struct Rule {
    entry: IgnoreEntry,
    glob: Option<GlobMatcher>,
    expires: Option<NaiveDate>,
}

/// The `[[ignore]]` entries of a config with compiled globs.
#[derive(Clone, Debug, Default)]
pub struct Ignores {
    source: String,
    rules: Vec<Rule>,
}

impl Ignores {
    /// Parses dockaudit.toml text (its `[[ignore]]` entries); `source`
    /// names the file in messages.
    pub fn parse(text: &str, source: &str) -> Result<Ignores, String> {
        crate::config::Config::parse(text, source).map(|c| c.ignores)
    }

    /// Validates entries: a reason, a known check or peer code, a glob, a
    /// date.
    pub fn new(entries: Vec<IgnoreEntry>, source: &str) -> Result<Ignores, String> {
        let mut rules = Vec::new();
        for (n, e) in entries.into_iter().enumerate() {
            if e.reason.trim().is_empty() {
                return Err(format!(
                    "{source}: [[ignore]] #{} ({}) has an empty reason: every ignore needs one",
                    n + 1,
                    e.id
                ));
            }
            if !crate::config::names_a_check(&e.id) {
                return Err(format!(
                    "{source}: [[ignore]] #{}: no check {:?}",
                    n + 1,
                    e.id
                ));
            }
            let glob = match &e.path {
                // `*` stays within one folder, as in a shell; `**` crosses.
                Some(p) => Some(
                    globset::GlobBuilder::new(p)
                        .literal_separator(true)
                        .build()
                        .map_err(|err| {
                            format!("{source}: [[ignore]] #{} path {p:?}: {err}", n + 1)
                        })?
                        .compile_matcher(),
                ),
                None => None,
            };
            let expires = match &e.expires {
                Some(d) => Some(
                    NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                        format!(
                            "{source}: [[ignore]] #{} expires {d:?}: use a date, YYYY-MM-DD",
                            n + 1
                        )
                    })?,
                ),
                None => None,
            };
            rules.push(Rule {
                entry: e,
                glob,
                expires,
            });
        }
        Ok(Ignores {
            source: source.to_string(),
            rules,
        })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The first live rule covering the finding, with its index.
    fn find(
        &self,
        check_id: &str,
        check_slug: &str,
        f: &Finding,
        today: NaiveDate,
    ) -> Option<(usize, Suppressed)> {
        let path = f
            .evidence
            .location
            .as_ref()
            .map(|l| l.path.as_str())
            .unwrap_or(f.subject.name.as_str());
        let trimmed = path.strip_prefix("./").unwrap_or(path);
        self.rules.iter().enumerate().find_map(|(n, r)| {
            let e = &r.entry;
            let live = r.expires.is_none_or(|d| today <= d);
            let id_ok = names(&e.id, check_id, check_slug, f);
            let path_ok = r
                .glob
                .as_ref()
                .is_none_or(|g| g.is_match(path) || g.is_match(trimmed));
            (live && id_ok && path_ok).then(|| {
                (
                    n,
                    Suppressed {
                        finding: f.clone(),
                        reason: e.reason.clone(),
                        by: format!("{} [[ignore]] #{}", self.source, n + 1),
                    },
                )
            })
        })
    }
}

/// An ignore id names the finding: its check's id or slug, a retired id
/// of the check (ids of merged checks live on as aliases), or one of the
/// finding's peer codes.
fn names(id: &str, check_id: &str, check_slug: &str, f: &Finding) -> bool {
    let id = id.trim();
    id.eq_ignore_ascii_case(check_id)
        || (!check_slug.is_empty() && id.eq_ignore_ascii_case(check_slug))
        || f.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        || crate::checks::find(check_id).is_some_and(|c| {
            c.aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(id) && crate::checks::alias_tool(a) == "dockaudit")
        })
}

/// The inline suppression of a Dockerfile that covers the finding: a
/// dockaudit comment, a `# hadolint ignore=` on the line before the
/// instruction, or a `# checkov:skip=` anywhere in the file.
fn inline(dfs: &[Dockerfile], check_id: &str, f: &Finding) -> Option<Suppressed> {
    if f.subject.kind != "dockerfile" {
        return None;
    }
    let df = dfs.iter().find(|d| d.path == f.subject.name)?;
    let line = f.evidence.location.as_ref().and_then(|l| l.line);
    df.suppressions.iter().find_map(|s| {
        let reason = s.reason.as_ref()?;
        let slug = crate::checks::find(check_id).map_or("", |c| c.slug);
        if !s.ids.iter().any(|i| names(i, check_id, slug, f)) {
            return None;
        }
        let covers = s.whole_file || line.is_some_and(|l| s.start_line <= l && l <= s.end_line);
        let what = match s.tool.as_deref() {
            Some("hadolint") => "hadolint ignore comment",
            Some("checkov") => "checkov skip comment",
            _ => "inline comment",
        };
        covers.then(|| Suppressed {
            finding: f.clone(),
            reason: reason.clone(),
            by: format!("{what} at {}:{}", df.path, s.line),
        })
    })
}

/// The day ignores are judged on: the report's clock.
fn report_day(report: &Report) -> NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&report.generated_at)
        .map(|t| t.with_timezone(&chrono::Utc).date_naive())
        .unwrap_or_else(|_| chrono::Utc::now().date_naive())
}

/// Moves suppressed findings out of `findings`; a check left without
/// findings passes. Notes expired and unused `[[ignore]]` entries in the
/// warnings. Recomputes the summary.
pub fn apply(report: &mut Report, dockerfiles: &[Dockerfile], ignores: &Ignores) {
    let today = report_day(report);
    let mut used = vec![false; ignores.rules.len()];
    let mut total = 0;
    for c in &mut report.checks {
        let mut accepted: Vec<Suppressed> = Vec::new();
        for f in &c.findings {
            let hit = inline(dockerfiles, &c.id, f).or_else(|| {
                ignores.find(&c.id, &c.slug, f, today).map(|(n, s)| {
                    used[n] = true;
                    s
                })
            });
            accepted.extend(hit);
        }
        if !accepted.is_empty() {
            c.retain_findings(|f| !accepted.iter().any(|s| &s.finding == f));
            c.suppressed.extend(accepted);
        }
        total += c.suppressed.len();
        c.suppressed.sort();
    }
    for (n, r) in ignores.rules.iter().enumerate() {
        let e = &r.entry;
        let ran = report.checks.iter().any(|c| {
            e.id.eq_ignore_ascii_case(&c.id)
                || e.id == c.slug
                || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(&e.id))
        });
        match r.expires {
            Some(d) if today > d => report.warnings.push(format!(
                "{}: ignore #{} for {} expired on {d}: its findings are reported again",
                ignores.source,
                n + 1,
                e.id
            )),
            // Entries for checks this command does not run are not judged.
            _ if ran && !used[n] => report.warnings.push(format!(
                "{}: ignore #{} for {} matched no finding (unused)",
                ignores.source,
                n + 1,
                e.id
            )),
            _ => {}
        }
    }
    report.summary = summarize(&report.checks);
    report.summary.suppressed = total;
}
