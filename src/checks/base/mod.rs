//! Checks of checklist section: base. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod history;

pub static CHECKS: &[&Check] = &[];
