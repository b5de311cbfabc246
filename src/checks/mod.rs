//! The check registry and the types every check shares. Checks are pure
//! functions of the facts: nothing under this module may do I/O or import a
//! collector.

/// Takes in the `CHECK` static of the calling check file: build.rs makes it
/// from the check's metadata, the `.toml` file beside it, with the file's own
/// `evaluate` function and its subject's `RULE` for the fields left out.
macro_rules! meta {
    () => {
        include!(concat!(env!("OUT_DIR"), "/", module_path!(), ".rs"));
    };
}
pub(crate) use meta;

pub mod cis;
pub mod evidence;
pub mod registry;
pub mod runtime_rules;
pub mod support;

// The checks, by what they audit. Checklist sections and CIS controls are
// metadata of each check, not folders.
pub mod container;
pub mod daemon;
pub mod dockerfile;
pub mod files;
pub mod host;
pub mod image;
pub mod swarm;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::facts::Facts;

/// The seven sections of the audit checklist, in checklist order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Host,
    Provenance,
    Monitoring,
    NonRoot,
    Secrets,
    BaseImages,
    Resources,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Host,
        Section::Provenance,
        Section::Monitoring,
        Section::NonRoot,
        Section::Secrets,
        Section::BaseImages,
        Section::Resources,
    ];

    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn slug(self) -> &'static str {
        match self {
            Section::Host => "host",
            Section::Provenance => "provenance",
            Section::Monitoring => "monitoring",
            Section::NonRoot => "non_root",
            Section::Secrets => "secrets",
            Section::BaseImages => "base_images",
            Section::Resources => "resources",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Host => "Host security",
            Section::Provenance => "Image provenance",
            Section::Monitoring => "Monitoring",
            Section::NonRoot => "Non-root",
            Section::Secrets => "Secrets",
            Section::BaseImages => "Base image security",
            Section::Resources => "Limit container resources",
        }
    }

    /// Accepts the number ("4"), the slug ("non_root" or "non-root").
    pub fn parse(s: &str) -> Option<Section> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Section::ALL
            .into_iter()
            .find(|sec| sec.slug() == norm || sec.number().to_string() == norm)
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {}", self.number(), self.title())
    }
}

/// Automated checks judge facts; manual checks name the evidence an auditor
/// must request (they may still look at facts for hints).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Automated,
    Manual,
}

/// The fact sources a check reads (defined with the facts model).
pub use crate::model::{Evidence, Finding, Location, Need, Observation, Severity, Subject};

/// Tunables a check may read. Defaults are the documented policy.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditConfig {
    /// Label key carrying a data-sensitivity level on images or containers.
    pub sensitivity_label: String,
    /// Images older than this many days are findings.
    pub max_image_age_days: i64,
    /// Secret objects older than this many days are findings.
    pub max_secret_age_days: i64,
    /// The clock the audit judges ages against (RFC 3339). Fixed in tests.
    pub now: Option<String>,
    /// What the vulnerability checks report of the advisory matches.
    pub vulns: crate::vuln::policy::VulnPolicy,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig {
            sensitivity_label: "dockaudit.sensitivity".to_string(),
            max_image_age_days: 90,
            max_secret_age_days: 90,
            now: None,
            vulns: Default::default(),
        }
    }
}

impl AuditConfig {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now
            .as_deref()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(chrono::Utc::now)
    }
}

/// The tool a peer code belongs to: "hadolint" (DL), "trivy" (DS),
/// "checkov" (CKV, CKV2), "dockle" (CIS-DI), "docker-bench"; the code
/// itself otherwise.
pub fn alias_tool(code: &str) -> &str {
    let up = code.trim();
    if up.len() > 2 && up[..2].eq_ignore_ascii_case("DL") {
        "hadolint"
    } else if up.len() > 2 && up[..2].eq_ignore_ascii_case("DS") {
        "trivy"
    } else if up.len() > 3 && up[..3].eq_ignore_ascii_case("CKV") {
        "checkov"
    } else if up.len() > 6 && up[..6].eq_ignore_ascii_case("CIS-DI") {
        "dockle"
    } else if up.starts_with("docker-bench") {
        "docker-bench"
    } else if is_own_id(up) {
        // A retired dockaudit id or slug of a merged check.
        "dockaudit"
    } else {
        up
    }
}

/// A dockaudit id (`COMPOSE-001`) or slug (`scanned-image-user-root`).
fn is_own_id(code: &str) -> bool {
    let id = code.split_once('-').is_some_and(|(p, n)| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_uppercase())
            && n.len() == 3
            && n.bytes().all(|b| b.is_ascii_digit())
    });
    let slug = code.contains('-')
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    id || slug
}

impl Check {
    /// True when the check has at most one peer code per tool: then every
    /// finding stands for all of them. A check with several codes of one
    /// tool (DF-005: DL3008 apt-get, DL3018 apk, ...) says per finding.
    pub fn one_code_per_tool(&self) -> bool {
        self.aliases.iter().enumerate().all(|(i, a)| {
            alias_tool(a) == "dockaudit"
                || self.aliases[..i]
                    .iter()
                    .all(|b| alias_tool(a) != alias_tool(b))
        })
    }

    /// Whether `code` is one of the check's peer codes (case-insensitive).
    pub fn has_alias(&self, code: &str) -> bool {
        let code = code.trim();
        self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

/// True when some check of the registry has `code` as a peer code.
pub fn is_alias(code: &str) -> bool {
    registry().iter().any(|c| c.has_alias(code))
}

/// The result of evaluating one check.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Every subject was judged and none failed. `checked` says how many
    /// subjects were judged (0 is not a pass: use NotApplicable).
    Pass {
        checked: usize,
        observations: Vec<Observation>,
    },
    Fail {
        findings: Vec<Finding>,
        observations: Vec<Observation>,
    },
    NotApplicable(String),
    /// Facts missing: says which and why.
    Skipped(String),
    /// Evidence the auditor must request; observations are hints.
    Manual {
        request: String,
        observations: Vec<Observation>,
    },
    Error(String),
}

impl Outcome {
    pub fn pass(checked: usize) -> Outcome {
        Outcome::Pass {
            checked,
            observations: Vec::new(),
        }
    }

    /// Fail with these findings and no observations.
    pub fn fail(findings: Vec<Finding>) -> Outcome {
        Outcome::Fail {
            findings,
            observations: Vec::new(),
        }
    }

    /// Pass or fail from a list of findings over `checked` subjects; no
    /// subject at all is not applicable with `none_reason`.
    pub fn from_findings(checked: usize, findings: Vec<Finding>, none_reason: &str) -> Outcome {
        if !findings.is_empty() {
            Outcome::fail(findings)
        } else if checked == 0 {
            Outcome::NotApplicable(none_reason.to_string())
        } else {
            Outcome::pass(checked)
        }
    }

    pub fn manual(request: &str) -> Outcome {
        Outcome::Manual {
            request: request.to_string(),
            observations: Vec::new(),
        }
    }

    pub fn with_observations(mut self, extra: Vec<Observation>) -> Outcome {
        match &mut self {
            Outcome::Pass { observations, .. }
            | Outcome::Fail { observations, .. }
            | Outcome::Manual { observations, .. } => observations.extend(extra),
            _ => {}
        }
        self
    }
}

/// What kind of audit a check belongs to. `dockaudit host` runs Host and
/// Image checks (over the engine's images); `dockaudit image` runs Image
/// checks; `dockaudit dockerfile` and `dockaudit compose` run theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Judged on every container spec: `host`, `compose` and `k8s` run it.
    Container,
    Host,
    Image,
    Dockerfile,
    Compose,
    /// Judged on files scanned by `dockaudit secrets`.
    Files,
}

/// Everything the check function receives.
pub struct Ctx<'a> {
    pub facts: &'a Facts,
    pub config: &'a AuditConfig,
    /// The container specs adapted from the facts, built once per audit on
    /// first use when there are at most `CACHED_SPECS` of them (None:
    /// more, made again for each check; see `for_each_spec`).
    specs: std::cell::OnceCell<Option<Vec<crate::subject::ContainerSpec<'a>>>>,
}

/// Up to this many container specs are adapted once per audit and kept;
/// past it (a compose file or manifest of tens of thousands of services)
/// each check adapts them again as it reads them, so that the specs, a
/// few kilobytes each, are never all held beside the findings: bounded
/// memory for some more time.
const CACHED_SPECS: usize = 2_000;

impl<'a> Ctx<'a> {
    pub fn new(facts: &'a Facts, config: &'a AuditConfig) -> Self {
        Ctx {
            facts,
            config,
            specs: std::cell::OnceCell::new(),
        }
    }

    /// Calls `f` on every container spec of the facts (engine containers,
    /// compose services, workload containers), in that order.
    pub fn for_each_spec(&self, mut f: impl FnMut(&crate::subject::ContainerSpec<'a>)) {
        let cached = self.specs.get_or_init(|| {
            (self.spec_count() <= CACHED_SPECS)
                .then(|| crate::adapt::container_specs(self.facts).collect())
        });
        match cached {
            Some(specs) => specs.iter().for_each(f),
            None => crate::adapt::container_specs(self.facts).for_each(|s| f(&s)),
        }
    }

    /// How many specs `for_each_spec` visits.
    pub fn spec_count(&self) -> usize {
        crate::adapt::container_spec_count(self.facts)
    }
}

pub type EvalFn = fn(&Ctx) -> Outcome;

/// One check: its metadata and its evaluate function.
pub struct Check {
    /// Stable id, never reused: section prefix and number, e.g. "RES-001".
    pub id: &'static str,
    /// kebab-case, e.g. "privileged-container".
    pub slug: &'static str,
    /// Names the bad state, e.g. "Container runs privileged".
    pub title: &'static str,
    pub section: Section,
    pub scope: Scope,
    /// CIS Docker Benchmark v1.6.0 control ids.
    pub cis: &'static [&'static str],
    pub severity: Severity,
    pub mode: Mode,
    /// Which checklist item of the section this check covers (its words).
    pub item: &'static str,
    pub needs: &'static [Need],
    pub rationale: &'static str,
    pub remediation: &'static str,
    pub references: &'static [&'static str],
    /// Equivalent rule codes of other tools (for migrating suppressions).
    pub aliases: &'static [&'static str],
    pub evaluate: EvalFn,
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Check").field("id", &self.id).finish()
    }
}

/// The root of every subject's base `RULE`: empty texts, no controls, and an
/// evaluate function that reports an error, so a check that forgets its own
/// never passes.
const BASE: Check = Check {
    id: "",
    slug: "",
    title: "",
    section: Section::Host,
    scope: Scope::Host,
    cis: &[],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "",
    needs: &[],
    rationale: "",
    remediation: "",
    references: &[],
    aliases: &[],
    evaluate: |_| Outcome::Error("this check names no evaluate function".to_string()),
};

/// The one list of all checks, sorted by id (`registry.rs`). Drives
/// `--select`, `checks`, `explain`, the docs and the report.
pub fn registry() -> &'static [&'static Check] {
    registry::CHECKS
}

/// The registry in checklist order: by section, then id. Reports, `checks`
/// and the docs list checks this way.
pub fn in_section_order() -> Vec<&'static Check> {
    let mut all = registry().to_vec();
    all.sort_by_key(|c| c.section);
    all
}

/// The check with this id or slug, else the check listing it among its
/// aliases (a retired id of a merged check, or a peer tool's code).
pub fn find(id_or_slug: &str) -> Option<&'static Check> {
    // A peer code several checks share (DS005: DF-011 and DF-010) names the
    // first in checklist order.
    let all = in_section_order();
    all.iter()
        .find(|c| c.id.eq_ignore_ascii_case(id_or_slug) || c.slug == id_or_slug)
        .or_else(|| {
            all.iter()
                .find(|c| c.aliases.iter().any(|a| a.eq_ignore_ascii_case(id_or_slug)))
        })
        .copied()
}

/// Evaluates one check: first the facts it needs (skipped with the reason
/// when one is unavailable), then the check itself.
pub fn run(check: &Check, ctx: &Ctx) -> Outcome {
    if check.mode == Mode::Automated {
        for need in check.needs {
            if let Some(reason) = ctx.facts.unavailable(*need) {
                return Outcome::Skipped(format!(
                    "{} facts unavailable: {}",
                    need.as_str(),
                    reason
                ));
            }
        }
    }
    // A bug in one check must not end the audit: its panic becomes that
    // check's error, and every other check still runs.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (check.evaluate)(ctx))) {
        Ok(outcome) => with_check_aliases(check, outcome),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Outcome::Error(format!("check {} failed internally: {msg}", check.id))
        }
    }
}

/// The one place findings of a check with one peer code per tool get the
/// check's codes; a multi-code check's findings keep what they set.
fn with_check_aliases(check: &Check, mut outcome: Outcome) -> Outcome {
    if check.aliases.is_empty() || !check.one_code_per_tool() {
        return outcome;
    }
    if let Outcome::Fail { findings, .. } = &mut outcome {
        for f in findings.iter_mut().filter(|f| !f.aliases_chosen) {
            f.aliases = check
                .aliases
                .iter()
                .filter(|a| alias_tool(a) != "dockaudit")
                .map(|a| a.to_string())
                .collect();
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    static PANICS: Check = Check {
        id: "RES-999",
        slug: "test-panics",
        title: "A check with a bug",
        section: Section::Resources,
        scope: Scope::Host,
        cis: &[],
        severity: Severity::Low,
        mode: Mode::Automated,
        item: "test",
        needs: &[],
        rationale: "test",
        remediation: "test",
        references: &[],
        aliases: &[],
        evaluate: |_| panic!("index out of bounds"),
    };

    #[test]
    fn a_panicking_check_is_an_error_and_the_audit_goes_on() {
        let facts = Facts::new();
        let config = AuditConfig::default();
        let ctx = Ctx::new(&facts, &config);
        match run(&PANICS, &ctx) {
            Outcome::Error(m) => assert!(m.contains("index out of bounds"), "{m}"),
            other => panic!("expected an error, got {other:?}"),
        }
        // The next check still runs.
        let next = find("RES-001").unwrap();
        assert!(matches!(run(next, &ctx), Outcome::Skipped(_)));
    }

    #[test]
    fn info_findings_fail_their_check() {
        // MON-102 lists containers whose logs stay on the host: a finding
        // at info severity is still a finding, never a pass.
        let facts: Facts = serde_json::from_value(serde_json::json!({
            "containers": {"present": [{"Id": "abc", "Name": "/web",
                "HostConfig": {"LogConfig": {"Type": "json-file"}}}]}
        }))
        .unwrap();
        let config = AuditConfig::default();
        let ctx = Ctx::new(&facts, &config);
        let check = find("MON-102").unwrap();
        assert_eq!(check.severity, Severity::Info);
        match run(check, &ctx) {
            Outcome::Fail { findings, .. } => assert_eq!(findings.len(), 1),
            other => panic!("expected fail, got {other:?}"),
        }
    }
}
