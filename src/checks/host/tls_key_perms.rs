//! HOST-026: Daemon TLS key not owned by root:root or readable beyond its owner (CIS 3.13, 3.14).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-026",
    slug: "tls-server-key-perms",
    title: "Daemon TLS key not owned by root:root or readable beyond its owner",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.13", "3.14"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The TLS server key steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0400 or more restrictive \
        (no permission bit beyond 0400).",
    remediation: "chown root:root <tlskey path>; chmod 400 <tlskey path>",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["tls-key"],
        Owner::RootRoot,
        0o400,
        "TLS server key",
        "the daemon names no TLS key (--tlskey / \"tlskey\")",
    )
}
