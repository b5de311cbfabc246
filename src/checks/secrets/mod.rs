//! Checks of checklist section: secrets. One file per check; this list is the
//! section's part of the registry.

use super::Check;
use crate::secrets::SecretHit;

pub mod compose_env_secret;
pub mod container_env;
pub mod credential_mount;
pub mod image_config;
pub mod image_history;
pub mod mechanism;
pub mod rotation;
pub mod swarm_secrets;

pub static CHECKS: &[&Check] = &[
    &container_env::CHECK,
    &image_config::CHECK,
    &image_history::CHECK,
    &credential_mount::CHECK,
    &mechanism::CHECK,
    &rotation::CHECK,
    &swarm_secrets::CHECK,
    &compose_env_secret::CHECK,
];

/// What a hit is, for a finding's sentence: the token kind, or "a
/// secret-looking value" for a secret name with a value.
pub(crate) fn what(hit: &SecretHit) -> String {
    if hit.rule == "secret-name" {
        "a secret-looking value".to_string()
    } else {
        format!("a {}", hit.description)
    }
}
