//! RES-001: containers running privileged (CIS 5.5).

use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-001",
    slug: "privileged-container",
    title: "Container runs privileged",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.5"],
    severity: Severity::Critical,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: not privileged",
    needs: &[Need::Containers],
    rationale: "A privileged container gets every capability, all host devices and no \
        seccomp or AppArmor confinement: root in it is root on the host.",
    remediation: "Remove `--privileged` (compose: `privileged: true`); add only the \
        capabilities the process needs with `--cap-add`.",
    references: &[
        "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    ],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let findings = containers
        .iter()
        .filter(|c| c.host_config.privileged == Some(true))
        .map(|c| {
            Finding::new(
                container_subject(c),
                "runs privileged (HostConfig.Privileged is true)",
                Evidence::new(inspect_field("HostConfig.Privileged"), "true", "false"),
            )
        })
        .collect();
    Outcome::from_findings(containers.len(), findings, "no containers on this engine")
}
