//! Go version ordering: module versions as golang.org/x/mod/semver parses
//! and compares them, and the toolchain's tag names for the `stdlib` and
//! `toolchain` packages as the Go vulnerability database maps them.
//!
//! Module versions: `v1.2.3[-pre][+build]`, the `v` optional (the Go
//! database's OSV writes `0.17.0`), `v1` and `v1.2` shorthands for
//! `v1.0.0` and `v1.2.0` (so OSV's `introduced: "0"` is `v0.0.0`), numbers
//! of any length, build metadata (`+incompatible`) ignored for order.
//! Pseudo-versions are pre-releases and order as such
//! (`v0.0.0-20230321023759-10a507213a29` < `v0.0.0`, `v1.2.4-0.2019...` >
//! `v1.2.3`).
//!
//! Toolchain names: `go1.21.3` is `1.21.3`, `go1.21` is `1.21.0`, `go1`
//! is `1.0.0`, `go1.21rc2` is `1.21.0-rc.2`, `go1.9beta2` is
//! `1.9.0-beta.2`.

use super::{cmp_digits, Scheme, VersionError};
use std::cmp::Ordering;

/// A parsed Go version. Numbers are kept as digit strings.
#[derive(Clone, Debug)]
pub struct Version {
    pub major: String,
    pub minor: String,
    pub patch: String,
    /// Without the leading `-`; empty for a release.
    pub prerelease: String,
    /// Without the leading `+`; ignored for order.
    pub build: String,
}

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: &str| VersionError::new(Scheme::Go, input, reason);
    if let Some(tag) = input.strip_prefix("go") {
        return parse_toolchain(tag)
            .ok_or_else(|| err("not a Go toolchain version (go1.N[.N][rcN|betaN])"));
    }
    let s = input.strip_prefix('v').unwrap_or(input);
    parse_semver(s).map_err(err)
}

/// golang.org/x/mod/semver's grammar, without the `v`.
fn parse_semver(s: &str) -> Result<Version, &'static str> {
    let (major, rest) = number(s).ok_or("major version is not a number")?;
    let mut v = Version {
        major: major.to_string(),
        minor: "0".into(),
        patch: "0".into(),
        prerelease: String::new(),
        build: String::new(),
    };
    let Some(rest) = rest.strip_prefix('.') else {
        return if rest.is_empty() {
            Ok(v)
        } else {
            Err("a shorthand version cannot have a suffix")
        };
    };
    let (minor, rest) = number(rest).ok_or("minor version is not a number")?;
    v.minor = minor.to_string();
    let Some(rest) = rest.strip_prefix('.') else {
        return if rest.is_empty() {
            Ok(v)
        } else {
            Err("a shorthand version cannot have a suffix")
        };
    };
    let (patch, mut rest) = number(rest).ok_or("patch version is not a number")?;
    v.patch = patch.to_string();
    if let Some(pre) = rest.strip_prefix('-') {
        let end = pre.find('+').unwrap_or(pre.len());
        v.prerelease = pre[..end].to_string();
        if !v.prerelease.split('.').all(|id| ident(id, true)) {
            return Err("bad pre-release identifier");
        }
        rest = &pre[end..];
    }
    if let Some(build) = rest.strip_prefix('+') {
        if !build.split('.').all(|id| ident(id, false)) {
            return Err("bad build identifier");
        }
        v.build = build.to_string();
        rest = "";
    }
    if !rest.is_empty() {
        return Err("unexpected text after the version");
    }
    Ok(v)
}

/// A leading number without a superfluous leading zero, and the rest.
fn number(s: &str) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    let digits = &s[..n];
    if n == 0 || (n > 1 && digits.starts_with('0')) {
        return None;
    }
    Some((digits, &s[n..]))
}

/// A non-empty identifier of `[0-9A-Za-z-]`; in a pre-release a numeric
/// one has no leading zero.
fn ident(id: &str, prerelease: bool) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !(prerelease && id.len() > 1 && id.starts_with('0') && is_num(id))
}

fn is_num(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_digit())
}

/// `1.21.3`, `1.21`, `1`, `1.21rc2`, `1.9beta2`, `1.9.2rc2` (after `go`).
fn parse_toolchain(tag: &str) -> Option<Version> {
    let (major, rest) = number(tag)?;
    let (minor, rest) = match rest.strip_prefix('.') {
        Some(r) => number(r)?,
        None => ("0", rest),
    };
    let (patch, rest) = match rest.strip_prefix('.') {
        Some(r) => number(r)?,
        None => ("0", rest),
    };
    let prerelease = if rest.is_empty() {
        String::new()
    } else {
        let (kind, n) = if let Some(n) = rest.strip_prefix("rc") {
            ("rc", n)
        } else {
            ("beta", rest.strip_prefix("beta")?)
        };
        let (n, tail) = number(n)?;
        if !tail.is_empty() {
            return None;
        }
        format!("{kind}.{n}")
    };
    Some(Version {
        major: major.to_string(),
        minor: minor.to_string(),
        patch: patch.to_string(),
        prerelease,
        build: String::new(),
    })
}

/// x/mod/semver's comparePrerelease: a release after its pre-releases;
/// identifiers left to right, numeric ones (by value) before alphanumeric
/// ones (in ASCII order); a shorter list of equal identifiers first.
fn cmp_prerelease(x: &str, y: &str) -> Ordering {
    if x == y {
        return Ordering::Equal;
    }
    if x.is_empty() {
        return Ordering::Greater;
    }
    if y.is_empty() {
        return Ordering::Less;
    }
    let mut xs = x.split('.');
    let mut ys = y.split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(dx), Some(dy)) => {
                if dx == dy {
                    continue;
                }
                return match (is_num(dx), is_num(dy)) {
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (true, true) => cmp_digits(dx.as_bytes(), dy.as_bytes()),
                    (false, false) => dx.cmp(dy),
                };
            }
        }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_digits(self.major.as_bytes(), other.major.as_bytes())
            .then_with(|| cmp_digits(self.minor.as_bytes(), other.minor.as_bytes()))
            .then_with(|| cmp_digits(self.patch.as_bytes(), other.patch.as_bytes()))
            .then_with(|| cmp_prerelease(&self.prerelease, &other.prerelease))
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
    fn x_mod_semver_order() {
        // The ascending list of golang.org/x/mod/semver's tests.
        assert_order(
            Scheme::Go,
            &[
                &["v0.0.0-20230321023759-10a507213a29"],
                &["v0.0.0", "v0", "v0.0", "0"],
                &["v0.1.0"],
                &["v1.0.0-alpha"],
                &["v1.0.0-alpha.1"],
                &["v1.0.0-alpha.beta"],
                &["v1.0.0-beta"],
                &["v1.0.0-beta.2"],
                &["v1.0.0-beta.11"],
                &["v1.0.0-rc.1"],
                &["v1", "v1.0", "v1.0.0", "v1.0.0+meta", "v1.0.0+incompatible"],
                &["v1.2", "v1.2.0"],
                &["v1.2.3-456"],
                &["v1.2.3-456.789"],
                &["v1.2.3-456-789"],
                &["v1.2.3-456a"],
                &["v1.2.3-pre", "v1.2.3-pre+meta"],
                &["v1.2.3-pre.1"],
                &["v1.2.3-zzz"],
                &[
                    "v1.2.3",
                    "v1.2.3+meta",
                    "v1.2.3+meta-pre",
                    "v1.2.3+meta-pre.sha.256a",
                ],
                &["v2.0.0+incompatible"],
            ],
        );
    }

    #[test]
    fn toolchain_names() {
        assert_order(
            Scheme::Go,
            &[
                &["go1.20.14"],
                &["go1.21beta1"],
                &["go1.21rc1"],
                &["go1.21rc2"],
                &["go1.21rc10"],
                &["go1.21", "go1.21.0", "1.21.0", "v1.21"],
                &["go1.21.1"],
                &["go1.21.10"],
                &["go1.22.0"],
            ],
        );
    }

    #[test]
    fn garbage_is_an_error() {
        for bad in [
            "",
            "v",
            "vv1.0.0",
            "V1.0.0",
            "1.2.3.4",
            "v01.2.3",
            "v1.02.3",
            "v1.2.03",
            "v1.2-pre",
            "v1-pre",
            "v1.2.3-",
            "v1.2.3-01",
            "v1.2.3-a..b",
            "v1.2.3+",
            "v1.2.3+a..b",
            "v1.2.3+é",
            "v1.2.3 ",
            "1.2.x",
            "go",
            "go1.",
            "go1.21rc",
            "go1.21rc01",
            "go1.21alpha1",
            "go1.21.3rc2x",
            "go1.21-rc.2",
            "go1.21.3.4",
            "golang1.21",
            "go01.2",
            "gov1.2.3",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn huge_numbers_order_by_value() {
        let big = "9".repeat(1000);
        let bigger = format!("1{}", "0".repeat(1000));
        assert_eq!(
            cmp_in(
                Scheme::Go,
                &format!("v{big}.0.0"),
                &format!("v{bigger}.0.0")
            ),
            Less
        );
        assert_eq!(
            cmp_in(
                Scheme::Go,
                &format!("v1.0.0-{big}"),
                &format!("v1.0.0-{bigger}")
            ),
            Less
        );
        assert_eq!(
            cmp_in(Scheme::Go, &format!("go1.{big}"), &format!("1.{big}.0")),
            Equal
        );
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Go,
            &[
                "0",
                "v0.0.0-20230321023759-10a507213a29",
                "v0.0.0-20221231000000-aaaaaaaaaaaa",
                "v1.2.3",
                "v1.2.4-0.20191109021931-daa7c04131f5",
                "v1.2.4",
                "v1.2.4-pre",
                "v1.2.4-pre.0.20191109021931-daa7c04131f5",
                "20.10.24+incompatible",
                "v20.10.27+incompatible",
                "go1.21rc2",
                "go1.21",
                "go1.21.3",
                "1.21.3",
                "go1.9beta2",
                "v1.0.0-1",
                "v1.0.0-a",
                "v1.0.0-a.1",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(Scheme::Go, include_str!("testdata/go.txt"));
    }
}
