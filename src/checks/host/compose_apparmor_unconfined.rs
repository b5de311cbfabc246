//! COMPOSE-022: compose service runs without AppArmor (CIS 5.2); the compose
//! mirror of HOST-100, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-022",
    slug: "compose-apparmor-unconfined",
    title: "Compose service runs without AppArmor",
    section: Section::Host,
    scope: Scope::Compose,
    cis: &["5.2"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
    needs: &[Need::Compose],
    rationale: "`apparmor:unconfined` removes the AppArmor profile the engine applies by default (docker-default), which blocks writes to /proc and /sys and mounts. Same rule as HOST-100 (runtime_rules::apparmor_unconfined).",
    remediation: "Remove `apparmor:unconfined` from `security_opt:`, or name a custom profile (`apparmor:my-profile`) loaded on the host.",
    references: &["https://docs.docker.com/reference/compose-file/services/#security_opt"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.security_opt
            .iter()
            .filter(|o| runtime_rules::apparmor_unconfined(std::slice::from_ref(&o.value)))
            .map(|o| {
                finding(
                    f,
                    s,
                    format!(
                        "runs without an AppArmor profile (security_opt: {})",
                        runtime_rules::shorten(&o.value)
                    ),
                    setting_evidence(f, s, o, runtime_rules::shorten(&o.value), "not set"),
                )
            })
            .collect()
    })
}
