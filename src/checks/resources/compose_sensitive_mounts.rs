//! COMPOSE-004: compose service mounts a sensitive host directory (CIS 5.6); the compose
//! mirror of RES-004, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-004",
    slug: "compose-sensitive-host-path",
    title: "Compose service mounts a sensitive host directory",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.6"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited",
    needs: &[Need::Compose],
    rationale: "A bind mount of /, /etc, /proc, /sys, /boot, /dev, /usr, /var/run, /var/lib/docker and the like lets the container read host secrets or change the host. The list is RES-004's (runtime_rules::is_sensitive_host_path); named volumes and paths relative to the project are not judged. Read-only mounts are reported at medium severity.",
    remediation: "Remove the `volumes:` entry, or mount only the application's own directory, read-only where possible (`:ro`, or `read_only: true` in the long syntax).",
    references: &["https://docs.docker.com/reference/compose-file/services/#volumes"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.volumes
            .iter()
            .filter(|v| v.value.kind == "bind")
            .filter_map(|v| {
                let dir = runtime_rules::is_sensitive_host_path(&v.value.source)?;
                let access = if v.value.read_only {
                    "read-only"
                } else {
                    "read-write"
                };
                let sev = if v.value.read_only {
                    Severity::Medium
                } else {
                    Severity::High
                };
                Some(
                    finding(
                        f,
                        s,
                        format!(
                            "mounts host path {} at {} {access} (sensitive directory {dir})",
                            v.value.source, v.value.target
                        ),
                        setting_evidence(
                            f,
                            s,
                            v,
                            format!("{}:{} ({access})", v.value.source, v.value.target),
                            "no bind mount of a sensitive host directory",
                        ),
                    )
                    .with_severity(sev),
                )
            })
            .collect()
    })
}
