//! HOST-101: containers without SELinux separation on an SELinux engine
//! (CIS 5.3).

use super::require_engine_module;
use crate::checks::resources::{judge_all, security_opts};
use crate::checks::runtime_rules::selinux_label_disabled;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-101",
    slug: "container-selinux-disabled",
    title: "Container runs without SELinux separation",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["5.3"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "AppArmor or SELinux enabled on the host, and used by the engine and by each container",
    needs: &[Need::Containers, Need::Engine],
    rationale: "On an engine that runs with SELinux (Info.SecurityOptions lists \
        name=selinux) each container gets its own process label (container_t with unique \
        categories) that keeps it away from host files and other containers. \
        `--security-opt label=disable`, `--privileged`, no ProcessLabel at all or the \
        unconfined spc_t type remove that separation. Not applicable when the engine uses \
        AppArmor (HOST-100) or no security module (judged by the host checks); skipped when \
        the engine's security options are unknown. Judged on every container, whatever its \
        state.",
    remediation: "Remove `--security-opt label=disable` and `--privileged` (compose: \
        `security_opt:` entry, `privileged:`); where a label must change use `--security-opt \
        label=type:<type>` or `label=level:<level>`; run dockerd with `--selinux-enabled`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#security-opt"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Err(outcome) = require_engine_module(
        ctx,
        "selinux",
        "apparmor",
        "the engine uses AppArmor, not SELinux (see HOST-100)",
        "the engine does not run with SELinux (Info.SecurityOptions); whether the host \
             should enable a security module is judged by the host checks",
    ) {
        return outcome;
    }
    judge_all(ctx, |c| {
        let opts = security_opts(c);
        let label = c.process_label.as_str();
        let subject = container_subject(c);
        if selinux_label_disabled(opts) {
            return vec![Finding::new(
                subject,
                "runs with SELinux labelling disabled (SecurityOpt label=disable)",
                Evidence::new(
                    inspect_field("HostConfig.SecurityOpt"),
                    format!("{opts:?}"),
                    "no label=disable",
                ),
            )];
        }
        let message = if label.is_empty() && c.host_config.privileged == Some(true) {
            "has no SELinux process label because it is privileged".to_string()
        } else if label.is_empty() {
            "has no SELinux process label (ProcessLabel is empty)".to_string()
        } else if label
            .split(':')
            .nth(2)
            .is_some_and(|t| t == "spc_t" || t == "unconfined_t")
        {
            format!("runs with the unconfined SELinux type ({label})")
        } else {
            return vec![];
        };
        vec![Finding::new(
            subject,
            message,
            Evidence::new(
                inspect_field("ProcessLabel"),
                format!("{label:?}"),
                "a confined label such as system_u:system_r:container_t:s0:c1,c2",
            ),
        )]
    })
}
