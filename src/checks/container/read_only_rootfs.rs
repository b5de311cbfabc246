//! RES-020: writable root filesystems (CIS 5.13).

use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-020",
    slug: "root-filesystem-writable",
    title: "Container root filesystem is writable",
    cis: &["5.13"],
    severity: Severity::Medium,
    item: "Root filesystem mounted read-only",
    rationale: "A writable root filesystem lets an intruder drop tools, change binaries and \
        persist inside the container. With `--read-only` only explicit volumes and tmpfs \
        mounts are writable, which also documents where the application writes. Judged on \
        every container, whatever its state.",
    remediation: "Run with `docker run --read-only` and add `--tmpfs /tmp` or volumes for the \
        paths the application writes (compose: `read_only: true` and `tmpfs: [/tmp]`). \
        Kubernetes: `securityContext.readOnlyRootFilesystem: true` with an emptyDir for the paths that must be written.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#read-only"],
    aliases: &["COMPOSE-016"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let r = &s.read_only_rootfs;
        if r.value == Some(true) {
            return Ok(vec![]);
        }
        let observed = r
            .value
            .map_or_else(|| "absent".to_string(), |b| b.to_string());
        Ok(vec![s.finding(
            format!(
                "has a writable root filesystem ({} is {observed})",
                r.from.key
            ),
            r.from.evidence(observed, "true"),
        )])
    })
}
