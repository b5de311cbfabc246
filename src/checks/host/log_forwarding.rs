//! MON-001: host logs are not forwarded off the host (checklist "host logs
//! captured").

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let lg = crate::checks::support::host_source!(ctx, logging, "log configuration unreadable");
    let mut obs: Vec<Observation> = lg
        .forwarding
        .iter()
        .map(|f| Observation {
            subject: Subject::host(),
            message: format!("{} forwards: {}", f.kind, f.rule),
            source: format!("file: {}", f.location),
        })
        .chain(lg.agents.iter().map(|a| Observation {
            subject: Subject::host(),
            message: format!("log shipping agent present: {a} (confirm it ships the host logs)"),
            source: format!("host: {a}"),
        }))
        .collect();
    if let Some(s) = &lg.journald_storage {
        obs.push(Observation {
            subject: Subject::host(),
            message: format!("journald Storage={s}"),
            source: "file: journald.conf".into(),
        });
    }
    if !lg.forwarding.is_empty() {
        return Outcome::pass(1).with_observations(obs);
    }
    if !lg.agents.is_empty() {
        // Present is not configured: the agents' own configuration is not
        // read, so whether they ship the host logs is unknown.
        return Outcome::Skipped(format!(
            "no syslog/journal forwarding rule, but a log shipping agent is installed ({}): its configuration is not read; confirm it ships the host logs",
            lg.agents.join(", ")
        ));
    }
    if !lg.unread.is_empty() {
        // A file that could not be read may hold the forwarding rule.
        return Outcome::Skipped(format!(
            "no log forwarding in the files read, but some could not be read: {}",
            lg.unread.join("; ")
        ));
    }
    Outcome::fail(vec![Finding::new(
        Subject::host(),
        "no log forwarding found (no remote syslog rule, journal upload or shipping agent)",
        Evidence::new(
            format!(
                "files read: {}",
                if lg.files_read.is_empty() {
                    "none present".to_string()
                } else {
                    lg.files_read.join(", ")
                }
            ),
            "no forwarding",
            "a remote syslog rule, journal-upload URL or log shipping agent",
        ),
    )])
    .with_observations(obs)
}
