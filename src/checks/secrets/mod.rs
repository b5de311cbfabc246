//! Checks of checklist section 5, secrets. One file per check; this list is
//! the section's part of the registry.

use super::Check;

pub mod daemon_config_secrets;

pub static CHECKS: &[&Check] = &[&daemon_config_secrets::CHECK];
