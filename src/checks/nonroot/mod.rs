//! Checks of checklist section: nonroot. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod df_final_stage_root;
pub mod df_sudo;
pub mod df_useradd_high_uid;
pub mod df_world_writable;

pub static CHECKS: &[&Check] = &[
    &df_final_stage_root::CHECK,
    &df_sudo::CHECK,
    &df_world_writable::CHECK,
    &df_useradd_high_uid::CHECK,
];
