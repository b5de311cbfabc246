//! IMG-013: world-writable files in system paths of the image.

use crate::checks::support::image::{layer_file, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "IMG-013",
    slug: "image-world-writable-system-files",
    title: "Image has world-writable files in system paths",
    severity: Severity::Medium,
    item: "Contents of running images understood",
    rationale: "A world-writable binary, library or configuration file under /usr, /etc, \
        /bin, /lib or /opt lets any user in the container replace what root later runs.",
    remediation: "Fix the mode in the Dockerfile: `RUN chmod o-w PATH` (or COPY with \
        `--chmod=755`); use a sticky bit for shared directories.",
    references: &["https://docs.docker.com/reference/dockerfile/#copy---chmod"],
    evaluate,
    ..super::RULE
};

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
