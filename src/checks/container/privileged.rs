//! RES-001: containers running privileged (CIS 5.5).

use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-001",
    slug: "privileged-container",
    title: "Container runs privileged",
    cis: &["5.5"],
    severity: Severity::Critical,
    item: "Kernel calls and capabilities limited: not privileged",
    rationale: "A privileged container gets every capability, all host devices and no \
        seccomp or AppArmor confinement: root in it is root on the host.",
    remediation: "Remove `--privileged` (compose: `privileged: true`); add only the \
        capabilities the process needs with `--cap-add`. \
        Kubernetes: remove `securityContext.privileged: true`.",
    references: &[
        "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    ],
    aliases: &["COMPOSE-001"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let p = &s.privileged;
        Ok(match p.value {
            Some(true) => vec![s.finding(
                format!("runs privileged ({} is true)", p.from.key),
                p.from.evidence("true", "false or absent"),
            )],
            _ => vec![],
        })
    })
}
