//! HOST-010: host packages with known vulnerabilities: the host root's
//! package database matched against the imported advisories by source
//! package and the host's release (CIS 1.2.1).

use crate::checks::support::vulns::{judge, Kind};
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "HOST-010",
    slug: "host-not-patched",
    title: "Host packages have known vulnerabilities",
    cis: &["1.2.1"],
    severity: Severity::High,
    item: "Hosts are patched: installed packages matched against advisories",
    needs: &[Need::Vulns],
    rationale: "Unpatched host packages (kernel, openssl, sshd, the engine itself) are the \
        commonest way into a container host. The host's package database is matched against \
        the distribution's advisories for the host's own release, by source package, so a \
        backported fix counts as fixed.",
    remediation: "Apply pending security updates (`apt-get update && apt-get upgrade`, \
        `dnf upgrade --security`, `apk upgrade`) on a schedule, with unattended security \
        updates where the change process allows.",
    references: &["https://docs.docker.com/engine/security/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(
        ctx,
        "host",
        Kind::Vulnerabilities,
        "no host package database was read",
    )
}
