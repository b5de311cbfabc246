//! BASE-100: images older than the age policy (AuditConfig.max_image_age_days),
//! judged from Image.Created against the audit clock (CIS 4.4 context).

use crate::checks::support::{image_field, image_subject};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};
use crate::facts::Image;

pub static CHECK: Check = Check {
    id: "BASE-100",
    slug: "image-too-old",
    title: "Image older than the rebuild policy",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.4"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Base images updated regularly: image age",
    needs: &[Need::Images],
    rationale: "An image is as current as its last build: the OS packages and libraries in \
        it carry every vulnerability fixed since. CIS 4.4 asks that images be rebuilt \
        regularly to pick up security patches; an image built longer ago than the policy \
        (90 days by default) has missed them. Images stamped with a reproducible-build \
        epoch (1970, year 1) carry no real build date and are reported as unknown.",
    remediation: "Rebuild the image from an updated base (`docker build --pull --no-cache \
        ...`), redeploy, and automate the rebuild on a schedule and on base image updates.",
    references: &["https://docs.docker.com/build/building/best-practices/#rebuild-your-images"],
    aliases: &[],
    evaluate,
};

/// The build time of an image, unless unreadable or a reproducible-build
/// placeholder (before 1980).
pub fn created(i: &Image) -> Option<chrono::DateTime<chrono::Utc>> {
    let t = chrono::DateTime::parse_from_rfc3339(i.created.trim())
        .ok()?
        .with_timezone(&chrono::Utc);
    (t.timestamp() >= 315_532_800).then_some(t)
}

pub fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let now = ctx.config.now();
    let max = ctx.config.max_image_age_days;
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    for i in images {
        let Some(t) = created(i) else {
            observations.push(Observation {
                subject: image_subject(i),
                message: format!(
                    "build date unknown (Created {:?}): age not judged",
                    i.created
                ),
                source: image_field("Created"),
            });
            continue;
        };
        checked += 1;
        let age = (now - t).num_days();
        if age > max {
            findings.push(Finding::new(
                image_subject(i),
                format!(
                    "image was built {age} days ago ({}); policy is {max} days",
                    day(t)
                ),
                Evidence::new(
                    image_field("Created"),
                    i.created.clone(),
                    format!("built within the last {max} days"),
                ),
            ));
        }
    }
    if checked == 0 && !images.is_empty() {
        return Outcome::Skipped("no image has a readable build date (Created)".to_string());
    }
    Outcome::from_findings(checked, findings, "no images on this engine")
        .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducible_epochs_are_unknown() {
        for (c, known) in [
            ("1970-01-01T00:00:00Z", false),
            ("0001-01-01T00:00:00Z", false),
            ("", false),
            ("2026-11-29T00:06:52.996968319Z", true),
        ] {
            let i = Image {
                created: c.into(),
                ..Default::default()
            };
            assert_eq!(created(&i).is_some(), known, "{c}");
        }
    }
}
