//! HOST-020: docker.service file not owned by root:root or writable by others (CIS 3.1, 3.2).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-020",
    slug: "docker-service-file-perms",
    title: "docker.service file not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.1", "3.2"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The docker.service unit file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0644 or more restrictive \
        (no permission bit beyond 0644).",
    remediation: "chown root:root <path>; chmod 644 <path> (the path in the finding, e.g. /lib/systemd/system/docker.service)",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["docker.service"],
        Owner::RootRoot,
        0o644,
        "docker.service unit file",
        "no docker.service unit file on this host",
    )
}
