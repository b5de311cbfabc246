//! COMPOSE-015: compose service restart policy is unbounded (CIS 5.15); the compose
//! mirror of RES-017, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-015",
    slug: "compose-restart-unbounded",
    title: "Compose service restart policy is unbounded",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.15"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Compose],
    rationale: "A service that restarts forever (`restart: always`, `unless-stopped`, `on-failure` without a count) hides a crash loop and can be used to keep a failing or compromised process coming back. Same rule as RES-017 (runtime_rules::restart_policy_problem, at most 5 retries). A swarm `deploy.restart_policy` with condition `any` and `max_attempts` is judged as bounded by its attempts.",
    remediation: "Use `restart: on-failure:5` (or `deploy: {restart_policy: {condition: on-failure, max_attempts: 5}}`).",
    references: &["https://docs.docker.com/reference/compose-file/services/#restart"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        let mut out = Vec::new();
        if let Some(r) = &s.restart {
            let (name, max) = match r.value.split_once(':') {
                Some((n, m)) => (n.to_string(), m.trim().parse::<i64>().ok()),
                None => (r.value.clone(), None),
            };
            if let Some(problem) = runtime_rules::restart_policy_problem(&name, max) {
                out.push(finding(
                    f,
                    s,
                    format!("restart policy {}: {problem}", r.value),
                    setting_evidence(
                        f,
                        s,
                        r,
                        r.value.clone(),
                        "no, or on-failure with at most 5 retries",
                    ),
                ));
            }
        }
        if let Some(c) = &s.deploy_restart_condition {
            let max = s.deploy_restart_max_attempts.as_ref().map(|m| m.value);
            // Swarm conditions: none, on-failure, any (restart whatever the
            // exit code: bounded only by max_attempts).
            let name = match c.value.trim() {
                "none" => "no",
                "any" if max.is_some_and(|m| m > 0) => "on-failure",
                "any" => "always",
                other => other,
            };
            if let Some(problem) = runtime_rules::restart_policy_problem(name, max) {
                out.push(finding(
                    f,
                    s,
                    format!(
                        "deploy.restart_policy condition {} (max_attempts {}): {problem}",
                        c.value,
                        max.map_or("unset".to_string(), |m| m.to_string())
                    ),
                    setting_evidence(
                        f,
                        s,
                        c,
                        c.value.clone(),
                        "none, or max_attempts of at most 5",
                    ),
                ));
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::evaluate;
    use crate::checks::compose_support::{eval_yaml, messages};

    fn msgs(svc: &str) -> Vec<String> {
        messages(&eval_yaml(evaluate, &format!("services:\n  a:\n{svc}")))
    }

    #[test]
    fn restart_spellings() {
        assert!(msgs("    restart: \"no\"\n").is_empty());
        assert!(msgs("    restart: on-failure:5\n").is_empty());
        assert_eq!(msgs("    restart: on-failure:6\n").len(), 1);
        assert_eq!(msgs("    restart: on-failure\n").len(), 1);
        assert_eq!(msgs("    restart: always\n").len(), 1);
        assert!(msgs("    image: x\n").is_empty());
    }

    #[test]
    fn swarm_policies() {
        let d = |body: &str| msgs(&format!("    deploy:\n      restart_policy:\n{body}"));
        assert!(d("        condition: none\n").is_empty());
        assert!(d("        condition: any\n        max_attempts: 2\n").is_empty());
        // No condition: swarm's default is any, without a bound.
        assert_eq!(d("        delay: 5s\n").len(), 1);
        assert_eq!(
            d("        condition: on-failure\n        max_attempts: 9\n").len(),
            1
        );
    }
}
