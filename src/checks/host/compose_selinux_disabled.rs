//! COMPOSE-023: compose service disables SELinux labelling (CIS 5.3); the compose
//! mirror of HOST-101, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-023",
    slug: "compose-selinux-label-disabled",
    title: "Compose service disables SELinux labelling",
    section: Section::Host,
    scope: Scope::Compose,
    cis: &["5.3"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
    needs: &[Need::Compose],
    rationale: "`label:disable` turns off SELinux separation for the container on an SELinux host. Same rule as HOST-101 (runtime_rules::selinux_label_disabled).",
    remediation: "Remove `label:disable` from `security_opt:`; give a specific label (`label:type:svirt_apache_t`) if the default does not fit.",
    references: &["https://docs.docker.com/reference/compose-file/services/#security_opt"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.security_opt
            .iter()
            .filter(|o| runtime_rules::selinux_label_disabled(std::slice::from_ref(&o.value)))
            .map(|o| {
                finding(
                    f,
                    s,
                    format!(
                        "runs with SELinux labelling disabled (security_opt: {})",
                        runtime_rules::shorten(&o.value)
                    ),
                    setting_evidence(f, s, o, runtime_rules::shorten(&o.value), "not set"),
                )
            })
            .collect()
    })
}
