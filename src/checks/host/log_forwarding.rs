//! MON-001: host logs are not forwarded off the host (checklist "host logs
//! captured").

use crate::checks::{
    Check, Ctx, Evidence, Finding, Observation, Outcome, Section, Severity, Subject,
};

pub static CHECK: Check = Check {
    id: "MON-001",
    slug: "host-logs-not-forwarded",
    title: "Host logs are not forwarded to a central log store",
    section: Section::Monitoring,
    severity: Severity::Medium,
    item: "Host logs captured (syslog/journald configured, forwarding present)",
    rationale: "Logs kept only on the host are lost with it and can be erased by whoever \
        compromises it. Forwarding (syslog to a remote collector, journal upload, a shipping \
        agent) keeps the evidence.",
    remediation: "Forward the host's logs: an rsyslog rule such as `*.* @@logs.internal:514` in \
        /etc/rsyslog.d/90-forward.conf, systemd-journal-upload with URL= in \
        /etc/systemd/journal-upload.conf, or a log shipping agent (fluent-bit, vector, \
        filebeat) reading the journal.",
    references: &["https://docs.docker.com/engine/logging/"],
    evaluate,
    ..super::RULE
};

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
    Outcome::Fail {
        findings: vec![Finding::new(
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
        )],
        observations: obs,
    }
}
