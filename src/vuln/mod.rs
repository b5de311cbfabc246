//! Offline vulnerability matching: advisories imported from their published
//! formats (OSV, Alpine secdb, the Debian security tracker) into an embedded
//! store, per-ecosystem version comparison, and the matcher that explains each
//! verdict by the range that decided it. Never touches the network.

pub mod advisory;
pub mod import;
pub mod inventory;
pub mod matcher;
pub mod policy;
pub mod scan;
pub mod severity;
pub mod store;
pub mod version;

pub use advisory::{Advisory, Affected, Event, Range, RangeKind};
