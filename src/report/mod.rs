//! The report model: one serialisable structure built from check outcomes.
//! Every output format is a writer over it. No I/O here except the writers'
//! `Write` targets.

pub mod csv;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod suppress;
pub mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checks::{
    self, Check, Ctx, Finding, Mode, Observation, Outcome, Scope, Section, Severity,
};

/// Version of the JSON report schema (docs/report-schema.md).
pub const REPORT_SCHEMA_VERSION: &str = "1.0";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    Manual,
    Skipped,
    NotApplicable,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Manual => "manual",
            Status::Skipped => "skipped",
            Status::NotApplicable => "not_applicable",
            Status::Error => "error",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub tool: ToolInfo,
    /// RFC 3339.
    pub generated_at: String,
    pub target: Target,
    /// Each fact source and whether it was available.
    pub sources: Vec<SourceStatus>,
    pub checks: Vec<CheckResult>,
    pub summary: Summary,
    /// Non-fatal problems met while collecting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Present with `--group-by role`: findings of container and image
    /// subjects grouped by role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<RoleGroup>>,
    /// Present when the run is recorded (`--store`) and the store holds
    /// earlier runs of the same command, target and host: findings per
    /// section over those runs, and what is new and fixed since the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
}

/// Earlier runs of the same target, read from the history store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Oldest first; the last point is this run.
    pub points: Vec<HistoryPoint>,
    /// The run compared with (the newest earlier one).
    pub since_run: i64,
    pub since: String,
    /// Findings of this run that the earlier one did not have, and
    /// findings of the earlier one this run no longer has (by fingerprint).
    pub new: Vec<HistoryFinding>,
    pub fixed: Vec<HistoryFinding>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    /// The stored run's id; None for this run (recorded after the report
    /// is written).
    pub run: Option<i64>,
    /// RFC 3339.
    pub at: String,
    /// Failing findings per section slug (every section present).
    pub findings: std::collections::BTreeMap<String, u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryFinding {
    pub check_id: String,
    pub section: String,
    pub subject: String,
    pub role: String,
    pub severity: String,
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Target {
    /// host, image, dockerfile, compose
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SourceStatus {
    pub name: String,
    pub available: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckResult {
    pub id: String,
    pub slug: String,
    pub title: String,
    /// Section slug (host, provenance, monitoring, non_root, secrets,
    /// base_images, resources).
    pub section: String,
    pub section_number: u8,
    pub cis: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub severity: Severity,
    pub mode: Mode,
    pub status: Status,
    /// Why the check was skipped, not applicable, manual or in error; what
    /// evidence to request for manual checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Subjects judged (for pass and fail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<usize>,
    pub findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    /// Findings accepted by an inline comment or the config file, with the
    /// reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<suppress::Suppressed>,
}

impl CheckResult {
    /// The subjects a passing or failing check did not judge (it judged
    /// others), each with why: neither passed nor failed by it.
    pub fn not_judged(&self) -> impl Iterator<Item = (&Observation, &str)> {
        let judged = matches!(self.status, Status::Pass | Status::Fail);
        self.observations
            .iter()
            .filter(move |_| judged)
            .filter_map(|o| o.not_judged_reason().map(|why| (o, why)))
    }

    pub fn from_outcome(check: &Check, outcome: Outcome) -> CheckResult {
        let (status, reason, checked, mut findings, mut observations) = match outcome {
            Outcome::Pass {
                checked,
                observations,
            } => (Status::Pass, None, Some(checked), vec![], observations),
            Outcome::Fail {
                findings,
                observations,
            } => {
                let n = findings.len();
                (Status::Fail, None, Some(n), findings, observations)
            }
            Outcome::NotApplicable(r) => (Status::NotApplicable, Some(r), None, vec![], vec![]),
            Outcome::Skipped(r) => (Status::Skipped, Some(r), None, vec![], vec![]),
            Outcome::Manual {
                request,
                observations,
            } => (Status::Manual, Some(request), None, vec![], observations),
            Outcome::Error(r) => (Status::Error, Some(r), None, vec![], vec![]),
        };
        // Same input, same bytes. Unstable sorts: findings that compare
        // equal are equal (and deduplicated), so the order is the same, and
        // no buffer of half the findings is allocated.
        findings.sort_unstable();
        findings.dedup();
        // The report holds them to the end: no spare capacity.
        findings.shrink_to_fit();
        observations.sort_unstable();
        observations.dedup();
        CheckResult {
            id: check.id.to_string(),
            slug: check.slug.to_string(),
            title: check.title.to_string(),
            section: check.section.slug().to_string(),
            section_number: check.section.number(),
            cis: check.cis.iter().map(|s| s.to_string()).collect(),
            aliases: check.aliases.iter().map(|s| s.to_string()).collect(),
            severity: check.severity,
            mode: check.mode,
            status,
            reason,
            checked,
            findings,
            observations,
            suppressed: Vec::new(),
        }
    }

    /// Keeps the findings `keep` accepts. A failed check left without
    /// findings passes, judged on the subjects its findings named (never
    /// a pass listing findings, never a pass over nothing).
    pub fn retain_findings(&mut self, keep: impl Fn(&Finding) -> bool) -> Vec<Finding> {
        if self.status != Status::Fail {
            return Vec::new();
        }
        let (kept, dropped): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut self.findings)
            .into_iter()
            .partition(|f| keep(f));
        let subjects = |fs: &[Finding]| {
            let mut s: Vec<&checks::Subject> = fs.iter().map(|f| &f.subject).collect();
            s.sort();
            s.dedup();
            s.len()
        };
        if kept.is_empty() {
            self.status = Status::Pass;
            self.checked = Some(subjects(&dropped).max(1));
        } else {
            self.checked = Some(kept.len());
        }
        self.findings = kept;
        dropped
    }

    /// The highest severity among this check's findings.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings
            .iter()
            .map(|f| f.severity.unwrap_or(self.severity))
            .max()
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Summary {
    pub total: SectionScore,
    pub sections: Vec<SectionScore>,
    /// Findings by severity.
    pub findings: BTreeMap<String, usize>,
    /// Findings accepted by a suppression (not in `findings`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// The checks that judged nothing (error, skipped), by id: their
    /// findings of an earlier run are not known fixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_judged: Vec<String>,
    /// The subjects a passing or failing check did not judge, as
    /// `CHECK-ID KIND NAME`: their findings of an earlier run are not known
    /// fixed either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_judged_subjects: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SectionScore {
    pub section: String,
    pub title: String,
    pub pass: usize,
    pub fail: usize,
    pub manual: usize,
    pub skipped: usize,
    pub not_applicable: usize,
    pub error: usize,
    /// pass / (pass + fail + error) in percent, as CIS-CAT scores; None when
    /// nothing was judged.
    pub percent: Option<f64>,
}

impl Summary {
    /// The rows of a score table: every section with a check, then the
    /// total (the text, HTML and Markdown tables show the same rows).
    pub fn table_rows(&self) -> impl Iterator<Item = &SectionScore> {
        self.sections
            .iter()
            .filter(|s| s.pass + s.fail + s.manual + s.skipped + s.not_applicable + s.error > 0)
            .chain(std::iter::once(&self.total))
    }
}

impl SectionScore {
    /// The score as the tables print it: `87.5%`, or `-` when nothing was
    /// judged.
    pub fn percent_text(&self) -> String {
        self.percent
            .map(|v| format!("{v:.1}%"))
            .unwrap_or_else(|| "-".to_string())
    }

    fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Manual => self.manual += 1,
            Status::Skipped => self.skipped += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Error => self.error += 1,
        }
    }
    fn finish(&mut self) {
        let judged = self.pass + self.fail + self.error;
        self.percent = if judged == 0 {
            None
        } else {
            Some(((self.pass as f64 * 1000.0) / judged as f64).round() / 10.0)
        };
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RoleGroup {
    pub role: String,
    /// Subjects (container or image names) in this role.
    pub subjects: Vec<String>,
    /// check id -> findings of this role's subjects.
    pub checks: BTreeMap<String, Vec<Finding>>,
}

/// Which checks to run.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Check ids or slugs, CIS control ids ("5.4", "cis:5.4", or a prefix
    /// "5" / "5.*"), section numbers or slugs ("section:7", "resources"),
    /// peer codes ("DL3008": the check covering it, and of a check with
    /// several codes of that tool only the findings standing for it).
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// The term names the whole check: by id, slug, control, section, or a
    /// peer code of a check whose findings all stand for every code.
    fn whole(term: &str, check: &Check) -> bool {
        Self::matches_meta(term, check) || (check.has_alias(term) && check.one_code_per_tool())
    }

    /// The term is a peer code standing for some findings of a check with
    /// several codes of one tool.
    fn per_finding(term: &str, check: &Check) -> bool {
        check.has_alias(term) && !check.one_code_per_tool()
    }

    fn matches(term: &str, check: &Check) -> bool {
        Self::matches_meta(term, check) || check.has_alias(term)
    }

    fn matches_meta(term: &str, check: &Check) -> bool {
        let t = term.trim();
        if t.is_empty() {
            return false;
        }
        // A retired id or slug of a merged check stands for the whole
        // check; peer tools' codes are matched by `whole`/`per_finding`.
        if t.eq_ignore_ascii_case(check.id)
            || t == check.slug
            || check
                .aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(t) && crate::checks::alias_tool(a) == "dockaudit")
        {
            return true;
        }
        if let Some(sec) = t.strip_prefix("section:") {
            return Section::parse(sec) == Some(check.section);
        }
        let cis = t.strip_prefix("cis:").or_else(|| t.strip_prefix("CIS:"));
        let cis_term = cis.unwrap_or(t);
        if cis_term.chars().next().is_some_and(|c| c.is_ascii_digit()) && cis_term.contains('.')
            || cis.is_some()
        {
            let prefix = cis_term.trim_end_matches(".*").trim_end_matches('*');
            return check.cis.iter().any(|c| {
                *c == prefix || c.starts_with(&format!("{}.", prefix.trim_end_matches('.')))
            });
        }
        if Section::parse(t) == Some(check.section) {
            return true;
        }
        false
    }

    /// An ignored peer code never leaves a whole check out: its findings
    /// that stand for the code are dropped, and a finding no peer tool
    /// judges (DF-015's `HEALTHCHECK NONE`) stays.
    pub fn includes(&self, check: &Check) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|t| Self::matches(t, check));
        selected && !self.ignore.iter().any(|t| Self::matches_meta(t, check))
    }

    /// Which findings of an included check to keep: `None` keeps all;
    /// else the peer codes a finding must carry one of (selected) and
    /// must carry none of (ignored).
    pub fn finding_filter(&self, check: &Check) -> Option<(Option<Vec<String>>, Vec<String>)> {
        let whole = self.select.is_empty() || self.select.iter().any(|t| Self::whole(t, check));
        let keep = (!whole).then(|| {
            self.select
                .iter()
                .filter(|t| Self::per_finding(t, check))
                .map(|t| t.trim().to_string())
                .collect::<Vec<_>>()
        });
        let drop: Vec<String> = self
            .ignore
            .iter()
            .filter(|t| check.has_alias(t))
            .map(|t| t.trim().to_string())
            .collect();
        (keep.is_some() || !drop.is_empty()).then_some((keep, drop))
    }

    /// Terms that match no check at all: a typo must not silently select
    /// nothing.
    pub fn unknown_terms(&self, all: &[&Check]) -> Vec<String> {
        self.select
            .iter()
            .chain(self.ignore.iter())
            .filter(|t| !all.iter().any(|c| Self::matches(t, c)))
            .cloned()
            .collect()
    }
}

/// Runs the selected checks of the given scopes over the facts and builds
/// the report.
pub fn build(
    target: Target,
    scopes: &[Scope],
    ctx: &Ctx,
    selection: &Selection,
    group_by_role: bool,
    generated_at: String,
) -> Report {
    let checks: Vec<CheckResult> = checks::in_section_order()
        .into_iter()
        .filter(|c| scopes.contains(&c.scope) && selection.includes(c))
        .map(|c| {
            let mut r = CheckResult::from_outcome(c, checks::run(c, ctx));
            if let Some((keep, drop)) = selection.finding_filter(c) {
                let dropped = r.retain_findings(|f| {
                    let has = |codes: &[String]| {
                        f.aliases
                            .iter()
                            .any(|a| codes.iter().any(|t| t.eq_ignore_ascii_case(a)))
                    };
                    keep.as_deref().is_none_or(has) && !has(&drop)
                });
                // The findings the peer-code selection left out are said:
                // a pass here is a pass for the codes selected only.
                if !dropped.is_empty() {
                    let mut codes: Vec<&str> = dropped
                        .iter()
                        .flat_map(|f| f.aliases.iter().map(String::as_str))
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    r.observations.push(checks::Observation {
                        subject: dropped[0].subject.clone(),
                        message: format!(
                            "{} finding(s) of this check left out by --select/--ignore ({}): judged for the selected peer codes only",
                            dropped.len(),
                            if codes.is_empty() { "no peer code".to_string() } else { codes.join(", ") }
                        ),
                        source: "selection".into(),
                    });
                }
            }
            r
        })
        .collect();
    let facts = ctx.facts;
    // Only the sources the audited scopes read (a compose audit does not
    // list the engine as missing, a host audit not the compose files).
    let in_scope: Vec<&checks::Check> = checks::in_section_order()
        .into_iter()
        .filter(|c| scopes.contains(&c.scope))
        .collect();
    let sources = crate::checks::Need::all()
        .iter()
        .filter(|n| in_scope.iter().any(|c| c.needs.contains(n)))
        .map(|n| {
            let reason = facts.unavailable(*n).map(str::to_string);
            SourceStatus {
                name: n.as_str().to_string(),
                available: reason.is_none(),
                reason,
            }
        })
        .collect();
    let summary = summarize(&checks);
    let roles = group_by_role.then(|| group_roles(&checks));
    Report {
        schema_version: REPORT_SCHEMA_VERSION.to_string(),
        tool: ToolInfo {
            name: "dockaudit".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
        generated_at,
        target,
        sources,
        checks,
        summary,
        warnings: facts.warnings.clone(),
        roles,
        history: None,
    }
}

/// Tests: a report of `checks` on a target, with a fixed tool version and
/// no time, sources or warnings.
#[cfg(test)]
pub(crate) fn fixed_report(kind: &str, name: &str, checks: Vec<CheckResult>) -> Report {
    Report {
        schema_version: REPORT_SCHEMA_VERSION.to_string(),
        tool: ToolInfo {
            name: "dockaudit".into(),
            version: "0".into(),
        },
        generated_at: String::new(),
        target: Target {
            kind: kind.into(),
            name: name.into(),
        },
        sources: vec![],
        summary: summarize(&checks),
        checks,
        warnings: vec![],
        roles: None,
        history: None,
    }
}

pub fn summarize(checks: &[CheckResult]) -> Summary {
    let mut total = SectionScore {
        section: "total".to_string(),
        title: "Total".to_string(),
        ..Default::default()
    };
    let mut sections: Vec<SectionScore> = Section::ALL
        .iter()
        .map(|s| SectionScore {
            section: s.slug().to_string(),
            title: s.to_string(),
            ..Default::default()
        })
        .collect();
    let mut findings: BTreeMap<String, usize> = BTreeMap::new();
    for c in checks {
        total.add(c.status);
        if let Some(s) = sections.iter_mut().find(|s| s.section == c.section) {
            s.add(c.status);
        }
        for f in &c.findings {
            *findings
                .entry(f.severity.unwrap_or(c.severity).as_str().to_string())
                .or_default() += 1;
        }
    }
    total.finish();
    for s in &mut sections {
        s.finish();
    }
    Summary {
        total,
        sections,
        findings,
        suppressed: 0,
        not_judged: checks
            .iter()
            .filter(|c| matches!(c.status, Status::Error | Status::Skipped))
            .map(|c| c.id.clone())
            .collect(),
        not_judged_subjects: checks
            .iter()
            .flat_map(|c| {
                c.not_judged()
                    .map(|(o, _)| not_judged_key(&c.id, &o.subject.kind, &o.subject.name))
            })
            .collect(),
    }
}

/// How `Summary::not_judged_subjects` names a check's subject.
pub fn not_judged_key(check: &str, kind: &str, name: &str) -> String {
    format!("{check} {kind} {name}")
}

fn group_roles(checks: &[CheckResult]) -> Vec<RoleGroup> {
    let mut groups: BTreeMap<String, RoleGroup> = BTreeMap::new();
    for c in checks {
        for f in &c.findings {
            let Some(role) = f.subject.role.clone() else {
                continue;
            };
            let g = groups.entry(role.clone()).or_insert_with(|| RoleGroup {
                role,
                subjects: Vec::new(),
                checks: BTreeMap::new(),
            });
            if !g.subjects.contains(&f.subject.name) {
                g.subjects.push(f.subject.name.clone());
            }
            g.checks.entry(c.id.clone()).or_default().push(f.clone());
        }
    }
    let mut out: Vec<RoleGroup> = groups.into_values().collect();
    for g in &mut out {
        g.subjects.sort();
    }
    out
}

/// Applies `[severity]` overrides of dockaudit.toml: a key naming the check
/// (id, slug, or a peer code all its findings stand for) sets the check's
/// severity, which its findings without their own follow; a peer code of a
/// multi-code check sets the findings standing for it that set none.
/// Recomputes the summary.
pub fn apply_severity(report: &mut Report, overrides: &[crate::config::SeverityOverride]) {
    if overrides.is_empty() {
        return;
    }
    for c in &mut report.checks {
        let Some(check) = checks::find(&c.id) else {
            continue;
        };
        for o in overrides.iter().filter(|o| Selection::whole(&o.key, check)) {
            c.severity = o.severity;
        }
        for o in overrides
            .iter()
            .filter(|o| Selection::per_finding(&o.key, check))
        {
            for f in c.findings.iter_mut().filter(|f| f.severity.is_none()) {
                if f.aliases
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(o.key.trim()))
                {
                    f.severity = Some(o.severity);
                }
            }
        }
    }
    let suppressed = report.summary.suppressed;
    report.summary = summarize(&report.checks);
    report.summary.suppressed = suppressed;
}

impl Report {
    /// The checks of one checklist section, in report order.
    pub fn checks_in(&self, section: Section) -> Vec<&CheckResult> {
        self.checks
            .iter()
            .filter(|c| c.section == section.slug())
            .collect()
    }

    /// Exit code: 1 when a finding is at or above `fail_on`, or when any
    /// check could not be evaluated (an error is not a pass, and a check's
    /// findings may be graver than the check: what an errored check would
    /// have found is not known); else 0.
    pub fn exit_code(&self, fail_on: Severity) -> i32 {
        let failing = self.checks.iter().any(|c| match c.status {
            Status::Fail => c
                .findings
                .iter()
                .any(|f| f.severity.unwrap_or(c.severity) >= fail_on),
            Status::Error => true,
            _ => false,
        });
        i32::from(failing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::container::privileged;

    fn sel(select: &[&str], ignore: &[&str]) -> Selection {
        Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn selection_terms() {
        let c = &privileged::CHECK;
        for term in [
            "RES-001",
            "res-001",
            "privileged-container",
            "5.5",
            "cis:5.5",
            "cis:5",
            "5.*",
            "resources",
            "section:7",
            "7",
        ] {
            assert!(sel(&[term], &[]).includes(c), "{term}");
        }
        for term in ["RES-002", "5.4", "cis:4", "host", "section:1", "5.55"] {
            assert!(!sel(&[term], &[]).includes(c), "{term}");
        }
        assert!(sel(&[], &[]).includes(c));
        assert!(!sel(&[], &["5.5"]).includes(c));
        assert!(!sel(&["resources"], &["RES-001"]).includes(c));
        let all = crate::checks::registry();
        assert_eq!(
            sel(&["nope-nothing"], &[]).unknown_terms(all),
            vec!["nope-nothing"]
        );
        assert!(sel(&["RES-001"], &[]).unknown_terms(all).is_empty());
    }

    fn df005_result(codes: &[&[&str]]) -> CheckResult {
        let findings = codes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Finding::new(
                    crate::checks::Subject::new("dockerfile", "Dockerfile"),
                    format!("finding {i}"),
                    crate::checks::Evidence::new("x", "y", "z"),
                )
                .with_aliases(c.iter().copied())
            })
            .collect();
        CheckResult::from_outcome(
            &crate::checks::dockerfile::package_pins::CHECK,
            Outcome::fail(findings),
        )
    }

    #[test]
    fn peer_codes_select_and_ignore_findings() {
        let df005 = &crate::checks::dockerfile::package_pins::CHECK;
        assert!(sel(&["dl3008"], &[]).includes(df005));
        // A code shared by several findings of one check does not leave
        // the whole check out: its findings are filtered.
        assert!(sel(&[], &["DL3008"]).includes(df005));
        let (keep, drop) = sel(&["DL3008"], &[]).finding_filter(df005).unwrap();
        assert_eq!((keep, drop), (Some(vec!["DL3008".to_string()]), vec![]));
        assert!(sel(&["DF-005", "DL3008"], &[])
            .finding_filter(df005)
            .is_none());
        // A check with one code per tool is left out whole by its code.
        let hc = &crate::checks::dockerfile::missing_healthcheck::CHECK;
        assert!(hc.one_code_per_tool() && !df005.one_code_per_tool());
        // Ignored by its code, a check still runs: the findings standing
        // for the code are dropped, the others (HEALTHCHECK NONE) stay.
        assert!(sel(&[], &["dl3057"]).includes(hc));
        assert_eq!(
            sel(&[], &["dl3057"]).finding_filter(hc),
            Some((None, vec!["dl3057".to_string()]))
        );

        let mut r = df005_result(&[&["DL3008"], &["DL3018"]]);
        let dropped = r.retain_findings(|f| !f.aliases.contains(&"DL3008".to_string()));
        assert_eq!(dropped.len(), 1);
        assert_eq!((r.status, r.checked), (Status::Fail, Some(1)));
        r.retain_findings(|_| false);
        assert_eq!((r.status, r.checked), (Status::Pass, Some(1)));
        assert!(r.findings.is_empty());
    }

    #[test]
    fn subjects_not_judged_are_said_in_every_format() {
        let not = crate::checks::Subject::new("image", "web:2");
        let r = CheckResult::from_outcome(
            &crate::checks::dockerfile::package_pins::CHECK,
            Outcome::pass(1).with_observations(vec![Observation::not_judged(
                not,
                "layers not read",
                String::new(),
            )]),
        );
        assert_eq!(r.status, Status::Pass);
        let rep = fixed_report("image", "x", vec![r]);
        let mut junit = Vec::new();
        super::junit::write(&rep, &mut junit).unwrap();
        let junit = String::from_utf8(junit).unwrap();
        assert!(junit.contains("image web:2"), "{junit}");
        assert!(junit.contains("not judged: layers not read"), "{junit}");
        let mut csv = Vec::new();
        super::csv::write(&rep, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(
            csv.lines()
                .any(|l| l.contains(",not_judged,image,web:2,layers not read")),
            "{csv}"
        );
        let sarif = super::sarif::to_value(&rep).to_string();
        assert!(
            sarif.contains("did not judge 1 subject(s): image web:2: layers not read"),
            "{sarif}"
        );
        let text = text_of(&rep, false);
        assert!(text.contains("[1 judged, 1 not judged]"), "{text}");
    }

    /// The text report, without colour.
    fn text_of(rep: &Report, failures_only: bool) -> String {
        let mut out = Vec::new();
        text::write(
            rep,
            text::TextOptions {
                color: false,
                failures_only,
            },
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn severity_overrides_and_text_codes() {
        let mut rep = fixed_report(
            "dockerfile",
            "Dockerfile",
            vec![df005_result(&[&["DL3008"], &["DL3018"]])],
        );
        let o = |key: &str, severity| crate::config::SeverityOverride {
            key: key.into(),
            severity,
        };
        apply_severity(&mut rep, &[o("DL3018", Severity::High)]);
        let c = &rep.checks[0];
        assert_eq!(c.severity, Severity::Low);
        assert_eq!(c.findings[0].severity, None);
        assert_eq!(c.findings[1].severity, Some(Severity::High));
        assert_eq!(rep.summary.findings.get("high"), Some(&1));
        apply_severity(
            &mut rep,
            &[o("package-version-not-pinned", Severity::Medium)],
        );
        assert_eq!(rep.checks[0].severity, Severity::Medium);
        let out = text_of(&rep, true);
        assert!(out.contains("] DF-005 [DL3008, DL3018] Packages"), "{out}");
        assert!(out.contains("finding 0 [medium] (DL3008)"), "{out}");
    }

    #[test]
    fn exit_code_follows_threshold() {
        let mut r = CheckResult::from_outcome(
            &privileged::CHECK,
            Outcome::fail(vec![Finding::new(
                crate::checks::Subject::new("container", "web"),
                "runs privileged",
                crate::checks::Evidence::new("x", "true", "false"),
            )
            .with_severity(Severity::Medium)]),
        );
        let report = |checks: Vec<CheckResult>| fixed_report("host", "x", checks);
        let rep = report(vec![r.clone()]);
        assert_eq!(rep.exit_code(Severity::Low), 1);
        assert_eq!(rep.exit_code(Severity::Medium), 1);
        assert_eq!(rep.exit_code(Severity::High), 0);
        r.status = Status::Error;
        r.findings.clear();
        assert_eq!(report(vec![r.clone()]).exit_code(Severity::Critical), 1);
        // A low check that errs fails a run that only fails on critical:
        // its findings could have been critical.
        r.severity = Severity::Low;
        assert_eq!(report(vec![r.clone()]).exit_code(Severity::Critical), 1);
        r.status = Status::Skipped;
        assert_eq!(report(vec![r]).exit_code(Severity::Info), 0);
    }
}
