//! Checks of swarm mode: the node's swarm state, managers, certificates,
//! auto-lock, published ports, overlay encryption and swarm secrets. Pure
//! functions of the swarm facts; no I/O here.

use super::{Check, Need};

pub mod autolock;
pub mod ca_rotation;
pub mod managers;
pub mod mode;
pub mod node_cert_rotation;
pub mod overlay_encryption;
pub mod plane_separation;
pub mod published_ports;
pub mod secret_management;
pub mod unlock_key_rotation;

/// What most swarm checks share: host-scope checks of the swarm facts,
/// checklist section 1; a check writes what differs and ends with
/// `..super::RULE`.
pub const RULE: Check = Check {
    needs: &[Need::Swarm],
    ..super::host::RULE
};
