//! IMG-013: world-writable files in system paths of the image.

use crate::checks::support::image::{layer_file, over_images, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.world_writable
                .iter()
                .map(|f| {
                    Finding::new(
                        scanned_subject(img),
                        format!("{} {} is world-writable (mode {})", f.kind, f.path, f.mode),
                        Evidence::new(
                            layer_file(&f.path, f.layer),
                            format!("mode {}", f.mode),
                            "not writable by others",
                        ),
                    )
                })
                .collect(),
        )
    })
}
