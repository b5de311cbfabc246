//! USER-003: Docker socket not owned by root:docker or open beyond the docker group (CIS 3.15, 3.16).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "USER-003",
    slug: "docker-socket-perms",
    title: "Docker socket not owned by root:docker or open beyond the docker group",
    section: Section::NonRoot,
    scope: Scope::Host,
    cis: &["3.15", "3.16"],
    severity: Severity::Critical,
    mode: Mode::Automated,
    item: "Access to the engine is limited: socket ownership and mode",
    needs: &[Need::Host],
    rationale: "The Docker socket steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:docker and mode 0660 or more restrictive \
        (no permission bit beyond 0660).",
    remediation: "chown root:docker /var/run/docker.sock; chmod 660 /var/run/docker.sock (or the socket path in the finding; with socket activation set SocketMode=0660 and SocketGroup=docker in docker.socket)",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["docker-sock"],
        Owner::RootDocker,
        0o660,
        "Docker socket",
        "no Docker unix socket found",
    )
}
