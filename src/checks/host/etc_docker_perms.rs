//! HOST-022: /etc/docker not owned by root:root or writable by others (CIS 3.5, 3.6).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-022",
    slug: "etc-docker-dir-perms",
    title: "/etc/docker not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.5", "3.6"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The directory steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0755 or more restrictive \
        (no permission bit beyond 0755).",
    remediation: "chown root:root /etc/docker; chmod 755 /etc/docker",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["etc-docker"],
        Owner::RootRoot,
        0o755,
        "directory",
        "/etc/docker does not exist",
    )
}
