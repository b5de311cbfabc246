//! Checks of checklist section: non-root. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod authz_plugin;
pub mod container_user_root;
pub mod daemon_root;
pub mod df_final_stage_root;
pub mod df_sudo;
pub mod df_useradd_high_uid;
pub mod df_world_writable;
pub mod docker_group;
pub mod docker_socket_perms;
pub mod image_empty_password;
pub mod image_setuid;
pub mod image_uid0_accounts;
pub mod image_user_root;
pub mod tcp_without_tls;
pub mod userns_remap;

pub static CHECKS: &[&Check] = &[
    &df_final_stage_root::CHECK,
    &df_sudo::CHECK,
    &df_world_writable::CHECK,
    &df_useradd_high_uid::CHECK,
    &image_user_root::CHECK,
    &image_setuid::CHECK,
    &image_uid0_accounts::CHECK,
    &image_empty_password::CHECK,
    &daemon_root::CHECK,
    &userns_remap::CHECK,
    &docker_socket_perms::CHECK,
    &tcp_without_tls::CHECK,
    &authz_plugin::CHECK,
    &docker_group::CHECK,
    &container_user_root::CHECK,
];
