//! Checks of checklist section: monitoring. One file per check; this list is
//! the section's part of the registry.

use super::Check;

pub mod central_log_driver;
pub mod df_missing_healthcheck;
pub mod df_multiple_healthcheck;
pub mod engine_logs;
pub mod host_logs;
pub mod image_healthcheck;
pub mod log_driver_none;
pub mod log_level;
pub mod log_not_central;
pub mod log_rotation;

pub static CHECKS: &[&Check] = &[
    &df_missing_healthcheck::CHECK,
    &df_multiple_healthcheck::CHECK,
    &image_healthcheck::CHECK,
    &host_logs::CHECK,
    &engine_logs::CHECK,
    &log_level::CHECK,
    &central_log_driver::CHECK,
    &log_driver_none::CHECK,
    &log_rotation::CHECK,
    &log_not_central::CHECK,
];
