//! HOST-028: /etc/default/docker not owned by root:root or writable by others (CIS 3.19, 3.20).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-028",
    slug: "etc-default-docker-perms",
    title: "/etc/default/docker not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.19", "3.20"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0644 or more restrictive \
        (no permission bit beyond 0644).",
    remediation: "chown root:root /etc/default/docker; chmod 644 /etc/default/docker",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["etc-default-docker"],
        Owner::RootRoot,
        0o644,
        "file",
        "/etc/default/docker does not exist",
    )
}
