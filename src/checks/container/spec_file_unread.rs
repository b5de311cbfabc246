//! COMPOSE-100: a compose file or Kubernetes manifest could not be read in
//! full (no CIS control): what was not read was not audited.

use crate::checks::{Ctx, Outcome, Severity};
use crate::checks::{Evidence, Finding, Location, Subject};

crate::checks::meta!();

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
