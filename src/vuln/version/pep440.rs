//! PEP 440 version ordering (PyPI), by the `pep440_rs` crate: epochs
//! (`1!`), release segments padded with zeros (`4.2 == 4.2.0`), pre, post
//! and dev releases in every spelling PEP 440 normalises (`1.0-RC1 ==
//! 1.0rc1`, `v1.0`), local versions after their public one. Legacy
//! versions PEP 440 does not define (`2004d`, `1.0-foo`) are errors. Also
//! PyPI's project-name normalisation (PEP 503).

use super::{Scheme, VersionError};
use std::str::FromStr;

/// A PEP 440 version; `Ord` and `Eq` are PEP 440's (`1.0 == 1.0.0`).
pub use pep440_rs::Version;

pub fn parse(input: &str) -> Result<Version, VersionError> {
    Version::from_str(input).map_err(|e| VersionError::new(Scheme::Pep440, input, e.to_string()))
}

/// A PyPI project name as PEP 503 normalises it: lowercase, each run of
/// `-`, `_` and `.` one `-` (`Foo__Bar.baz` -> `foo-bar-baz`).
pub fn normalize_pypi_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.extend(c.to_lowercase());
            in_run = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::version::testutil::{assert_order, assert_total_order};
    use crate::vuln::version::Scheme;

    #[test]
    fn the_brief_cases() {
        assert_order(
            Scheme::Pep440,
            &[
                &["1.0.dev1"],
                &["1.0a1", "1.0alpha1", "1.0-a1", "1.0.a.1", "1.0A1"],
                &["1.0b1", "1.0beta1", "1.0-b_1"],
                &["1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC1"],
                &["1.0", "1.0.0", "v1.0", "1.0.0.0", " 1.0 ", "0!1.0"],
                &["1.0+local", "1.0+LOCAL"],
                &["1.0.post1", "1.0-1", "1.0-post1", "1.0.rev1", "1.0r1"],
                &["1.0.1"],
                &["2.0"],
                &["1!0.1"],
            ],
        );
    }

    #[test]
    fn pep_440_suite_order() {
        // The summary ordering from PEP 440's own examples.
        assert_order(
            Scheme::Pep440,
            &[
                &["1.0.dev456"],
                &["1.0a1"],
                &["1.0a2.dev456"],
                &["1.0a12.dev456"],
                &["1.0a12"],
                &["1.0b1.dev456"],
                &["1.0b2"],
                &["1.0b2.post345.dev456"],
                &["1.0b2.post345"],
                &["1.0rc1.dev456"],
                &["1.0rc1"],
                &["1.0"],
                &["1.0+abc.5"],
                &["1.0+abc.7"],
                &["1.0+5"],
                &["1.0.post456.dev34"],
                &["1.0.post456"],
                &["1.0.15"],
                &["1.1.dev1"],
            ],
        );
    }

    #[test]
    fn legacy_and_garbage_are_errors() {
        for bad in [
            "",
            "   ",
            "2004d",
            "1.0-foo",
            "1.0.0.x",
            "1..0",
            "1.0+",
            "1.0+local+more",
            "abc",
            "1.*",
            "1.0\0",
            "١.٠",
            "99999999999999999999999999.0",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn pypi_names() {
        assert_eq!(normalize_pypi_name("Django"), "django");
        assert_eq!(normalize_pypi_name("zope.interface"), "zope-interface");
        assert_eq!(normalize_pypi_name("Foo__Bar.-baz"), "foo-bar-baz");
        assert_eq!(
            normalize_pypi_name("typing_extensions"),
            "typing-extensions"
        );
        assert_eq!(normalize_pypi_name("A-_-B"), "a-b");
        assert_eq!(normalize_pypi_name("-x-"), "-x-");
        assert_eq!(normalize_pypi_name(""), "");
        // Re-exported at the module root for callers.
        assert_eq!(
            crate::vuln::version::normalize_pypi_name("PyYAML"),
            "pyyaml"
        );
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Pep440,
            &[
                "1.0",
                "1.0.0",
                "1.0.dev1",
                "1.0a1",
                "1.0a1.dev1",
                "1.0a1.post1",
                "1.0b1",
                "1.0rc1",
                "1.0.post1",
                "1.0.post1.dev1",
                "1.0+local",
                "1.0+local.1",
                "1.0+1",
                "1!0.1",
                "0.9",
                "2.0.0.0.1",
                "2.0",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Pep440,
            include_str!("testdata/pep440.txt"),
        );
    }
}
