//! HOST-100: containers without an AppArmor profile on an AppArmor engine
//! (CIS 5.2).

use crate::checks::runtime_rules::apparmor_unconfined;
use crate::checks::support::container::{
    judge_security_module, option_turned_off, require_engine_module,
};
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-100",
    slug: "container-apparmor-unconfined",
    title: "Container runs without an AppArmor profile",
    section: Section::Host,
    cis: &["5.2"],
    severity: Severity::High,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
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
        `apparmor_parser` and run with `--security-opt apparmor=<profile>`. \
        Kubernetes: remove `appArmorProfile.type: Unconfined` (or the `unconfined` beta annotation).",
    references: &["https://docs.docker.com/engine/security/apparmor/"],
    aliases: &["COMPOSE-022"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let gate = require_engine_module(
        ctx,
        "apparmor",
        "selinux",
        "the engine uses SELinux, not AppArmor (see HOST-101)",
        "the engine reports no AppArmor support (Info.SecurityOptions); whether the host \
             should enable a security module is judged by the host checks",
    );
    judge_security_module(
        ctx,
        gate,
        |s| option_turned_off(s, apparmor_unconfined, "AppArmor", "no apparmor=unconfined"),
        |s| {
            let Some(applied) = &s.apparmor_applied else {
                return vec![];
            };
            let profile = applied.value.as_str();
            let message = match profile {
                "unconfined" if s.privileged.value == Some(true) => {
                    "runs unconfined by AppArmor because it is privileged".to_string()
                }
                "unconfined" => {
                    "runs unconfined by AppArmor (AppArmorProfile is unconfined)".to_string()
                }
                "" => "has no AppArmor profile recorded (AppArmorProfile is empty)".to_string(),
                _ => return vec![],
            };
            vec![s.finding(
                message,
                applied
                    .from
                    .evidence(format!("{profile:?}"), "docker-default or a custom profile"),
            )]
        },
    )
}
