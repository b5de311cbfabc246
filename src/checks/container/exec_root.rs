//! RES-031: `docker exec` as root (CIS 5.24): judged from the exec records
//! the engine still holds, otherwise manual.

use crate::checks::support::exec::{exec_user, judge_execs};
use crate::checks::support::{Identity, UserSpec};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_execs(ctx, "--user root / -u 0", "run as root", |c, e, short| {
        let (user, inherited) = exec_user(c, e);
        if UserSpec::parse(&user).identity() != Identity::Root {
            return None;
        }
        let shown = if user.is_empty() {
            "root (default)"
        } else {
            user.as_str()
        };
        let how = if inherited {
            ", inherited from Config.User"
        } else {
            ""
        };
        Some((
            format!(
                "exec {short} runs {:?} as {shown}{how}",
                e.process_config.entrypoint
            ),
            Evidence::new(
                "engine: exec inspect ProcessConfig.user",
                format!("{:?}", e.process_config.user),
                "a non-root user",
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

    fn exec(user: &str) -> serde_json::Value {
        serde_json::json!({"ID": "e1e1e1e1e1e1e1e1", "Running": true,
            "ProcessConfig": {"entrypoint": "sh", "arguments": [], "privileged": false, "user": user}})
    }

    #[test]
    fn root_execs_are_findings() {
        for (user, cfg_user) in [
            ("0", "1000"),
            ("root", "app"),
            ("0:0", ""),
            ("", ""),
            ("", "root"),
        ] {
            let out = outcome(serde_json::json!([{"Id": "c1", "Name": "/app",
                "Config": {"User": cfg_user}, "DockauditExecs": [exec(user)]}]));
            assert!(
                matches!(&out, Outcome::Fail { findings, .. } if findings.len() == 1),
                "{user:?}/{cfg_user:?}: {out:?}"
            );
        }
    }

    #[test]
    fn no_root_exec_stays_manual() {
        for (user, cfg_user) in [("1000", ""), ("", "1000"), ("app", "root")] {
            let out = outcome(serde_json::json!([{"Id": "c1", "Name": "/app",
                "Config": {"User": cfg_user}, "DockauditExecs": [exec(user)]}]));
            assert!(matches!(out, Outcome::Manual { .. }), "{user:?}: {out:?}");
        }
        assert!(matches!(
            outcome(serde_json::json!([])),
            Outcome::Manual { .. }
        ));
    }
}
