//! BASE-107: unnecessary packages in images (CIS 4.3). Manual, with image
//! sizes as hints.

use crate::checks::support::image_subject;
use crate::checks::{Ctx, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut images: Vec<_> = ctx
        .facts
        .images()
        .iter()
        .filter(|i| i.size.is_some())
        .collect();
    images.sort_by_key(|i| std::cmp::Reverse(i.size.unwrap_or(0)));
    let observations = images
        .into_iter()
        .take(10)
        .map(|i| Observation {
            subject: image_subject(i),
            message: format!(
                "image size {:.1} MB",
                i.size.unwrap_or(0) as f64 / 1_000_000.0
            ),
            source: "engine: image inspect Size".to_string(),
        })
        .collect();
    Outcome::manual(
        "Ask for the package list (SBOM) of each image in use and the owner's justification \
         of shells, compilers, package managers and debugging tools in it; the largest \
         images are listed below.",
    )
    .with_observations(observations)
}
