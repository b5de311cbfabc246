//! Helpers for the IMG checks over scanned images (`Facts::scanned_images`):
//! subjects, evidence sources and the verdict over images of which some
//! could not be judged. Pure functions only.

use super::{Ctx, Finding, Outcome, Subject};
use crate::facts::ImageFacts;

/// The subject for a finding on a scanned image.
pub fn scanned_subject(i: &ImageFacts) -> Subject {
    let name = i.display_name().to_string();
    let id = i.id.strip_prefix("sha256:").unwrap_or(&i.id);
    Subject {
        kind: "image".to_string(),
        role: Some(format!(
            "image:{}",
            crate::facts::engine::image_repository(&name)
        )),
        name,
        id: (!id.is_empty()).then(|| id.chars().take(12).collect()),
    }
}

/// Evidence source naming a field of the image config JSON.
pub fn config_field(path: &str) -> String {
    format!("image config: {path}")
}

/// Evidence source naming a file of the image's layers.
pub fn layer_file(path: &str, layer: usize) -> String {
    format!("image layer {layer}: {path}")
}

/// Runs `judge` over every scanned image: Some(findings) when the image
/// could be judged, None when a fact it needs is missing. No image judged
/// while some exist is Skipped with `unknown`, never a pass.
pub fn over_images(
    ctx: &Ctx,
    unknown: &str,
    mut judge: impl FnMut(&ImageFacts) -> Option<Vec<Finding>>,
) -> Outcome {
    let images = ctx.facts.scanned_images();
    if images.is_empty() {
        return Outcome::NotApplicable("no image was read".to_string());
    }
    let mut checked = 0;
    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    for i in images {
        match judge(i) {
            Some(f) => {
                checked += 1;
                findings.extend(f);
            }
            None => skipped.push(i.display_name().to_string()),
        }
    }
    if checked == 0 {
        return Outcome::Skipped(format!("{unknown} ({})", skipped.join(", ")));
    }
    Outcome::from_findings(checked, findings, "no image was read")
}
