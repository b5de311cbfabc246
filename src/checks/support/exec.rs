//! What the two exec checks (CIS 5.23, 5.24) share: the manual request and
//! the observations about which exec records were seen.

use crate::checks::support::container_subject;
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};
use crate::facts::engine::ExecInfo;
use crate::facts::Container;

/// The evidence to request when the engine holds no damning record.
pub(crate) fn exec_request(flag: &str) -> String {
    format!(
        "The engine keeps exec records only while the exec runs, so their absence proves \
         nothing. Request the audit trail of `docker exec {flag}`: auditd records of the \
         docker client (`-w /usr/bin/docker -k docker`), the engine's events (`docker \
         events --filter event=exec_create`, kept only in memory for a short time) or an \
         authorization plugin's log, over the audit period."
    )
}

/// The engine runs health probes as execs: an exec whose command is the
/// container's own HEALTHCHECK, not privileged and as the container's own
/// user (as the engine makes every probe), is the engine's, not a person's.
pub(crate) fn is_health_probe(c: &Container, e: &ExecInfo) -> bool {
    let Some(test) = c.config.healthcheck.as_ref().and_then(|h| h.test.as_ref()) else {
        return false;
    };
    let pc = &e.process_config;
    let user = pc.user.trim();
    if pc.privileged == Some(true) || !(user.is_empty() || user == c.config.user.trim()) {
        return false;
    }
    match test.split_first() {
        Some((kind, rest)) if kind == "CMD-SHELL" => {
            pc.entrypoint == "/bin/sh"
                && pc.arguments.len() == 2
                && pc.arguments[0] == "-c"
                && rest.first() == Some(&pc.arguments[1])
        }
        Some((kind, rest)) if kind == "CMD" => match rest.split_first() {
            Some((prog, args)) => &pc.entrypoint == prog && pc.arguments == args,
            None => false,
        },
        _ => false,
    }
}

/// The exec records of a container that people (not health probes) made.
pub(crate) fn user_execs(c: &Container) -> impl Iterator<Item = &ExecInfo> {
    c.execs.iter().filter(move |e| !is_health_probe(c, e))
}

/// The user an exec runs as, and whether it was inherited from the
/// container's Config.User.
pub(crate) fn exec_user(c: &Container, e: &ExecInfo) -> (String, bool) {
    let own = e.process_config.user.trim();
    if own.is_empty() {
        (c.config.user.trim().to_string(), true)
    } else {
        (own.to_string(), false)
    }
}

/// Judges every exec record people made (not health probes): `judge` gives
/// the finding's message and evidence for a bad exec, given the exec's short
/// id; the verdict is then [`exec_outcome`]'s.
pub(crate) fn judge_execs(
    ctx: &Ctx,
    flag: &str,
    what: &str,
    judge: impl Fn(&Container, &ExecInfo, &str) -> Option<(String, Evidence)>,
) -> Outcome {
    let mut findings = Vec::new();
    for c in ctx.facts.containers() {
        for e in user_execs(c) {
            let short = &e.id[..e.id.len().min(12)];
            if let Some((message, evidence)) = judge(c, e, short) {
                findings.push(Finding::new(container_subject(c), message, evidence));
            }
        }
    }
    exec_outcome(ctx, findings, flag, what)
}

/// The verdict of an exec check: a record proving the bad exec fails; no
/// such record proves nothing, so the check stays manual with the evidence to
/// request (`flag`) and what was seen (`what`: "privileged", "run as root").
pub(crate) fn exec_outcome(ctx: &Ctx, findings: Vec<Finding>, flag: &str, what: &str) -> Outcome {
    if !findings.is_empty() {
        return Outcome::fail(findings);
    }
    Outcome::manual(&exec_request(flag)).with_observations(exec_observations(ctx, what))
}

/// One observation per container with exec records (none matched `what`),
/// and one overall when no container holds any.
pub(crate) fn exec_observations(ctx: &Ctx, what: &str) -> Vec<Observation> {
    let containers = ctx.facts.containers();
    let mut out: Vec<Observation> = containers
        .iter()
        .filter(|c| user_execs(c).next().is_some())
        .map(|c| Observation {
            subject: container_subject(c),
            message: format!(
                "{} exec record(s) seen, none {what} (health probes not counted)",
                user_execs(c).count()
            ),
            source: "engine: exec inspect".to_string(),
        })
        .collect();
    let unread: usize = containers
        .iter()
        .map(|c| {
            c.exec_ids
                .as_ref()
                .map_or(0, |ids| ids.len().saturating_sub(c.execs.len()))
        })
        .sum();
    if unread > 0 {
        out.push(Observation {
            subject: crate::checks::Subject::daemon(),
            message: format!("{unread} exec record(s) listed in ExecIDs could not be read"),
            source: "engine: container inspect ExecIDs".to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_probes_are_not_user_execs() {
        let c: Container = serde_json::from_value(serde_json::json!({
            "Config": {"Healthcheck": {"Test": ["CMD-SHELL", "test -f /ok"]}},
            "DockauditExecs": [
                {"ID": "probe", "ProcessConfig": {"entrypoint": "/bin/sh", "arguments": ["-c", "test -f /ok"], "user": ""}},
                {"ID": "person", "ProcessConfig": {"entrypoint": "/bin/sh", "arguments": [], "user": ""}}
            ]
        }))
        .unwrap();
        let ids: Vec<&str> = user_execs(&c).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person"]);
        let c2: Container = serde_json::from_value(serde_json::json!({
            "Config": {"Healthcheck": {"Test": ["CMD", "/bin/check", "--fast"]}},
            "DockauditExecs": [
                {"ID": "probe", "ProcessConfig": {"entrypoint": "/bin/check", "arguments": ["--fast"]}},
                {"ID": "other", "ProcessConfig": {"entrypoint": "/bin/check", "arguments": ["--slow"]}}
            ]
        }))
        .unwrap();
        let ids: Vec<&str> = user_execs(&c2).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["other"]);
        // The probe's command, but privileged or as another user: a
        // person's exec, never hidden as a probe.
        let c3: Container = serde_json::from_value(serde_json::json!({
            "Config": {"User": "1000", "Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"]}},
            "DockauditExecs": [
                {"ID": "probe", "ProcessConfig": {"entrypoint": "/bin/sh", "arguments": ["-c", "curl -f localhost"], "user": "1000", "privileged": false}},
                {"ID": "priv", "ProcessConfig": {"entrypoint": "/bin/sh", "arguments": ["-c", "curl -f localhost"], "user": "1000", "privileged": true}},
                {"ID": "root", "ProcessConfig": {"entrypoint": "/bin/sh", "arguments": ["-c", "curl -f localhost"], "user": "0"}}
            ]
        }))
        .unwrap();
        let ids: Vec<&str> = user_execs(&c3).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["priv", "root"]);
    }
}
