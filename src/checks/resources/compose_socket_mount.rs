//! COMPOSE-021: compose service mounts the engine socket (CIS 5.32); the compose
//! mirror of RES-029, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-021",
    slug: "compose-engine-socket-mount",
    title: "Compose service mounts the engine socket",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.32"],
    severity: Severity::Critical,
    mode: Mode::Automated,
    item: "Access to the engine is limited",
    needs: &[Need::Compose],
    rationale: "Whoever reaches the engine socket controls the engine and so the host (start a privileged container, mount /). Same rule as RES-029: a well-known engine socket (runtime_rules::is_engine_socket_path) or a host directory holding one (runtime_rules::exposed_engine_socket), read-only or not.",
    remediation: "Remove the `/var/run/docker.sock:/var/run/docker.sock` entry from `volumes:`; if a tool needs the engine, give it a filtering proxy that allows only the calls it needs.",
    references: &["https://docs.docker.com/reference/compose-file/services/#volumes", "https://docs.docker.com/engine/security/#docker-daemon-attack-surface"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        let mut out = Vec::new();
        for v in &s.volumes {
            let m = &v.value;
            let what = if runtime_rules::is_engine_socket_path(&m.source)
                || (m.kind == "bind" && runtime_rules::is_engine_socket_path(&m.target))
            {
                format!("mounts the engine socket {} at {}", m.source, m.target)
            } else if m.kind == "bind" {
                match runtime_rules::exposed_engine_socket(&m.source) {
                    Some(sock) => format!(
                        "mounts host directory {} at {}, which holds the engine socket {sock}",
                        m.source, m.target
                    ),
                    None => continue,
                }
            } else {
                continue;
            };
            let access = if m.read_only {
                "read-only"
            } else {
                "read-write"
            };
            out.push(finding(
                f,
                s,
                format!("{what} ({access})"),
                setting_evidence(
                    f,
                    s,
                    v,
                    format!("{}:{} ({access})", m.source, m.target),
                    "no engine socket mounted",
                ),
            ));
        }
        out
    })
}
