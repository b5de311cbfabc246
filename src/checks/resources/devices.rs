//! RES-021: host devices exposed to containers (CIS 5.18).

use super::judge_all;
use crate::checks::runtime_rules::device_permissions_writable;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "RES-021",
    slug: "host-device-exposed",
    title: "Container has direct access to host devices",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.18"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: no host devices",
    needs: &[Need::Containers],
    rationale: "A host device passed with `--device` (HostConfig.Devices) or allowed by a \
        device cgroup rule (HostConfig.DeviceCgroupRules) lets the container read or write \
        the hardware directly: a disk device bypasses every file permission. Write or mknod \
        permission (`w`, `m`, the default `rwm`) is high severity, read-only medium. Device \
        requests (`--gpus`) are listed as observations. Judged on every container, whatever \
        its state.",
    remediation: "Remove `--device` and `--device-cgroup-rule` (compose: `devices:` and \
        `device_cgroup_rules:`); where a device is required, pass only that one with the \
        least permission, e.g. `--device /dev/ttyUSB0:/dev/ttyUSB0:r`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#device"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = ctx
        .facts
        .containers()
        .iter()
        .filter(|c| {
            c.host_config
                .device_requests
                .as_ref()
                .is_some_and(|d| !d.is_empty())
        })
        .map(|c| Observation {
            subject: container_subject(c),
            message: format!(
                "requests {} device(s) through a device driver (e.g. --gpus)",
                c.host_config
                    .device_requests
                    .as_ref()
                    .map_or(0, |d| d.len())
            ),
            source: inspect_field("HostConfig.DeviceRequests"),
        })
        .collect();
    judge_all(ctx, |c| {
        let mut out = Vec::new();
        for d in c.host_config.devices.iter().flatten() {
            let perms = if d.cgroup_permissions.is_empty() {
                "rwm"
            } else {
                d.cgroup_permissions.as_str()
            };
            let sev = if device_permissions_writable(perms) {
                Severity::High
            } else {
                Severity::Medium
            };
            let observed = format!("{}:{}:{perms}", d.path_on_host, d.path_in_container);
            out.push(
                Finding::new(
                    container_subject(c),
                    format!(
                        "has host device {} at {} with permissions {perms}",
                        d.path_on_host, d.path_in_container
                    ),
                    Evidence::new(
                        inspect_field("HostConfig.Devices"),
                        observed,
                        "no host devices",
                    ),
                )
                .with_severity(sev),
            );
        }
        for rule in c.host_config.device_cgroup_rules.iter().flatten() {
            let perms = rule.split_whitespace().nth(2).unwrap_or("");
            let sev = if device_permissions_writable(perms) {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Finding::new(
                    container_subject(c),
                    format!("has device cgroup rule {rule:?}"),
                    Evidence::new(
                        inspect_field("HostConfig.DeviceCgroupRules"),
                        rule.as_str(),
                        "no device cgroup rules",
                    ),
                )
                .with_severity(sev),
            );
        }
        out
    })
    .with_observations(observations)
}
