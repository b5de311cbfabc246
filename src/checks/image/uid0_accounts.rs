//! IMG-011: accounts with uid 0 other than root in the image's /etc/passwd.

use crate::checks::support::image::{over_image_files, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_image_files(ctx, |img| {
        let passwd = img
            .passwd
            .as_ref()
            .ok_or_else(|| img.missing_file("/etc/passwd"))?;
        Ok(passwd
            .iter()
            .filter(|e| e.uid == Some(0) && e.name != "root")
            .map(|e| {
                Finding::new(
                    scanned_subject(img),
                    format!("account {} has uid 0", e.name),
                    Evidence::new(
                        "image file: /etc/passwd (final view)",
                        format!("{}:x:0:...", e.name),
                        "only root has uid 0",
                    ),
                )
            })
            .collect())
    })
}
