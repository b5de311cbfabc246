//! Checks of checklist section: monitoring. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod image_healthcheck;

pub static CHECKS: &[&Check] = &[&image_healthcheck::CHECK];
