//! Checks of checklist section 2, image provenance. One file per check;
//! this list is the section's part of the registry.

use super::Check;

pub mod content_trust;
pub mod key_management;
pub mod trust_root_keys;

pub static CHECKS: &[&Check] = &[
    &content_trust::CHECK,
    &trust_root_keys::CHECK,
    &key_management::CHECK,
];
