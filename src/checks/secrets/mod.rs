//! Checks of checklist section: secrets. One file per check; this list is the
//! section's part of the registry.

use super::Check;
use crate::secrets::SecretHit;

pub mod container_env;
pub mod credential_mount;
pub mod daemon_config_secrets;
pub mod df_secret_env_arg;
pub mod df_secret_file_copied;
pub mod df_secret_in_run;
pub mod image_env_secrets;
pub mod image_history_secrets;
pub mod image_label_secrets;
pub mod image_secret_files;
pub mod mechanism;
pub mod rotation;
pub mod swarm_secrets;

pub static CHECKS: &[&Check] = &[
    &df_secret_env_arg::CHECK,
    &df_secret_in_run::CHECK,
    &df_secret_file_copied::CHECK,
    &image_env_secrets::CHECK,
    &image_label_secrets::CHECK,
    &image_history_secrets::CHECK,
    &image_secret_files::CHECK,
    &daemon_config_secrets::CHECK,
    &container_env::CHECK,
    &credential_mount::CHECK,
    &mechanism::CHECK,
    &rotation::CHECK,
    &swarm_secrets::CHECK,
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
