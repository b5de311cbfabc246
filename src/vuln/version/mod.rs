//! Version ordering per ecosystem. Each scheme parses leniently where its
//! tools do and reports an error (never a guess) where a version cannot be
//! ordered: the matcher then skips the range with that reason.

use std::cmp::Ordering;

/// The ordering rules a version follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Debian and Ubuntu: epoch, upstream, revision, `~` before everything.
    Dpkg,
    /// Alpine: suffixes (_alpha.._p), `-rN` revisions.
    Apk,
    /// rpmvercmp with epoch and release.
    Rpm,
    /// PEP 440 (PyPI).
    Pep440,
    /// SemVer 2.0 (npm, crates.io, OSV SEMVER ranges).
    Semver,
    /// Go modules: SemVer with a `v` prefix, `+incompatible`,
    /// pseudo-versions, and the toolchain's `go1.x` names.
    Go,
    /// Maven ComparableVersion (qualifiers: alpha < beta < milestone < rc <
    /// snapshot < release < sp).
    Maven,
}

impl Scheme {
    /// The scheme of an OSV ecosystem name (the part before any `:`
    /// release), or None when dockaudit has no ordering for it.
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        todo!()
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Dpkg => "dpkg",
            Scheme::Apk => "apk",
            Scheme::Rpm => "rpm",
            Scheme::Pep440 => "PEP 440",
            Scheme::Semver => "SemVer",
            Scheme::Go => "Go",
            Scheme::Maven => "Maven",
        }
    }
}

/// A version that cannot be ordered in its scheme.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{scheme} version {version:?} cannot be ordered: {reason}")]
pub struct VersionError {
    pub scheme: &'static str,
    pub version: String,
    pub reason: String,
}

/// Order two versions of one scheme.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Result<Ordering, VersionError> {
    todo!()
}
