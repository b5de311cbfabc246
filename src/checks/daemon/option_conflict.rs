//! HOST-012: a daemon option is set both on the dockerd command line and in
//! daemon.json.

use crate::checks::support::daemon::redact_value;
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let d = crate::checks::support::or_skip!(ctx.facts.daemon.get(), "daemon facts unavailable");
    if let Some(r) = d.process.reason() {
        return Outcome::Skipped(format!("dockerd command line unavailable: {r}"));
    }
    if d.config_doc().is_none() {
        return match d.config_file.get() {
            Some(cf) if !cf.exists => Outcome::pass(1),
            Some(cf) => Outcome::Skipped(format!("{} did not parse", cf.path)),
            None => Outcome::Skipped(format!(
                "daemon.json unreadable: {}",
                d.config_file.reason().unwrap_or_default()
            )),
        };
    }
    let findings = d
        .conflicts()
        .into_iter()
        .map(|(origin, value, other)| {
            let value = redact_value(&value);
            let other = match other.split_once(" = ") {
                Some((o, v)) => format!("{o} = {}", redact_value(v)),
                None => other,
            };
            Finding::new(
                Subject::daemon(),
                format!("{origin} = {value} conflicts with {other}"),
                Evidence::new(
                    format!("process: {origin}"),
                    value,
                    format!("set in one place only (also {other})"),
                ),
            )
        })
        .collect();
    Outcome::from_findings(1, findings, "")
}
