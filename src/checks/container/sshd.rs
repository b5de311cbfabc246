//! RES-005: SSH servers running inside containers (CIS 5.7).

use crate::checks::runtime_rules::is_ssh_server;
use crate::checks::support::container_subject;
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut judged = 0;
    let mut findings = Vec::new();
    let mut unjudged = Vec::new();
    for c in ctx.facts.containers().iter().filter(|c| c.is_running()) {
        let Some(procs) = &c.processes else {
            unjudged.push(Observation {
                subject: container_subject(c),
                message: "running, but its processes could not be read: not judged".to_string(),
                source: "dockaudit: container processes".to_string(),
            });
            continue;
        };
        judged += 1;
        for p in procs.iter().filter(|p| is_ssh_server(&p.command)) {
            let via = if p.source.is_empty() {
                "processes"
            } else {
                p.source.as_str()
            };
            findings.push(Finding::new(
                container_subject(c),
                format!("runs an SSH server: pid {} {:?}", p.pid, p.command),
                Evidence::new(
                    format!("engine: container processes ({via}) command"),
                    p.command.as_str(),
                    "no sshd or dropbear process",
                ),
            ));
        }
    }
    let running = judged + unjudged.len();
    if running == 0 {
        return Outcome::NotApplicable("no running containers on this engine".to_string());
    }
    if judged == 0 {
        return Outcome::Skipped(format!(
            "the processes of none of the {running} running container(s) could be read"
        ));
    }
    Outcome::from_findings(judged, findings, "no running containers on this engine")
        .with_observations(unjudged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::container::testing::outcome_on_containers;

    fn outcome(containers: serde_json::Value) -> Outcome {
        outcome_on_containers(&CHECK, containers)
    }

    #[test]
    fn partial_process_facts_pass_with_the_unjudged_listed() {
        let out = outcome(serde_json::json!([
            {"Id": "a", "Name": "/web", "State": {"Running": true},
             "DockauditProcesses": [{"pid": 1, "command": "nginx"}]},
            {"Id": "b", "Name": "/db", "State": {"Running": true}}
        ]));
        match out {
            Outcome::Pass {
                checked,
                observations,
            } => {
                assert_eq!(checked, 1);
                assert_eq!(observations.len(), 1);
                assert_eq!(observations[0].subject.name, "db");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stopped_containers_are_not_judged() {
        let out = outcome(serde_json::json!([
            {"Id": "a", "Name": "/old", "State": {"Status": "exited", "Running": false},
             "DockauditProcesses": [{"pid": 1, "command": "sshd"}]}
        ]));
        assert!(matches!(out, Outcome::NotApplicable(_)), "{out:?}");
    }
}
