//! USER-006: the docker group's members are trusted (CIS 1.1.2; manual,
//! the members and socket group are reported).

use crate::checks::support::daemon::{fmt_mode, owner_text};
use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut obs = Vec::new();
    if let Some(h) = ctx.facts.host.get() {
        match (h.groups.get(), h.group("docker")) {
            (Some(_), Some(g)) => {
                // Users whose primary group is docker are members too.
                let mut members = g.members.clone();
                for u in h.passwd.get().into_iter().flatten() {
                    if u.gid == g.gid && !members.contains(&u.name) {
                        members.push(format!("{} (primary group)", u.name));
                    }
                }
                obs.push(Observation {
                    subject: Subject::new("group", "docker"),
                    message: if members.is_empty() {
                        format!("docker group (gid {}) has no members", g.gid)
                    } else {
                        format!(
                            "docker group (gid {}) members: {}",
                            g.gid,
                            members.join(", ")
                        )
                    },
                    source: "host: /etc/group, /etc/passwd".into(),
                });
            }
            (Some(_), None) => obs.push(Observation {
                subject: Subject::new("group", "docker"),
                message: "no docker group on this host".into(),
                source: "host: /etc/group".into(),
            }),
            (None, _) => obs.push(Observation {
                subject: Subject::new("group", "docker"),
                message: format!(
                    "/etc/group unreadable: {}",
                    h.groups.reason().unwrap_or_default()
                ),
                source: "host: /etc/group".into(),
            }),
        }
        for f in h
            .files_with_role("docker-sock")
            .iter()
            .filter(|f| f.exists == Some(true))
        {
            obs.push(Observation {
                subject: Subject::file(&f.path),
                message: format!(
                    "socket {} owned by {} mode {}",
                    f.path,
                    owner_text(ctx, f),
                    fmt_mode(f.mode.unwrap_or(0))
                ),
                source: format!("host: stat {}", f.path),
            });
        }
    }
    Outcome::manual(
        "Ask for the list of people and service accounts approved for engine access and compare \
         it with the docker group members below (also directory-service groups mapped to the \
         socket's group, and sudo rules that run docker); every member not on the approved list \
         is a finding.",
    )
    .with_observations(obs)
}
