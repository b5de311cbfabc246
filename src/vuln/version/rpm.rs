//! rpm version ordering (Red Hat and its rebuilds, SUSE, Mageia,
//! openEuler, ...): `[epoch:]version[-release]`, split as rpm's parseEVR
//! does and compared as its rpmverCmp does: the epoch (missing = 0), then
//! the version, then the release, each part by rpmvercmp.
//!
//! rpmvercmp: alphanumeric segments, separators ignored; a numeric segment
//! is newer than an alphabetic one; `~` sorts before everything (the end
//! included), `^` after the end but before anything else. A version with
//! no release sorts before the same version with one, as rpmverCmp has it.
//! Empty parts, whitespace, control and non-ASCII characters are errors
//! (rpm would treat the latter as separators, calling `1.α` equal to
//! `1.β`), and so is a colon anywhere but after a numeric epoch.

use super::{cmp_digits, Scheme, VersionError};
use std::cmp::Ordering;

/// A parsed rpm EVR.
#[derive(Clone, Debug)]
pub struct Version {
    /// Digits; "0" when absent or empty (`:1.0`).
    pub epoch: String,
    pub version: String,
    pub release: Option<String>,
}

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: &str| VersionError::new(Scheme::Rpm, input, reason);
    if input.is_empty() {
        return Err(err("empty version"));
    }
    if let Some(c) = input.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(err(&format!("invalid character {c:?}")));
    }
    let digits = input.bytes().take_while(u8::is_ascii_digit).count();
    let (epoch, rest) = if input.as_bytes().get(digits) == Some(&b':') {
        let e = &input[..digits];
        (if e.is_empty() { "0" } else { e }, &input[digits + 1..])
    } else {
        ("0", input)
    };
    if rest.contains(':') {
        return Err(err("a colon may only follow a numeric epoch"));
    }
    let (version, release) = match rest.rsplit_once('-') {
        Some((v, r)) => (v, Some(r)),
        None => (rest, None),
    };
    if version.is_empty() {
        return Err(err("empty version part"));
    }
    if release == Some("") {
        return Err(err("empty release after '-'"));
    }
    Ok(Version {
        epoch: epoch.to_string(),
        version: version.to_string(),
        release: release.map(str::to_string),
    })
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_digits(self.epoch.as_bytes(), other.epoch.as_bytes())
            .then_with(|| rpmvercmp(&self.version, &other.version))
            .then_with(|| match (&self.release, &other.release) {
                (Some(a), Some(b)) => rpmvercmp(a, b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            })
    }
}

super::order_from_ord!(Version);

/// rpm's segment comparison of one version or release string.
pub fn rpmvercmp(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    let sep = |c: u8| !c.is_ascii_alphanumeric() && c != b'~' && c != b'^';
    while i < a.len() || j < b.len() {
        while i < a.len() && sep(a[i]) {
            i += 1;
        }
        while j < b.len() && sep(b[j]) {
            j += 1;
        }
        let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
        // Tilde sorts before everything else, the end included.
        if ca == Some(b'~') || cb == Some(b'~') {
            if ca != Some(b'~') {
                return Ordering::Greater;
            }
            if cb != Some(b'~') {
                return Ordering::Less;
            }
            i += 1;
            j += 1;
            continue;
        }
        // Caret sorts like tilde, except against the end, where it is newer.
        if ca == Some(b'^') || cb == Some(b'^') {
            if ca.is_none() {
                return Ordering::Less;
            }
            if cb.is_none() {
                return Ordering::Greater;
            }
            if ca != Some(b'^') {
                return Ordering::Greater;
            }
            if cb != Some(b'^') {
                return Ordering::Less;
            }
            i += 1;
            j += 1;
            continue;
        }
        let (Some(ca), Some(_)) = (ca, cb) else {
            break;
        };
        let numeric = ca.is_ascii_digit();
        let class = |c: &u8| {
            if numeric {
                c.is_ascii_digit()
            } else {
                c.is_ascii_alphabetic()
            }
        };
        let (start_a, start_b) = (i, j);
        while a.get(i).is_some_and(class) {
            i += 1;
        }
        while b.get(j).is_some_and(class) {
            j += 1;
        }
        // Segments of different types: the numeric one is newer.
        if j == start_b {
            return if numeric {
                Ordering::Greater
            } else {
                Ordering::Less
            };
        }
        let (sa, sb) = (&a[start_a..i], &b[start_b..j]);
        let ord = if numeric {
            cmp_digits(sa, sb)
        } else {
            sa.cmp(sb)
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    // Whichever still has characters left wins; both ended: equal.
    match (i < a.len(), j < b.len()) {
        (false, false) => Ordering::Equal,
        (false, true) => Ordering::Less,
        _ => Ordering::Greater,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::version::testutil::{assert_order, assert_total_order, cmp_in};
    use crate::vuln::version::Scheme;
    use Ordering::*;

    /// rpm's own rpmvercmp test table (tests/rpmvercmp.at), both ways.
    #[test]
    fn rpm_test_suite() {
        let cases: &[(&str, &str, i8)] = &[
            ("1.0", "1.0", 0),
            ("1.0", "2.0", -1),
            ("2.0.1", "2.0.1", 0),
            ("2.0", "2.0.1", -1),
            ("2.0.1a", "2.0.1a", 0),
            ("2.0.1a", "2.0.1", 1),
            ("5.5p1", "5.5p1", 0),
            ("5.5p1", "5.5p2", -1),
            ("5.5p10", "5.5p10", 0),
            ("5.5p1", "5.5p10", -1),
            ("10xyz", "10.1xyz", -1),
            ("xyz10", "xyz10", 0),
            ("xyz10", "xyz10.1", -1),
            ("xyz.4", "xyz.4", 0),
            ("xyz.4", "8", -1),
            ("xyz.4", "2", -1),
            ("5.5p2", "5.6p1", -1),
            ("5.6p1", "6.5p1", -1),
            ("6.0.rc1", "6.0", 1),
            ("10b2", "10a1", 1),
            ("10a2", "10b2", -1),
            ("1.0aa", "1.0aa", 0),
            ("1.0a", "1.0aa", -1),
            ("10.0001", "10.0001", 0),
            ("10.0001", "10.1", 0),
            ("10.0001", "10.0039", -1),
            ("4.999.9", "5.0", -1),
            ("20101121", "20101121", 0),
            ("20101121", "20101122", -1),
            ("2_0", "2_0", 0),
            ("2.0", "2_0", 0),
            ("a", "a", 0),
            ("a+", "a+", 0),
            ("a+", "a_", 0),
            ("+a", "+a", 0),
            ("+a", "_a", 0),
            ("+_", "+_", 0),
            ("_+", "+_", 0),
            ("+", "_", 0),
            ("1.0~rc1", "1.0~rc1", 0),
            ("1.0~rc1", "1.0", -1),
            ("1.0~rc1", "1.0~rc2", -1),
            ("1.0~rc1~git123", "1.0~rc1~git123", 0),
            ("1.0~rc1~git123", "1.0~rc1", -1),
            ("1.0^", "1.0^", 0),
            ("1.0^", "1.0", 1),
            ("1.0^git1", "1.0^git1", 0),
            ("1.0^git1", "1.0", 1),
            ("1.0^git1", "1.0^git2", -1),
            ("1.0^git1", "1.01", -1),
            ("1.0^20160101", "1.0^20160101", 0),
            ("1.0^20160101", "1.0.1", -1),
            ("1.0^20160101^git1", "1.0^20160101^git1", 0),
            ("1.0^20160102", "1.0^20160101^git1", 1),
            ("1.0~rc1^git1", "1.0~rc1^git1", 0),
            ("1.0~rc1^git1", "1.0~rc1", 1),
            ("1.0^git1~pre", "1.0^git1~pre", 0),
            ("1.0^git1", "1.0^git1~pre", 1),
            ("1b.fc17", "1b.fc17", 0),
            ("1b.fc17", "1.fc17", -1),
            ("1g.fc17", "1g.fc17", 0),
            ("1g.fc17", "1.fc17", 1),
        ];
        for &(a, b, want) in cases {
            let want = want.cmp(&0);
            assert_eq!(rpmvercmp(a, b), want, "rpmvercmp {a} {b}");
            assert_eq!(rpmvercmp(b, a), want.reverse(), "rpmvercmp {b} {a}");
            assert_eq!(cmp_in(Scheme::Rpm, a, b), want, "{a} {b}");
            assert_eq!(cmp_in(Scheme::Rpm, b, a), want.reverse(), "{b} {a}");
        }
    }

    #[test]
    fn epoch_version_release() {
        let e = "9".repeat(1000);
        assert_eq!(
            cmp_in(Scheme::Rpm, &format!("{e}:1"), &format!("1{e}:0")),
            Less
        );
        // The release splits at the last hyphen.
        let v = parse("3:1.0-rc-2.fc40").unwrap();
        assert_eq!(
            (v.epoch.as_str(), v.version.as_str(), v.release.as_deref()),
            ("3", "1.0-rc", Some("2.fc40"))
        );
        // No release sorts before any release of the same version.
    }

    #[test]
    fn invalid_versions_are_errors() {
        for bad in [
            "", "-1", "1:", "1:-1", "1.0-", "a:1.0", "1:2:3", "1.0 1", " 1.0", "1.0\t", "1.1.α",
            "1\0",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn a_realistic_ladder() {
        assert_order(
            Scheme::Rpm,
            &[
                &["1.0~rc1-1"],
                &["1.0", "0:1.0"],
                &["1.0-1.el9", "0:1.0-1.el9", "1.0-01.el9"],
                &["1.0-1.el9_1"],
                &["1.0-2.el9"],
                &["1.0^git1-1"],
                &["1.0a-1"],
                &["1.0.1-1"],
                &["1.1-1"],
                &["1:0.1-1"],
            ],
        );
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Rpm,
            &[
                "1.0",
                "1.0-1",
                "1.0-1.el9",
                "1.0-1.el9_2",
                "1.0~rc1",
                "1.0~rc1^git1",
                "1.0^git1",
                "1.0^",
                "1.0a",
                "1.0.a",
                "1.0.1",
                "1.01",
                "1_0",
                "1:0.9",
                "2:0.1-1",
                "xyz.4",
                "10.0001",
                "10.1",
                "5.5p10",
                "5.5p2",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Rpm,
            include_str!("testdata/rpm.txt"),
        );
    }
}
