//! Checks of checklist section: provenance. One file per check; this list is
//! the section's part of the registry.

use super::Check;

pub mod compose_digest_pinning;
pub mod digest_pinning;
pub mod local_images;

pub static CHECKS: &[&Check] = &[
    &digest_pinning::CHECK,
    &local_images::CHECK,
    &compose_digest_pinning::CHECK,
];
