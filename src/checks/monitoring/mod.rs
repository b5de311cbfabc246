//! Checks of checklist section: monitoring. One file per check; this list is
//! the section's part of the registry.

use super::Check;

pub mod compose_log_driver_none;
pub mod log_driver_none;
pub mod log_not_central;
pub mod log_rotation;

pub static CHECKS: &[&Check] = &[
    &log_driver_none::CHECK,
    &log_rotation::CHECK,
    &log_not_central::CHECK,
    &compose_log_driver_none::CHECK,
];
