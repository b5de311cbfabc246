//! Checks of checklist section: secrets. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod image_env_secrets;
pub mod image_history_secrets;
pub mod image_label_secrets;
pub mod image_secret_files;

pub static CHECKS: &[&Check] = &[
    &image_env_secrets::CHECK,
    &image_label_secrets::CHECK,
    &image_history_secrets::CHECK,
    &image_secret_files::CHECK,
];
