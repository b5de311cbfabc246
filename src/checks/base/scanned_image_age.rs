//! IMG-010: the image was built longer ago than the allowed age (CIS 4.4).

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-010",
    slug: "scanned-image-too-old",
    title: "Image is older than the allowed age",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.4"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Base images updated regularly: image age",
    needs: &[Need::ImageContents],
    rationale: "An image not rebuilt for months carries every vulnerability fixed in its \
        base image and packages since.",
    remediation: "Rebuild the image regularly (`docker build --pull --no-cache`) from an \
        updated base; the age limit is `max_image_age_days` (default 90).",
    references: &[
        "https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often",
    ],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let now = ctx.config.now();
    let max = ctx.config.max_image_age_days;
    over_images(ctx, "no creation time in the image config", |img| {
        let created = chrono::DateTime::parse_from_rfc3339(&img.created).ok()?;
        let days = (now - created.with_timezone(&chrono::Utc)).num_days();
        Some(if days > max {
            vec![Finding::new(
                scanned_subject(img),
                format!(
                    "image was built {days} days ago ({}), more than {max} days",
                    img.created
                ),
                Evidence::new(
                    config_field("created"),
                    img.created.clone(),
                    format!("at most {max} days old"),
                ),
            )]
        } else {
            vec![]
        })
    })
}
