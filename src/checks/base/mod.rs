//! Checks of checklist section: base. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod image_add_remote;
pub mod image_age;
pub mod image_package_caches;
pub mod image_sbom;
pub mod image_update_alone;
pub mod image_world_writable;

pub static CHECKS: &[&Check] = &[
    &image_add_remote::CHECK,
    &image_update_alone::CHECK,
    &image_age::CHECK,
    &image_world_writable::CHECK,
    &image_package_caches::CHECK,
    &image_sbom::CHECK,
];
