//! Checks of files read from disk by `dockaudit secrets`. Pure functions of
//! the scanned-file facts; no I/O here.

use super::{Check, Need, Scope, Section};

pub mod secrets_in_files;

/// What the file checks share: checklist section 5, judged on the files
/// `dockaudit secrets` scanned.
pub const RULE: Check = Check {
    section: Section::Secrets,
    scope: Scope::Files,
    needs: &[Need::Files],
    ..super::BASE
};
