//! DF-018: EXPOSE 22 (an SSH server in the container, CIS 5.7).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-018",
    slug: "expose-ssh-port",
    title: "Dockerfile exposes port 22 (SSH)",
    section: Section::Resources,
    cis: &["5.7"],
    severity: Severity::Medium,
    item: "Network restricted",
    rationale: "Exposing 22 means an SSH daemon runs in the container: another listening \
        service with credentials to manage, and a way around the engine's access control \
        (`docker exec` is the audited path in).",
    remediation: "Remove `EXPOSE 22` and the SSH server; use `docker exec` (or the \
        orchestrator's exec) for access.",
    references: &["https://docs.docker.com/reference/dockerfile/#expose"],
    aliases: &["DS004", "CKV_DOCKER_1"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["EXPOSE"], |df, inst, out| {
        for w in crate::dockerfile::shell::words(&inst.args) {
            if w.to_ascii_lowercase().ends_with("/udp") {
                continue;
            }
            if let Some((a, b)) = dfs::expose_ports(&w) {
                if a <= 22 && 22 <= b {
                    out.push(dfs::instruction_finding(
                        df,
                        inst,
                        format!("EXPOSE {w} exposes the SSH port"),
                        "no port 22",
                    ));
                }
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nEXPOSE 80 22/tcp\n", 1)],
    pass: ["FROM a:1\nEXPOSE 2222 8022\n"],
}
