//! Checks of checklist section 7, limit container resources. One file per
//! check; this list is the section's part of the registry.

use super::Check;

pub mod privileged;

pub static CHECKS: &[&Check] = &[&privileged::CHECK];
