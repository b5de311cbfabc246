//! Checks of checklist section: non-root. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod authz_plugin;
pub mod container_user_root;
pub mod daemon_root;
pub mod docker_group;
pub mod docker_socket_perms;
pub mod image_user_root;
pub mod tcp_without_tls;
pub mod userns_remap;

pub static CHECKS: &[&Check] = &[
    &daemon_root::CHECK,
    &userns_remap::CHECK,
    &docker_socket_perms::CHECK,
    &tcp_without_tls::CHECK,
    &authz_plugin::CHECK,
    &docker_group::CHECK,
    &container_user_root::CHECK,
    &image_user_root::CHECK,
];
