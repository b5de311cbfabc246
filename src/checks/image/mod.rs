//! Checks of images: their config, history and layer contents, from the
//! engine or a scanned archive, and the manual base-image items. Pure
//! functions of the image facts; no I/O here.

use super::{Check, Need, Scope, Section};

pub mod add_instead_of_copy;
pub mod age;
pub mod empty_password;
pub mod env_secrets;
pub mod healthcheck;
pub mod history_secrets;
pub mod informational_advisories;
pub mod known_vulnerabilities;
pub mod label_secrets;
pub mod layer_digests;
pub mod package_caches;
pub mod package_inventory;
pub mod registry_digest;
pub mod scan_and_rebuild;
pub mod secret_files;
pub mod setuid_files;
pub mod setuid_review;
pub mod signed_artifacts;
pub mod sprawl;
pub mod trusted_source;
pub mod uid0_accounts;
pub mod unnecessary_packages;
pub mod unsigned;
pub mod update_alone;
pub mod user_root;
pub mod verified_packages;
pub mod world_writable;

/// What most image checks share: automated, judged on each image's config,
/// checklist section 6; a check writes what differs and ends with
/// `..super::RULE`.
pub const RULE: Check = Check {
    section: Section::BaseImages,
    scope: Scope::Image,
    needs: &[Need::ImageConfig],
    ..super::BASE
};
