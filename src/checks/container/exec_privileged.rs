//! RES-030: `docker exec --privileged` (CIS 5.23): judged from the exec
//! records the engine still holds, otherwise manual.

use crate::checks::support::exec::judge_execs;
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_execs(ctx, "--privileged", "privileged", |_, e, short| {
        if e.process_config.privileged != Some(true) {
            return None;
        }
        let cmd = std::iter::once(e.process_config.entrypoint.as_str())
            .chain(e.process_config.arguments.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        Some((
            format!("exec {short} runs {cmd:?} privileged"),
            Evidence::new(
                "engine: exec inspect ProcessConfig.privileged",
                "true",
                "false",
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::container::testing::outcome_on_containers;

    fn outcome(containers: serde_json::Value) -> Outcome {
        outcome_on_containers(&CHECK, containers)
    }

    #[test]
    fn privileged_exec_is_a_finding_else_manual() {
        let exec = |p: bool| {
            serde_json::json!({"ID": "e1e1e1e1e1e1e1e1", "ProcessConfig":
                {"entrypoint": "sh", "arguments": ["-c", "id"], "privileged": p, "user": ""}})
        };
        let out = outcome(
            serde_json::json!([{"Id": "c1", "Name": "/app", "DockauditExecs": [exec(true)]}]),
        );
        assert!(
            matches!(&out, Outcome::Fail { findings, .. } if findings.len() == 1),
            "{out:?}"
        );
        let out = outcome(
            serde_json::json!([{"Id": "c1", "Name": "/app", "DockauditExecs": [exec(false)]}]),
        );
        match out {
            Outcome::Manual { observations, .. } => assert_eq!(observations.len(), 1),
            other => panic!("{other:?}"),
        }
        // Listed but unreadable exec records are reported.
        let out = outcome(serde_json::json!([{"Id": "c1", "Name": "/app", "ExecIDs": ["x", "y"]}]));
        match out {
            Outcome::Manual { observations, .. } => {
                assert!(observations[0].message.contains("2 exec record(s)"))
            }
            other => panic!("{other:?}"),
        }
    }
}
