//! Checks of Dockerfiles (DF-*): each judges the parsed instructions of
//! every Dockerfile read. Pure functions of the facts; no I/O here.

use super::{Check, Need, Scope, Section};

pub mod add_instead_of_copy;
pub mod add_remote_url;
pub mod apt_instead_of_apt_get;
pub mod cd_in_run;
pub mod copy_dest_slash;
pub mod copy_from_unknown_stage;
pub mod curl_and_wget;
pub mod download_piped_to_shell;
pub mod duplicate_stage;
pub mod expose_range;
pub mod expose_ssh;
pub mod final_stage_root;
pub mod from_digest;
pub mod from_latest;
pub mod install_yes;
pub mod maintainer;
pub mod missing_healthcheck;
pub mod multiple_cmd;
pub mod multiple_healthcheck;
pub mod no_install_recommends;
pub mod package_cache;
pub mod package_pins;
pub mod parse_error;
pub mod pipefail;
pub mod run_insecure;
pub mod secret_env_arg;
pub mod secret_file_copied;
pub mod secret_in_run;
pub mod shell_form_cmd;
pub mod sudo;
pub mod suppression_reason;
pub mod update_alone;
pub mod useradd_high_uid;
pub mod workdir_relative;
pub mod world_writable_chmod;

/// What every Dockerfile check shares (most are base-image hygiene rules of
/// the checklist's Dockerfile item); a check writes what differs and ends with
/// `..super::RULE`.
pub const RULE: Check = Check {
    section: Section::BaseImages,
    scope: Scope::Dockerfile,
    item: "FROM pinned by digest, installed package versions pinned (Dockerfile)",
    needs: &[Need::Dockerfiles],
    ..super::BASE
};
