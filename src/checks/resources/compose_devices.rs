//! COMPOSE-017: compose service is given a host device (CIS 5.18); the compose
//! mirror of RES-021, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-017",
    slug: "compose-host-device",
    title: "Compose service is given a host device",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.18"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: no host devices",
    needs: &[Need::Compose],
    rationale: "A host device in the container (a disk, /dev/mem, a GPU node) gives direct access to the hardware behind the kernel's back. Same rule as RES-021: writable devices (permissions with w or m, the default rwm) are high, read-only ones medium (runtime_rules::device_permissions_writable).",
    remediation: "Remove the `devices:` entry; where a device is required, pass only that one with the least permission, e.g. `/dev/ttyUSB0:/dev/ttyUSB0:r`.",
    references: &["https://docs.docker.com/reference/compose-file/services/#devices"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.devices
            .iter()
            .map(|d| {
                let perms = if d.value.permissions.is_empty() {
                    "rwm"
                } else {
                    d.value.permissions.as_str()
                };
                let sev = if runtime_rules::device_permissions_writable(perms) {
                    Severity::High
                } else {
                    Severity::Medium
                };
                finding(
                    f,
                    s,
                    format!(
                        "has host device {} at {} with permissions {perms}",
                        d.value.host, d.value.container
                    ),
                    setting_evidence(
                        f,
                        s,
                        d,
                        format!("{}:{}:{perms}", d.value.host, d.value.container),
                        "no host devices",
                    ),
                )
                .with_severity(sev)
            })
            .collect()
    })
}
