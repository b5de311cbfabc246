//! COMPOSE-019: compose service may gain new privileges (CIS 5.26); the compose
//! mirror of RES-024, judged with the same rule functions.

use crate::checks::compose_support::{
    finding, judge_services, missing_evidence, setting_evidence, values,
};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-019",
    slug: "compose-no-new-privileges-missing",
    title: "Compose service may gain new privileges",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.26"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: no-new-privileges set",
    needs: &[Need::Compose],
    rationale: "Without no-new-privileges a process in the container can gain privileges through setuid and setgid binaries or file capabilities. Same spellings as RES-024 (runtime_rules::no_new_privileges: `no-new-privileges`, `:true`, `=true`, last one wins). A daemon-wide `no-new-privileges` default is not visible from the compose file: the finding says so.",
    remediation: "Add `security_opt: [\"no-new-privileges:true\"]` to the service.",
    references: &["https://docs.docker.com/reference/compose-file/services/#security_opt"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        match runtime_rules::no_new_privileges(&values(&s.security_opt)) {
            Some(true) => Vec::new(),
            Some(false) => {
                let o = s
                    .security_opt
                    .iter()
                    .rev()
                    .find(|o| o.value.trim().starts_with("no-new-privileges"))
                    .unwrap_or(&s.security_opt[0]);
                vec![finding(
                    f,
                    s,
                    format!("turns no-new-privileges off ({})", o.value),
                    setting_evidence(f, s, o, o.value.clone(), "no-new-privileges:true"),
                )]
            }
            None => vec![finding(
                f,
                s,
                "does not set no-new-privileges (unless the daemon sets it by default)",
                missing_evidence(
                    f,
                    s,
                    "security_opt",
                    "no no-new-privileges entry",
                    "no-new-privileges:true",
                ),
            )],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::evaluate;
    use crate::checks::compose_support::{eval_yaml, messages};

    fn msgs(opts: &str) -> Vec<String> {
        messages(&eval_yaml(
            evaluate,
            &format!("services:\n  a:\n    security_opt: {opts}\n"),
        ))
    }

    #[test]
    fn spellings_and_last_wins() {
        assert!(msgs("[no-new-privileges]").is_empty());
        assert!(msgs("[\"no-new-privileges:true\"]").is_empty());
        assert!(msgs("[no-new-privileges=true]").is_empty());
        assert!(msgs("[\"no-new-privileges:false\", \"no-new-privileges:true\"]").is_empty());
        assert!(
            msgs("[\"no-new-privileges:true\", \"no-new-privileges:false\"]")[0].contains("off")
        );
        assert!(msgs("[\"seccomp:unconfined\"]")[0].contains("does not set"));
    }
}
