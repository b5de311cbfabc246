//! Checks of checklist section: base. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod container_sprawl;
pub mod df_add_local;
pub mod df_apt;
pub mod df_cd_in_run;
pub mod df_copy_dest_slash;
pub mod df_copy_from_unknown;
pub mod df_curl_and_wget;
pub mod df_duplicate_stage;
pub mod df_from_digest;
pub mod df_from_latest;
pub mod df_install_yes;
pub mod df_maintainer;
pub mod df_multiple_cmd;
pub mod df_no_install_recommends;
pub mod df_package_cache;
pub mod df_package_pins;
pub mod df_parse_error;
pub mod df_pipefail;
pub mod df_shell_form_cmd;
pub mod df_suppression_reason;
pub mod df_update_alone;
pub mod df_workdir_relative;
pub mod image_add_instead_of_copy;
pub mod image_age;
pub mod image_package_caches;
pub mod image_sbom;
pub mod image_sprawl;
pub mod image_update_alone;
pub mod image_world_writable;
pub mod outdated_container_image;
pub mod packages_manual;
pub mod rebuild_manual;
pub mod setuid_manual;
pub mod signed_artifacts_manual;
pub mod trusted_base_manual;
pub mod verified_packages_manual;

pub static CHECKS: &[&Check] = &[
    &outdated_container_image::CHECK,
    &setuid_manual::CHECK,
    &trusted_base_manual::CHECK,
    &packages_manual::CHECK,
    &rebuild_manual::CHECK,
    &verified_packages_manual::CHECK,
    &signed_artifacts_manual::CHECK,
    &image_sprawl::CHECK,
    &container_sprawl::CHECK,
    &df_parse_error::CHECK,
    &df_suppression_reason::CHECK,
    &df_from_digest::CHECK,
    &df_from_latest::CHECK,
    &df_package_pins::CHECK,
    &df_add_local::CHECK,
    &df_update_alone::CHECK,
    &df_package_cache::CHECK,
    &df_workdir_relative::CHECK,
    &df_cd_in_run::CHECK,
    &df_multiple_cmd::CHECK,
    &df_maintainer::CHECK,
    &df_shell_form_cmd::CHECK,
    &df_apt::CHECK,
    &df_no_install_recommends::CHECK,
    &df_copy_from_unknown::CHECK,
    &df_duplicate_stage::CHECK,
    &df_pipefail::CHECK,
    &df_install_yes::CHECK,
    &df_curl_and_wget::CHECK,
    &df_copy_dest_slash::CHECK,
    &image_add_instead_of_copy::CHECK,
    &image_update_alone::CHECK,
    &image_age::CHECK,
    &image_world_writable::CHECK,
    &image_package_caches::CHECK,
    &image_sbom::CHECK,
];
