//! HOST-100: containers without an AppArmor profile on an AppArmor engine
//! (CIS 5.2).

use super::require_engine_module;
use crate::checks::resources::{judge_all, security_opts};
use crate::checks::runtime_rules::apparmor_unconfined;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-100",
    slug: "container-apparmor-unconfined",
    title: "Container runs without an AppArmor profile",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["5.2"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
    needs: &[Need::Containers, Need::Engine],
    rationale: "On an engine that uses AppArmor (Info.SecurityOptions lists name=apparmor) \
        each container gets the docker-default profile unless told otherwise; a container \
        whose AppArmorProfile is unconfined (or empty), or that runs with `--security-opt \
        apparmor=unconfined` or privileged, loses the mandatory access control that blocks \
        writes to /proc and /sys and mounts. Not applicable when the engine uses SELinux \
        (HOST-101) or no security module (judged by the host checks); skipped when the \
        engine's security options are unknown. Judged on every container, whatever its \
        state.",
    remediation: "Remove `--security-opt apparmor=unconfined` and `--privileged` (compose: \
        `security_opt:` entry, `privileged:`); for a custom profile load it with \
        `apparmor_parser` and run with `--security-opt apparmor=<profile>`.",
    references: &["https://docs.docker.com/engine/security/apparmor/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Err(outcome) = require_engine_module(
        ctx,
        "apparmor",
        "selinux",
        "the engine uses SELinux, not AppArmor (see HOST-101)",
        "the engine reports no AppArmor support (Info.SecurityOptions); whether the host \
             should enable a security module is judged by the host checks",
    ) {
        return outcome;
    }
    judge_all(ctx, |c| {
        let opts = security_opts(c);
        let profile = c.app_armor_profile.as_str();
        let subject = container_subject(c);
        if apparmor_unconfined(opts) {
            return vec![Finding::new(
                subject,
                "runs with AppArmor disabled (SecurityOpt apparmor=unconfined)",
                Evidence::new(
                    inspect_field("HostConfig.SecurityOpt"),
                    format!("{opts:?}"),
                    "no apparmor=unconfined",
                ),
            )];
        }
        let message = match profile {
            "unconfined" if c.host_config.privileged == Some(true) => {
                "runs unconfined by AppArmor because it is privileged".to_string()
            }
            "unconfined" => {
                "runs unconfined by AppArmor (AppArmorProfile is unconfined)".to_string()
            }
            "" => "has no AppArmor profile recorded (AppArmorProfile is empty)".to_string(),
            _ => return vec![],
        };
        vec![Finding::new(
            subject,
            message,
            Evidence::new(
                inspect_field("AppArmorProfile"),
                format!("{profile:?}"),
                "docker-default or a custom profile",
            ),
        )]
    })
}
