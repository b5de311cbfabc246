//! COMPOSE-100: compose file could not be read in full (no CIS control); the compose
//! mirror of (none: compose reading), judged with the same rule functions.

use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};
use crate::checks::{Evidence, Finding, Location, Subject};

pub static CHECK: Check = Check {
    id: "COMPOSE-100",
    slug: "compose-file-not-read",
    title: "Compose file could not be read in full",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &[],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Audit the process, not each box: the checks must run in CI/CD pipelines",
    needs: &[Need::Compose],
    rationale: "A compose file, or part of it, that dockaudit could not read is not audited: an unreadable file must not look like a clean one. Unknown keys (a misspelt `privilegd:`), unset variables and `include:` (not followed) are reported at low severity with their line; a file that is not YAML, binary, empty, too large, too deeply nested or an alias bomb is high.",
    remediation: "Fix the YAML at the line named, set the variable in the `.env` file beside the compose file (or pass `--env-file`), and name included files on the command line.",
    references: &["https://docs.docker.com/reference/compose-file/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let files = ctx.facts.compose_files();
    let mut findings = Vec::new();
    for f in files {
        let problems = f
            .error
            .iter()
            .map(|e| (e, Severity::High))
            .chain(f.problems.iter().map(|p| (p, Severity::Low)));
        for (p, sev) in problems {
            let loc = Location {
                path: f.path.clone(),
                line: (p.line > 0).then_some(p.line),
                column: None,
                end_line: None,
            };
            findings.push(
                Finding::new(
                    Subject::new("file", f.path.clone()),
                    p.message.clone(),
                    Evidence::new(
                        format!("compose: {}", f.path),
                        p.message.clone(),
                        "a compose file read in full",
                    )
                    .at(loc),
                )
                .with_severity(sev),
            );
        }
    }
    Outcome::from_findings(files.len(), findings, "no compose files")
}
