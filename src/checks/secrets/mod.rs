//! Checks of checklist section: secrets. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub static CHECKS: &[&Check] = &[];
