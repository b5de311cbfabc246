//! Checks of checklist section: monitoring. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub static CHECKS: &[&Check] = &[];
