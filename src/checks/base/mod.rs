//! Checks of checklist section: base. One file per check; this list is the
//! section's part of the registry. `history` reads image history back into
//! instructions for the checks here and in the secrets section.

use super::Check;

pub mod add_instead_of_copy;
pub mod container_sprawl;
pub mod healthcheck;
pub mod history;
pub mod image_add_remote;
pub mod image_age;
pub mod image_package_caches;
pub mod image_sbom;
pub mod image_sprawl;
pub mod image_update_alone;
pub mod image_world_writable;
pub mod outdated_container_image;
pub mod packages_manual;
pub mod rebuild_manual;
pub mod scanned_image_age;
pub mod setuid_manual;
pub mod signed_artifacts_manual;
pub mod trusted_base_manual;
pub mod update_alone;
pub mod verified_packages_manual;

pub static CHECKS: &[&Check] = &[
    &image_age::CHECK,
    &outdated_container_image::CHECK,
    &healthcheck::CHECK,
    &update_alone::CHECK,
    &add_instead_of_copy::CHECK,
    &setuid_manual::CHECK,
    &trusted_base_manual::CHECK,
    &packages_manual::CHECK,
    &rebuild_manual::CHECK,
    &verified_packages_manual::CHECK,
    &signed_artifacts_manual::CHECK,
    &image_sprawl::CHECK,
    &container_sprawl::CHECK,
    &image_add_remote::CHECK,
    &image_update_alone::CHECK,
    &scanned_image_age::CHECK,
    &image_world_writable::CHECK,
    &image_package_caches::CHECK,
    &image_sbom::CHECK,
];
