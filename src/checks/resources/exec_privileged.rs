//! RES-030: `docker exec --privileged` (CIS 5.23): judged from the exec
//! records the engine still holds, otherwise manual.

use super::exec_common::{exec_observations, exec_request};
use crate::checks::support::container_subject;
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-030",
    slug: "exec-privileged",
    title: "Command executed in a container with --privileged",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.23"],
    severity: Severity::High,
    mode: Mode::Manual,
    item: "Kernel calls and capabilities limited: not privileged",
    needs: &[Need::Containers],
    rationale: "`docker exec --privileged` runs a command with every capability and no \
        confinement inside an otherwise restricted container. The engine keeps an exec's \
        record (ExecIDs, GET /exec/{id}/json) only while it runs (older engines a few \
        minutes more), so an exec found privileged is a finding, but no record is no proof: \
        the check stays manual and asks for the engine's audit trail.",
    remediation: "Do not use `docker exec --privileged`; grant the engine API only to \
        people and tools that need it (authorization plugin) and audit exec_create events.",
    references: &["https://docs.docker.com/reference/cli/docker/container/exec/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut findings = Vec::new();
    for c in ctx.facts.containers() {
        for e in c
            .execs
            .iter()
            .filter(|e| e.process_config.privileged == Some(true))
        {
            let cmd = std::iter::once(e.process_config.entrypoint.as_str())
                .chain(e.process_config.arguments.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            let short = &e.id[..e.id.len().min(12)];
            findings.push(Finding::new(
                container_subject(c),
                format!("exec {short} runs {cmd:?} privileged"),
                Evidence::new(
                    "engine: exec inspect ProcessConfig.privileged",
                    "true",
                    "false",
                ),
            ));
        }
    }
    if !findings.is_empty() {
        return Outcome::Fail {
            findings,
            observations: Vec::new(),
        };
    }
    Outcome::manual(&exec_request("--privileged"))
        .with_observations(exec_observations(ctx, "privileged"))
}
