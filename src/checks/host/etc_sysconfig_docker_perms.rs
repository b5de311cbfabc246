//! HOST-029: /etc/sysconfig/docker not owned by root:root or writable by others (CIS 3.21, 3.22).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-029",
    slug: "etc-sysconfig-docker-perms",
    title: "/etc/sysconfig/docker not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.21", "3.22"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0644 or more restrictive \
        (no permission bit beyond 0644).",
    remediation: "chown root:root /etc/sysconfig/docker; chmod 644 /etc/sysconfig/docker",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["etc-sysconfig-docker"],
        Owner::RootRoot,
        0o644,
        "file",
        "/etc/sysconfig/docker does not exist",
    )
}
