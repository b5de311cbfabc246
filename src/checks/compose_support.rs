//! The loop, subjects and evidence the compose checks share. The rules
//! themselves are the runtime checks' (`runtime_rules`, `support`,
//! `crate::secrets`); this module only says where a value was read.

use super::{Ctx, Evidence, Finding, Location, Outcome, Subject};
use crate::facts::compose::{ComposeFile, ComposeService, Setting};

/// The subject of a compose finding: "<file>:<service>", role the service.
pub fn service_subject(f: &ComposeFile, s: &ComposeService) -> Subject {
    let mut sub = Subject::new("compose_service", format!("{}:{}", f.path, s.name));
    sub.role = Some(s.name.clone());
    sub
}

fn location(path: &str, line: u32) -> Location {
    Location {
        path: path.to_string(),
        line: (line > 0).then_some(line),
        column: None,
        end_line: None,
    }
}

/// Evidence for a value a key set, at the key's line.
pub fn setting_evidence<T>(
    f: &ComposeFile,
    s: &ComposeService,
    st: &Setting<T>,
    observed: impl Into<String>,
    expected: impl Into<String>,
) -> Evidence {
    let path = f.path_of(st.file);
    Evidence::new(
        format!("compose: {path} service {:?} key {:?}", s.name, st.key),
        observed,
        expected,
    )
    .at(location(path, st.line))
}

/// Evidence for a key the service lacks, at the service's line.
pub fn missing_evidence(
    f: &ComposeFile,
    s: &ComposeService,
    key: &str,
    observed: impl Into<String>,
    expected: impl Into<String>,
) -> Evidence {
    Evidence::new(
        format!("compose: {} service {:?} key {key:?}", f.path, s.name),
        observed,
        expected,
    )
    .at(location(&f.path, s.line))
}

/// Judges every service of every compose file.
pub fn judge_services(
    ctx: &Ctx,
    judge: impl Fn(&ComposeFile, &ComposeService) -> Vec<Finding>,
) -> Outcome {
    let mut checked = 0;
    let mut findings = Vec::new();
    for f in ctx.facts.compose_files() {
        for s in &f.services {
            checked += 1;
            findings.extend(judge(f, s));
        }
    }
    Outcome::from_findings(checked, findings, "no services in the compose files")
}

/// The values of a list setting.
pub fn values(list: &[Setting<String>]) -> Vec<String> {
    list.iter().map(|s| s.value.clone()).collect()
}

/// One finding per file, at the first setting's line, for a service.
pub fn finding(
    f: &ComposeFile,
    s: &ComposeService,
    message: impl Into<String>,
    evidence: Evidence,
) -> Finding {
    Finding::new(service_subject(f, s), message, evidence)
}

/// Test helper: a check's outcome over one compose document. (Reading the
/// YAML is the collector's part; only tests join the two here.)
#[cfg(test)]
pub(crate) fn eval_yaml(evaluate: super::EvalFn, yaml: &str) -> Outcome {
    let f = crate::compose::parse_str(
        "c.yml",
        yaml,
        &Default::default(),
        None,
        &Default::default(),
    );
    let mut facts = crate::facts::Facts::new();
    facts.compose = crate::facts::Source::Present(vec![f]);
    let cfg = super::AuditConfig::default();
    evaluate(&Ctx {
        facts: &facts,
        config: &cfg,
    })
}

/// Test helper: the findings' messages (empty on pass).
#[cfg(test)]
pub(crate) fn messages(o: &Outcome) -> Vec<String> {
    match o {
        Outcome::Fail { findings, .. } => findings.iter().map(|f| f.message.clone()).collect(),
        _ => Vec::new(),
    }
}
