//! Checks of checklist section: secrets. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod df_secret_env_arg;
pub mod df_secret_file_copied;
pub mod df_secret_in_run;

pub static CHECKS: &[&Check] = &[
    &df_secret_env_arg::CHECK,
    &df_secret_in_run::CHECK,
    &df_secret_file_copied::CHECK,
];
