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
        // A uid that is missing or not a number is read as 0 by the
        // container runtime.
        Ok(passwd
            .iter()
            .filter(|e| e.uid.is_none_or(|u| u == 0) && e.name != "root")
            .map(|e| {
                let (message, observed) = match e.uid {
                    Some(_) => (format!("account {} has uid 0", e.name), format!("{}:x:0:...", e.name)),
                    None => (
                        format!(
                            "account {} has a uid that is missing or not a number, which the runtime reads as 0",
                            e.name
                        ),
                        format!("{}:x:?:...", e.name),
                    ),
                };
                Finding::new(
                    scanned_subject(img),
                    message,
                    Evidence::new("image file: /etc/passwd (final view)", observed, "only root has uid 0"),
                )
            })
            .collect())
    })
}
