//! Checks of checklist section: provenance. One file per check; this list is
//! the section's part of the registry.

use super::Check;

pub mod content_trust;
pub mod df_add_remote;
pub mod df_curl_pipe_shell;
pub mod digest_pinning;
pub mod key_management;
pub mod local_images;
pub mod trust_root_keys;

pub static CHECKS: &[&Check] = &[
    &df_add_remote::CHECK,
    &df_curl_pipe_shell::CHECK,
    &content_trust::CHECK,
    &trust_root_keys::CHECK,
    &key_management::CHECK,
    &digest_pinning::CHECK,
    &local_images::CHECK,
];
