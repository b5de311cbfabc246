//! BASE-112: container sprawl (CIS 6.2): stopped containers left on the
//! host, against a fixed threshold.

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

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
