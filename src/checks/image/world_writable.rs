//! IMG-013: world-writable files in system paths of the image.

use crate::checks::support::image::{finding_per_entry, layer_file};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    finding_per_entry(
        ctx,
        |img| &img.world_writable,
        |f| {
            (
                format!("{} {} is world-writable (mode {})", f.kind, f.path, f.mode),
                Evidence::new(
                    layer_file(&f.path, f.layer),
                    format!("mode {}", f.mode),
                    "not writable by others",
                ),
            )
        },
    )
}
