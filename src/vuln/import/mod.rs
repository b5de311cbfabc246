//! Readers of the published advisory formats, each bounded in bytes, each
//! turning its records into [`Advisory`] values for the store: OSV (JSON or
//! YAML; files, folders, the per-ecosystem zip archives), Alpine secdb (per
//! release), the Debian security tracker's JSON export.

pub use super::advisory::Advisory;
