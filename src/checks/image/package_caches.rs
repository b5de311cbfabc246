//! IMG-014: package-manager caches left in the image.

use crate::checks::support::image::finding_per_entry;
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    finding_per_entry(
        ctx,
        |img| &img.caches,
        |c| {
            (
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
        },
    )
}
