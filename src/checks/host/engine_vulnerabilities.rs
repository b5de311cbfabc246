//! HOST-013: the engine's components (dockerd, containerd, runc, the Go
//! toolchain they were built with) named by Go advisories of their modules
//! (CIS 1.2.2, by advisory rather than by a minimum-version table).

use crate::checks::support::vulns::{judge, Kind};
use crate::checks::{Check, Ctx, Need, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-013",
    slug: "engine-known-vulnerabilities",
    title: "Engine components have known vulnerabilities",
    section: Section::Host,
    cis: &["1.2.2"],
    severity: Severity::High,
    item: "Docker software updated regularly: engine, containerd and runc versions",
    needs: &[Need::Vulns],
    rationale: "Engine, containerd and runc flaws are container escapes and authorization \
        bypasses. The versions the engine reports are matched against the advisories of their Go \
        modules (github.com/docker/docker, containerd, runc) and of the Go standard library they \
        were built with. A distribution build (`+dfsg`, `~ds` versions) may carry backported \
        fixes: the host package check (HOST-010) judges those by the distribution's advisories.",
    remediation: "Upgrade the engine packages (docker-ce / moby-engine / docker.io, containerd, \
        runc) to the fixed versions named in the findings, then restart the engine.",
    references: &["https://docs.docker.com/engine/release-notes/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge(
        ctx,
        "engine",
        Kind::Vulnerabilities,
        "no engine version was read",
    )
}
