//! HOST-011: daemon.json does not parse (the engine refuses to start, or
//! runs with a configuration other than the one on disk).

use crate::checks::{Ctx, Evidence, Finding, Location, Outcome, Subject};
use crate::facts::Source;

crate::checks::meta!();

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
        Some(e) => Outcome::fail(vec![Finding::new(
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
        )]),
        None if cf.content.is_some() => Outcome::pass(1),
        None => Outcome::Skipped(format!("{} was not parsed", cf.path)),
    }
}
