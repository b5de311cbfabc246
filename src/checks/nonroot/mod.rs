//! Checks of checklist section: non-root. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod compose_user_root;
pub mod container_user_root;
pub mod image_user_root;

pub static CHECKS: &[&Check] = &[
    &container_user_root::CHECK,
    &image_user_root::CHECK,
    &compose_user_root::CHECK,
];
