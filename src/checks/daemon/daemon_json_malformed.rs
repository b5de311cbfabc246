//! HOST-011: daemon.json does not parse (the engine refuses to start, or
//! runs with a configuration other than the one on disk).

use crate::checks::{
    Check, Ctx, Evidence, Finding, Location, Need, Outcome, Section, Severity, Subject,
};
use crate::facts::Source;

pub static CHECK: Check = Check {
    id: "HOST-011",
    slug: "daemon-json-malformed",
    title: "daemon.json is not valid JSON",
    section: Section::Host,
    severity: Severity::High,
    item: "CIS host items: the engine's configuration is readable and consistent",
    needs: &[Need::Daemon],
    rationale: "dockerd refuses to start with a daemon.json that does not parse; a running \
        engine with a broken file on disk runs a configuration nobody can read back, and the \
        next restart fails. Every daemon-side check that reads the file is unknown until it \
        is fixed.",
    remediation: "Fix the syntax at the line and column in the finding (trailing commas and \
        comments are not JSON), then check it with `dockerd --validate --config-file \
        /etc/docker/daemon.json`.",
    references: &["https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let d = crate::checks::support::or_skip!(ctx.facts.daemon.get(), "daemon facts unavailable");
    let cf = match &d.config_file {
        Source::Present(cf) => cf,
        Source::Unavailable(r) => return Outcome::Skipped(format!("daemon.json unreadable: {r}")),
    };
    if !cf.exists {
        return Outcome::NotApplicable(format!("{} does not exist", cf.path));
    }
    match &cf.parse_error {
        Some(e) => Outcome::Fail {
            findings: vec![Finding::new(
                Subject::file(&cf.path),
                format!(
                    "{} does not parse at line {}, column {}: {}",
                    cf.path, e.line, e.column, e.message
                ),
                Evidence::new(
                    format!("file: {}", cf.path),
                    e.message.clone(),
                    "a JSON object",
                )
                .at(Location {
                    path: cf.path.clone(),
                    line: Some(e.line),
                    column: Some(e.column),
                    end_line: None,
                    end_column: None,
                }),
            )],
            observations: vec![],
        },
        None if cf.content.is_some() => Outcome::pass(1),
        None => Outcome::Skipped(format!("{} was not parsed", cf.path)),
    }
}
