//! Checks of checklist section: host. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod swarm;

pub static CHECKS: &[&Check] = &[];
