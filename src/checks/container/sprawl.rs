//! BASE-112: container sprawl (CIS 6.2): stopped containers left on the
//! host, against a fixed threshold.

use crate::checks::{
    Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Scope, Section, Severity, Subject,
};

pub static CHECK: Check = Check {
    id: "BASE-112",
    slug: "container-sprawl",
    title: "Container sprawl: many stopped containers",
    section: Section::BaseImages,
    scope: Scope::Host,
    cis: &["6.2"],
    severity: Severity::Low,
    item: "Base images updated regularly (old containers removed)",
    needs: &[Need::Containers],
    rationale: "Stopped containers keep their writable layer (logs, data, sometimes secrets), \
        their configuration and their old image on the host, and can be restarted by \
        mistake. CIS 6.2 asks that container sprawl be avoided; like Docker Bench, \
        dockaudit reports it when more than 25 containers are not running.",
    remediation: "Remove stopped containers: `docker container prune --filter until=24h`; run \
        short-lived containers with `--rm`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/prune/"],
    evaluate,
    ..super::RULE
};

pub const STOPPED_LIMIT: usize = 25;

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    if containers.is_empty() {
        return Outcome::NotApplicable("no containers on this engine".to_string());
    }
    let total = containers.len();
    let running = containers.iter().filter(|c| c.is_running()).count();
    let stopped = total - running;
    let counts = format!("{total} containers: {running} running, {stopped} not running");
    let subject = Subject::new("engine", "containers");
    let source = "engine: container inspect State.Running";
    let mut findings = Vec::new();
    if stopped > STOPPED_LIMIT {
        findings.push(Finding::new(
            subject.clone(),
            format!("{stopped} containers are not running"),
            Evidence::new(
                source,
                counts.clone(),
                format!("at most {STOPPED_LIMIT} stopped containers"),
            ),
        ));
    }
    Outcome::from_findings(1, findings, "no containers").with_observations(vec![Observation {
        subject,
        message: counts,
        source: source.to_string(),
    }])
}
