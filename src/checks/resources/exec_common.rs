//! What the two exec checks (CIS 5.23, 5.24) share: the manual request and
//! the observations about which exec records were seen.

use crate::checks::support::container_subject;
use crate::checks::{Ctx, Observation};
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

/// One observation per container with exec records (none matched `what`),
/// and one overall when no container holds any.
pub(crate) fn exec_observations(ctx: &Ctx, what: &str) -> Vec<Observation> {
    let containers = ctx.facts.containers();
    let mut out: Vec<Observation> = containers
        .iter()
        .filter(|c| !c.execs.is_empty())
        .map(|c| Observation {
            subject: container_subject(c),
            message: format!("{} exec record(s) seen, none {what}", c.execs.len()),
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
