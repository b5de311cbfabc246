//! IMG-014: package-manager caches left in the image.

use crate::checks::support::image::{over_images, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.caches
                .iter()
                .map(|c| {
                    Finding::new(
                        scanned_subject(img),
                        format!(
                            "{} cache {} holds {} files ({} bytes)",
                            c.kind, c.path, c.files, c.bytes
                        ),
                        Evidence::new(
                            format!("image file index: {}", c.path),
                            format!("{} files, {} bytes", c.files, c.bytes),
                            "no package-manager cache",
                        ),
                    )
                })
                .collect(),
        )
    })
}
