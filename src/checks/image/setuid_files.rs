//! IMG-003: setuid/setgid files in the image (CIS 4.8).

use crate::checks::support::image::{finding_per_entry, layer_file};
use crate::checks::{Ctx, Evidence, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    finding_per_entry(
        ctx,
        |img| &img.setuid_files,
        |f| {
            let bits = u32::from_str_radix(&f.mode, 8).unwrap_or(0);
            let what = match (bits & 0o4000 != 0, bits & 0o2000 != 0) {
                (true, true) => "setuid and setgid",
                (true, false) => "setuid",
                _ => "setgid",
            };
            (
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
        },
    )
}
