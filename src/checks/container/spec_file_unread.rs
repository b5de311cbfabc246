//! COMPOSE-100: a compose file or Kubernetes manifest could not be read in
//! full (no CIS control): what was not read was not audited.

use crate::checks::{Check, Ctx, Outcome, Scope, Severity};
use crate::checks::{Evidence, Finding, Location, Subject};

pub static CHECK: Check = Check {
    id: "COMPOSE-100",
    slug: "compose-file-not-read",
    title: "Compose file or manifest could not be read in full",
    scope: Scope::Compose,
    severity: Severity::High,
    item: "Audit the process, not each box: the checks must run in CI/CD pipelines",
    needs: &[],
    rationale: "A compose file or Kubernetes manifest, or part of it, that dockaudit could not read is not audited: an unreadable file must not look like a clean one. Unknown compose keys (a misspelt `privilegd:`), unset variables, `include:` (not followed), a legacy-format file and manifest values of the wrong type are reported at low severity with their line; a file that is not YAML, binary, empty, too large, too deeply nested or an alias bomb is high.",
    remediation: "Fix the YAML at the line named, set the variable in the `.env` file beside the compose file (or pass `--env-file`), name included files on the command line, and give manifest fields the types the Kubernetes API expects.",
    references: &["https://docs.docker.com/reference/compose-file/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    // Judged on whichever of the two the audit read.
    if let (Some(reason), Some(_)) = (ctx.facts.compose.reason(), ctx.facts.manifests.reason()) {
        return Outcome::Skipped(format!("compose and manifest facts unavailable: {reason}"));
    }
    let compose = ctx
        .facts
        .compose_files()
        .iter()
        .map(|f| ("compose", &f.path, &f.error, &f.problems));
    let manifests = ctx
        .facts
        .manifests()
        .iter()
        .map(|f| ("manifest", &f.path, &f.error, &f.problems));
    let mut findings = Vec::new();
    let mut checked = 0;
    for (what, path, error, problems) in compose.chain(manifests) {
        checked += 1;
        let problems = error
            .iter()
            .map(|e| (e, Severity::High))
            .chain(problems.iter().map(|p| (p, Severity::Low)));
        for (p, sev) in problems {
            let loc = Location {
                path: path.clone(),
                line: (p.line > 0).then_some(p.line),
                column: None,
                end_line: None,
                end_column: None,
            };
            findings.push(
                Finding::new(
                    Subject::new("file", path.clone()),
                    p.message.clone(),
                    Evidence::new(
                        format!("{what}: {path}"),
                        p.message.clone(),
                        format!("a {what} file read in full"),
                    )
                    .at(loc),
                )
                .with_severity(sev),
            );
        }
    }
    Outcome::from_findings(checked, findings, "no compose files or manifests")
}
