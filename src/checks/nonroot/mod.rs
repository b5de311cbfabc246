//! Checks of checklist section: nonroot. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod image_empty_password;
pub mod image_setuid;
pub mod image_uid0_accounts;
pub mod image_user_root;

pub static CHECKS: &[&Check] = &[
    &image_user_root::CHECK,
    &image_setuid::CHECK,
    &image_uid0_accounts::CHECK,
    &image_empty_password::CHECK,
];
