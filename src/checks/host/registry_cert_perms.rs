//! HOST-023: Registry certificate not owned by root:root or not read-only (CIS 3.7, 3.8).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-023",
    slug: "registry-cert-perms",
    title: "Registry certificate not owned by root:root or not read-only",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.7", "3.8"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The registry certificate file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0444 or more restrictive \
        (no permission bit beyond 0444).",
    remediation: "chown root:root /etc/docker/certs.d/<registry>/*; chmod 444 /etc/docker/certs.d/<registry>/*",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["registry-cert"],
        Owner::RootRoot,
        0o444,
        "registry certificate file",
        "no registry certificates under /etc/docker/certs.d",
    )
}
