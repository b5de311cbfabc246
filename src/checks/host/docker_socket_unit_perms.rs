//! HOST-021: docker.socket unit file not owned by root:root or writable by others (CIS 3.3, 3.4).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-021",
    slug: "docker-socket-unit-perms",
    title: "docker.socket unit file not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.3", "3.4"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale:
        "The docker.socket unit file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0644 or more restrictive \
        (no permission bit beyond 0644).",
    remediation:
        "chown root:root <path>; chmod 644 <path> (e.g. /lib/systemd/system/docker.socket)",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["docker.socket"],
        Owner::RootRoot,
        0o644,
        "docker.socket unit file",
        "no docker.socket unit file on this host",
    )
}
