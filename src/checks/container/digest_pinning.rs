//! PROV-100: containers created from a mutable reference (a tag) rather
//! than one pinned by digest (`@sha256:`) or by image id.

use crate::checks::runtime_rules::mutable_latest_reference;
use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

/// A reference pinned by digest, or the image id itself.
pub fn pinned(reference: &str, image_id: &str) -> bool {
    let r = reference.trim();
    if r.contains("@sha256:") {
        return true;
    }
    let hex = r.strip_prefix("sha256:").unwrap_or(r);
    let id = image_id.strip_prefix("sha256:").unwrap_or(image_id);
    hex.len() >= 12
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && (id.starts_with(hex) || r.starts_with("sha256:"))
}

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let i = &s.image;
        let Some(reference) = i.value.as_deref() else {
            return match s.container {
                Some(_) => Err(format!(
                    "image reference not reported ({} empty)",
                    i.from.key
                )),
                // A compose service built from a Dockerfile has no reference.
                None => Ok(vec![]),
            };
        };
        let id = s.container.map_or("", |c| c.image.as_str());
        if pinned(reference, id) {
            return Ok(vec![]);
        }
        let latest = mutable_latest_reference(reference)
            .map(|w| format!(", {w}"))
            .unwrap_or_default();
        Ok(vec![s.finding(
            format!("created from the mutable reference {reference}{latest}"),
            i.from
                .evidence(reference, "a reference pinned by digest (name@sha256:...)"),
        )])
    })
}

#[cfg(test)]
mod tests {
    use super::pinned;

    #[test]
    fn references() {
        let id = "sha256:c555af76c33ab49e59403972b0eb4bc8440b37ae8c40ea56ad0c86bb1d16a926";
        assert!(pinned("nginx@sha256:0123456789abcdef", id));
        assert!(pinned("nginx:1.25@sha256:0123456789abcdef", id));
        assert!(pinned(id, id));
        assert!(pinned("c555af76c33a", id));
        assert!(!pinned("nginx:1.25", id));
        assert!(!pinned("nginx", id));
        assert!(!pinned("deadbeefcafe", id));
        assert!(!pinned("reg:5000/app:2", id));
    }
}
