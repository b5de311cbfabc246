//! COMPOSE-024: compose service runs as root (CIS 4.1); the compose
//! mirror of USER-100, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, missing_evidence, setting_evidence};
use crate::checks::support::{Identity, UserSpec};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-024",
    slug: "compose-user-root",
    title: "Compose service runs as root",
    section: Section::NonRoot,
    scope: Scope::Compose,
    cis: &["4.1"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Container processes run as a non-privileged user",
    needs: &[Need::Compose],
    rationale: "A process running as root in the container is root on the host's kernel, one bug away from the host. `user:` spellings are read as the engine reads them (support::UserSpec: root, 0, 00, 0:0). A service without `user:` runs as its image's USER, which the compose file does not show: it is reported at low severity, saying that the image decides (USER-101 judges images).",
    remediation: "Set `user: \"1000:1000\"` (or a named non-root user the image defines) on the service, or a non-root USER in its Dockerfile.",
    references: &["https://docs.docker.com/reference/compose-file/services/#user"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.user {
        Some(u) => {
            let spec = UserSpec::parse(&u.value);
            if spec.identity() == Identity::Root {
                vec![finding(
                    f,
                    s,
                    format!("runs as root (user: {:?})", u.value),
                    setting_evidence(f, s, u, u.value.clone(), "a non-root user"),
                )]
            } else {
                Vec::new()
            }
        }
        None => vec![finding(
            f,
            s,
            "sets no user: the image's USER decides (root unless the image sets another)",
            missing_evidence(f, s, "user", "absent", "user: a non-root uid"),
        )
        .with_severity(Severity::Low)],
    })
}

#[cfg(test)]
mod tests {
    use super::evaluate;
    use crate::checks::compose_support::eval_yaml;
    use crate::checks::{Outcome, Severity};

    fn out(user: &str) -> Outcome {
        eval_yaml(evaluate, &format!("services:\n  a:\n    image: x\n{user}"))
    }

    #[test]
    fn root_spellings_fail_high() {
        for u in ["root", "0", "\"00\"", "\"0:0\"", "root:app"] {
            match out(&format!("    user: {u}\n")) {
                Outcome::Fail { findings, .. } => assert_eq!(findings[0].severity, None, "{u}"),
                o => panic!("{u}: {o:?}"),
            }
        }
    }

    #[test]
    fn non_root_passes_and_missing_is_low() {
        for u in ["app", "1000", "\"1000:0\"", "nobody"] {
            assert!(
                matches!(out(&format!("    user: {u}\n")), Outcome::Pass { .. }),
                "{u}"
            );
        }
        match out("") {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings[0].severity, Some(Severity::Low));
                assert!(findings[0].message.contains("image's USER decides"));
            }
            o => panic!("{o:?}"),
        }
    }
}
