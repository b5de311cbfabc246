//! dockaudit: audits Docker hosts, images, Dockerfiles and compose files
//! against the container audit checklist and the CIS Docker Benchmark.
//! Flow: collect -> facts -> checks -> report.

pub mod adapt;
pub mod checks;
pub mod cli;
pub mod collect;
pub mod compose;
pub mod config;
pub mod dockerfile;
pub mod docs;
pub mod facts;
/// Image reading lives under the collectors; `crate::image` stays its path.
pub use collect::image;
pub mod k8s;
pub mod model;
pub mod parse;
pub mod report;
pub mod sbom;
pub mod secrets;
pub mod store;
pub mod subject;
pub mod vuln;
pub mod watch;
