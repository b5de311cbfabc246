//! COMPOSE-018: compose service runs without seccomp (CIS 5.22); the compose
//! mirror of RES-023, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-018",
    slug: "compose-seccomp-unconfined",
    title: "Compose service runs without seccomp",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.22"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: seccomp not unconfined",
    needs: &[Need::Compose],
    rationale: "`seccomp:unconfined` removes the system-call filter that blocks about 44 dangerous calls (keyctl, mount, ptrace on old kernels ...). Same rule as RES-023 (runtime_rules::seccomp_unconfined).",
    remediation: "Remove `seccomp:unconfined` from `security_opt:`; if a call is missing, give a custom profile (`seccomp:./profile.json`) that allows only it.",
    references: &["https://docs.docker.com/reference/compose-file/services/#security_opt"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.security_opt
            .iter()
            .filter(|o| runtime_rules::seccomp_unconfined(std::slice::from_ref(&o.value)))
            .map(|o| {
                finding(
                    f,
                    s,
                    format!(
                        "runs without a seccomp filter (security_opt: {})",
                        runtime_rules::shorten(&o.value)
                    ),
                    setting_evidence(f, s, o, runtime_rules::shorten(&o.value), "not set"),
                )
            })
            .collect()
    })
}
