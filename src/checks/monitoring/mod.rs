//! Checks of checklist section: monitoring. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod df_missing_healthcheck;
pub mod df_multiple_healthcheck;

pub static CHECKS: &[&Check] = &[
    &df_missing_healthcheck::CHECK,
    &df_multiple_healthcheck::CHECK,
];
