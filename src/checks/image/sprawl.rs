//! BASE-111: image sprawl (CIS 6.1): images not used by any container and
//! dangling images, against fixed thresholds.

use std::collections::HashSet;

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

pub const UNUSED_LIMIT: usize = 10;
pub const DANGLING_LIMIT: usize = 10;

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    if images.is_empty() {
        return Outcome::NotApplicable("no images on this engine".to_string());
    }
    let used: HashSet<&str> = ctx
        .facts
        .containers()
        .iter()
        .map(|c| c.image.as_str())
        .collect();
    let total = images.len();
    let in_use = images
        .iter()
        .filter(|i| used.contains(i.id.as_str()))
        .count();
    let unused = total - in_use;
    let dangling = images
        .iter()
        .filter(|i| i.repo_tags.iter().all(|t| t == "<none>:<none>"))
        .count();
    let counts = format!(
        "{total} images: {in_use} used by containers, {unused} unused, {dangling} dangling"
    );
    let subject = Subject::new("engine", "images");
    let source = "engine: GET /images/json, container inspect Image";
    let mut findings = Vec::new();
    if unused > UNUSED_LIMIT && unused * 2 > total {
        findings.push(Finding::new(
            subject.clone(),
            format!("{unused} of {total} images are not used by any container"),
            Evidence::new(
                source,
                counts.clone(),
                format!("at most {UNUSED_LIMIT} unused images, or at most half of all images"),
            ),
        ));
    }
    if dangling > DANGLING_LIMIT {
        findings.push(Finding::new(
            subject.clone(),
            format!("{dangling} dangling images (no tag)"),
            Evidence::new(
                source,
                counts.clone(),
                format!("at most {DANGLING_LIMIT} dangling images"),
            ),
        ));
    }
    let obs = vec![Observation {
        subject,
        message: counts,
        source: source.to_string(),
    }];
    Outcome::from_findings(1, findings, "no images").with_observations(obs)
}
