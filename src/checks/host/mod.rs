//! Checks of checklist section: host. One file per check; this list is the
//! section's part of the registry.

use super::Check;

pub mod swarm;

pub mod overlay_encryption;
pub mod sensitivity;
pub mod swarm_autolock;
pub mod swarm_ca_rotation;
pub mod swarm_managers;
pub mod swarm_mode;
pub mod swarm_node_certs;
pub mod swarm_plane_separation;
pub mod swarm_published_ports;
pub mod swarm_unlock_key;

pub static CHECKS: &[&Check] = &[
    &sensitivity::CHECK,
    &swarm_mode::CHECK,
    &swarm_managers::CHECK,
    &swarm_published_ports::CHECK,
    &overlay_encryption::CHECK,
    &swarm_autolock::CHECK,
    &swarm_unlock_key::CHECK,
    &swarm_node_certs::CHECK,
    &swarm_ca_rotation::CHECK,
    &swarm_plane_separation::CHECK,
];
