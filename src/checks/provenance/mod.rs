//! Checks of checklist section: provenance. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod df_add_remote;
pub mod df_curl_pipe_shell;

pub static CHECKS: &[&Check] = &[&df_add_remote::CHECK, &df_curl_pipe_shell::CHECK];
