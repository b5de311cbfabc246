//! Checks of checklist section 7, limit container resources. One file per
//! check; this list is the section's part of the registry.

use super::Check;

pub mod df_expose_range;
pub mod df_expose_ssh;
pub mod df_run_insecure;

pub mod privileged;

pub static CHECKS: &[&Check] = &[
    &privileged::CHECK,
    &df_expose_ssh::CHECK,
    &df_expose_range::CHECK,
    &df_run_insecure::CHECK,
];
