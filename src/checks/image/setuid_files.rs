//! IMG-003: setuid/setgid files in the image (CIS 4.8).

use crate::checks::support::image::{layer_file, over_images, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.setuid_files
                .iter()
                .map(|f| {
                    let bits = u32::from_str_radix(&f.mode, 8).unwrap_or(0);
                    let what = match (bits & 0o4000 != 0, bits & 0o2000 != 0) {
                        (true, true) => "setuid and setgid",
                        (true, false) => "setuid",
                        _ => "setgid",
                    };
                    Finding::new(
                        scanned_subject(img),
                        format!(
                            "{} is {what} (mode {}, owner {}:{})",
                            f.path, f.mode, f.uid, f.gid
                        ),
                        Evidence::new(
                            layer_file(&f.path, f.layer),
                            format!("mode {}", f.mode),
                            "no setuid/setgid bit",
                        ),
                    )
                })
                .collect(),
        )
    })
}
