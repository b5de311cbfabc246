//! RES-020: writable root filesystems (CIS 5.13).

use super::judge_all;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-020",
    slug: "root-filesystem-writable",
    title: "Container root filesystem is writable",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.13"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Root filesystem mounted read-only",
    needs: &[Need::Containers],
    rationale: "A writable root filesystem lets an intruder drop tools, change binaries and \
        persist inside the container. With `--read-only` only explicit volumes and tmpfs \
        mounts are writable, which also documents where the application writes. Judged on \
        every container, whatever its state.",
    remediation: "Run with `docker run --read-only` and add `--tmpfs /tmp` or volumes for the \
        paths the application writes (compose: `read_only: true` and `tmpfs: [/tmp]`).",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#read-only"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        if c.host_config.readonly_rootfs == Some(true) {
            return vec![];
        }
        let observed = c
            .host_config
            .readonly_rootfs
            .map(|b| b.to_string())
            .unwrap_or_else(|| "absent".into());
        vec![Finding::new(
            container_subject(c),
            format!("has a writable root filesystem (HostConfig.ReadonlyRootfs is {observed})"),
            Evidence::new(inspect_field("HostConfig.ReadonlyRootfs"), observed, "true"),
        )]
    })
}
