//! BASE-111: image sprawl (CIS 6.1): images not used by any container and
//! dangling images, against fixed thresholds.

use std::collections::HashSet;

use crate::checks::{
    Check, Ctx, Evidence, Finding, Need, Observation, Outcome, Scope, Severity, Subject,
};

pub static CHECK: Check = Check {
    id: "BASE-111",
    slug: "image-sprawl",
    title: "Image sprawl: many unused or dangling images",
    scope: Scope::Host,
    cis: &["6.1"],
    severity: Severity::Low,
    item: "Base images updated regularly (old images removed)",
    needs: &[Need::Images, Need::Containers],
    rationale: "Images nobody runs still hold old, vulnerable packages, fill the disk and \
        make it hard to tell what is deployed; an old image can be started again by \
        mistake. CIS 6.1 asks that image sprawl be avoided. dockaudit reports sprawl when \
        more than 10 images are unused and they are more than half of all images (Docker \
        Bench reports the same half), or when more than 10 images are dangling (no tag).",
    remediation: "Remove unused images: `docker image prune` (dangling) or `docker image \
        prune -a --filter until=720h` (unused and older than 30 days); schedule it on \
        build hosts.",
    references: &["https://docs.docker.com/reference/cli/docker/image/prune/"],
    evaluate,
    ..super::RULE
};

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
