//! HOST-027: daemon.json not owned by root:root or writable by others (CIS 3.17, 3.18).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-027",
    slug: "daemon-json-perms",
    title: "daemon.json not owned by root:root or writable by others",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.17", "3.18"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The daemon configuration file steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0644 or more restrictive \
        (no permission bit beyond 0644).",
    remediation: "chown root:root /etc/docker/daemon.json; chmod 644 /etc/docker/daemon.json (or the --config-file path in the finding)",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["daemon.json"],
        Owner::RootRoot,
        0o644,
        "daemon configuration file",
        "the daemon configuration file does not exist",
    )
}
