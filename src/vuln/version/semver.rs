//! SemVer 2.0 ordering (npm, crates.io, OSV `SEMVER` ranges), parsed by the
//! `semver` crate: pre-releases before their release, identifiers compared
//! numerically or in ASCII order, build metadata ignored (`1.0.0+abc ==
//! 1.0.0`, which the crate's own `Ord` would not say).
//!
//! Lenient the way OSV data needs: a leading `v`, and a missing minor or
//! patch (`1.2` is `1.2.0`, OSV's ubiquitous `introduced: "0"` is `0.0.0`).
//! Anything else the crate rejects is an error, including a component too
//! big for u64 and leading zeros.

use super::{Scheme, VersionError};
use std::cmp::Ordering;

/// A SemVer version ordered by precedence (build metadata ignored).
#[derive(Clone, Debug)]
pub struct Version(pub ::semver::Version);

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: String| VersionError::new(Scheme::Semver, input, reason);
    let s = input.trim();
    let s = s.strip_prefix('v').unwrap_or(s);
    let core_end = s.find(['-', '+']).unwrap_or(s.len());
    let (core, tail) = s.split_at(core_end);
    let parts = core.split('.').count();
    let numeric = core
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let padded;
    let s = if numeric && parts < 3 {
        padded = format!("{core}{}{tail}", ".0".repeat(3 - parts));
        padded.as_str()
    } else {
        s
    };
    ::semver::Version::parse(s)
        .map(Version)
        .map_err(|e| err(e.to_string()))
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (&self.0, &other.0);
        a.major
            .cmp(&b.major)
            .then(a.minor.cmp(&b.minor))
            .then(a.patch.cmp(&b.patch))
            .then_with(|| a.pre.cmp(&b.pre))
    }
}

super::order_from_ord!(Version);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::version::testutil::{assert_order, assert_total_order, cmp_in};
    use crate::vuln::version::Scheme;
    use Ordering::*;

    #[test]
    fn semver_spec_precedence() {
        // The example chain of SemVer 2.0 section 11.
        assert_order(
            Scheme::Semver,
            &[
                &["1.0.0-alpha"],
                &["1.0.0-alpha.1"],
                &["1.0.0-alpha.beta"],
                &["1.0.0-beta"],
                &["1.0.0-beta.2"],
                &["1.0.0-beta.11"],
                &["1.0.0-rc.1"],
                &["1.0.0", "1.0.0+abc", "1.0.0+001", "v1.0.0", "1.0", "1"],
                &["1.0.1"],
                &["1.1.0"],
                &["2.0.0"],
                &["2.1.0"],
                &["2.1.1"],
            ],
        );
    }

    #[test]
    fn osv_leniency() {
        assert_eq!(cmp_in(Scheme::Semver, " 2.3.4\n", "2.3.4"), Equal);
    }

    #[test]
    fn numeric_identifiers_compare_by_value() {
        let big = format!("1.0.0-{}", "9".repeat(1000));
        let bigger = format!("1.0.0-1{}", "0".repeat(1000));
        assert_eq!(cmp_in(Scheme::Semver, &big, &bigger), Less);
    }

    #[test]
    fn garbage_is_an_error() {
        for bad in [
            "",
            "v",
            "garbage",
            "1.2.3.4",
            "01.2.3",
            "1.02.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "1..3",
            ".1",
            "1.",
            "1.2.3 4",
            "=1.2.3",
            "^1.2.3",
            "1.2.x",
            "99999999999999999999999.0.0",
            "1.0.0-é",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Semver,
            &[
                "0",
                "0.0.0",
                "0.0.1",
                "0.1",
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta.11",
                "1.0.0-beta.2",
                "1.0.0-rc.1",
                "1.0.0-rc.1+b",
                "1.0.0",
                "1.0.0+x",
                "v1.0.1",
                "1.10.0",
                "1.9.0",
                "2",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Semver,
            include_str!("testdata/semver.txt"),
        );
    }
}
