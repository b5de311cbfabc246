//! PROV-001: Docker content trust is not enforced for the users and
//! services that pull (DOCKER_CONTENT_TRUST=1; CIS 4.5).

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

fn enabled(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true")
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let settings = crate::checks::support::host_source!(
        ctx,
        content_trust,
        "content trust settings unreadable"
    );
    let obs: Vec<Observation> = settings
        .iter()
        .map(|s| Observation {
            subject: Subject::host(),
            message: format!("DOCKER_CONTENT_TRUST={} ({})", s.value, s.location),
            source: s.location.clone(),
        })
        .collect();
    let mut findings: Vec<Finding> = settings
        .iter()
        .filter(|s| !enabled(&s.value))
        .map(|s| {
            Finding::new(
                Subject::host(),
                format!("DOCKER_CONTENT_TRUST is {:?} at {}", s.value, s.location),
                Evidence::new(s.location.clone(), s.value.clone(), "1"),
            )
        })
        .collect();
    // Daemon-side enforcement (the enterprise engines' daemon.json
    // "content-trust": {"mode": "enforced"}) covers every pull.
    if let Some((path, mode)) = ctx.facts.daemon.get().and_then(|d| {
        let mode = d
            .config_doc()?
            .get("content-trust")?
            .get("mode")?
            .as_str()?
            .to_string();
        Some((d.config_file.get()?.path.clone(), mode))
    }) {
        if mode == "enforced" && findings.is_empty() {
            return Outcome::pass(1).with_observations(vec![Observation {
                subject: Subject::daemon(),
                message: "the daemon enforces content trust (\"content-trust\": {\"mode\": \"enforced\"})".into(),
                source: format!("file: {path} key \"content-trust.mode\""),
            }]);
        }
    }
    let system_wide = settings.iter().any(|s| s.system_wide && enabled(&s.value));
    // A file that could not be read may turn content trust off for its
    // users: with nothing else failing, the check cannot pass.
    let host = ctx.facts.host.get();
    let unread = host.map_or(&[][..], |h| &h.content_trust_unread);
    if findings.is_empty() && system_wide && !unread.is_empty() {
        return Outcome::Skipped(format!(
            "content trust is set system-wide, but files that may override it could not be read: {}",
            unread.join("; ")
        ));
    }
    if !system_wide && findings.is_empty() {
        findings.push(Finding::new(
            Subject::host(),
            "DOCKER_CONTENT_TRUST=1 is not set for login users (/etc/environment, /etc/profile, /etc/profile.d)",
            Evidence::new(
                "host: /etc/environment, /etc/profile, /etc/bash.bashrc, /etc/profile.d/*, docker units and dockerd environment",
                if settings.is_empty() { "not set anywhere".to_string() } else { "set only for some services".to_string() },
                "DOCKER_CONTENT_TRUST=1 system-wide",
            ),
        ));
    }
    Outcome::from_findings(1, findings, "").with_observations(obs)
}
