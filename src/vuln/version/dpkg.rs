//! dpkg version ordering (Debian, Ubuntu): `[epoch:]upstream[-revision]`,
//! parsed as dpkg's parseversion does and compared as its verrevcmp does.
//!
//! What dpkg refuses (empty version, embedded spaces, a bad or too big
//! epoch, an empty upstream or revision) is an error here. What dpkg only
//! warns about and still orders (an upstream not starting with a digit) is
//! accepted. Characters dpkg's policy forbids (anything but alphanumerics
//! and `.+~-:` in the upstream, `.+~` in the revision) are errors: dpkg's
//! order of such bytes depends on the platform's `char` signedness.

use super::{cmp_digits, Scheme, VersionError};
use std::cmp::Ordering;

/// A parsed dpkg version. Equality is dpkg's: `1.0` == `1.00` == `0:1.0-0`.
#[derive(Clone, Debug)]
pub struct Version {
    pub epoch: u32,
    pub upstream: String,
    /// Empty when the version has no `-`; orders like `0`.
    pub revision: String,
}

/// dpkg refuses epochs above INT_MAX.
const MAX_EPOCH: u64 = i32::MAX as u64;

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: &str| VersionError::new(Scheme::Dpkg, input, reason);
    let s = input.trim_matches(|c: char| c == ' ' || c == '\t');
    if s.is_empty() {
        return Err(err("version string is empty"));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(err("version string has embedded spaces"));
    }
    let (epoch, rest) = match s.split_once(':') {
        Some((e, rest)) => {
            if e.is_empty() {
                return Err(err("epoch in version is empty"));
            }
            if e.starts_with('-') && e.len() > 1 && e[1..].bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("epoch in version is negative"));
            }
            if !e.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("epoch in version is not number"));
            }
            // At most ten significant digits can be <= INT_MAX.
            let digits = e.trim_start_matches('0');
            let epoch = match digits {
                "" => 0,
                d if d.len() <= 10 => d.parse::<u64>().unwrap_or(u64::MAX),
                _ => u64::MAX,
            };
            if epoch > MAX_EPOCH {
                return Err(err("epoch in version is too big"));
            }
            let epoch = u32::try_from(epoch).unwrap_or(u32::MAX);
            if rest.is_empty() {
                return Err(err("nothing after colon in version number"));
            }
            (epoch, rest)
        }
        None => (0, s),
    };
    let (upstream, revision) = match rest.rsplit_once('-') {
        Some((_, "")) => return Err(err("revision number is empty")),
        Some((u, r)) => (u, r),
        None => (rest, ""),
    };
    if upstream.is_empty() {
        return Err(err("version number is empty"));
    }
    if let Some(c) = upstream
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '~' | '-' | ':')))
    {
        return Err(err(&format!("invalid character {c:?} in version number")));
    }
    if let Some(c) = revision
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '~')))
    {
        return Err(err(&format!("invalid character {c:?} in revision number")));
    }
    Ok(Version {
        epoch,
        upstream: upstream.to_string(),
        revision: revision.to_string(),
    })
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| verrevcmp(self.upstream.as_bytes(), other.upstream.as_bytes()))
            .then_with(|| verrevcmp(self.revision.as_bytes(), other.revision.as_bytes()))
    }
}

super::order_from_ord!(Version);

/// The weight of one non-digit position: `~` before the end of the
/// string, the end (and a digit) before letters, letters before the rest.
fn order(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(c) => i32::from(c) + 256,
    }
}

/// dpkg's verrevcmp: alternate non-digit runs (compared by `order`) and
/// digit runs (compared by value, of any length).
pub fn verrevcmp(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    let digit = |s: &[u8], k: usize| s.get(k).is_some_and(u8::is_ascii_digit);
    let more = |s: &[u8], k: usize| k < s.len();
    while more(a, i) || more(b, j) {
        while (more(a, i) && !digit(a, i)) || (more(b, j) && !digit(b, j)) {
            let (ac, bc) = (order(a.get(i).copied()), order(b.get(j).copied()));
            if ac != bc {
                return ac.cmp(&bc);
            }
            i += 1;
            j += 1;
        }
        let start_a = i;
        while digit(a, i) {
            i += 1;
        }
        let start_b = j;
        while digit(b, j) {
            j += 1;
        }
        let ord = cmp_digits(&a[start_a..i], &b[start_b..j]);
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::version::testutil::{assert_order, assert_total_order, cmp_in};
    use crate::vuln::version::{compare, Scheme};
    use Ordering::*;

    #[test]
    fn numbers_compare_by_value_at_any_length() {
        let a = format!("1.{}", "9".repeat(1000));
        let b = format!("1.1{}", "0".repeat(1000));
        assert_eq!(cmp_in(Scheme::Dpkg, &a, &b), Less);
        assert_eq!(cmp_in(Scheme::Dpkg, &b, &a), Greater);
        assert_eq!(cmp_in(Scheme::Dpkg, &a, &a), Equal);
    }

    #[test]
    fn epoch_and_revision() {
        // A missing revision orders as "0" would.
        // The last hyphen splits; the upstream may hold hyphens.
        let v = parse("3:1.2-3-4").unwrap();
        assert_eq!(
            (v.epoch, v.upstream.as_str(), v.revision.as_str()),
            (3, "1.2-3", "4")
        );
        // The upstream may hold a colon when there is an epoch.
        let v = parse("1:2:3-4").unwrap();
        assert_eq!((v.epoch, v.upstream.as_str()), (1, "2:3"));
        assert_eq!(
            parse(&format!("{}:1", i32::MAX)).unwrap().epoch,
            i32::MAX as u32
        );
    }

    #[test]
    fn dpkg_errors_are_errors() {
        for bad in [
            "",
            "   ",
            "1 0",
            "1.0 -1",
            ":1.0",
            "a:1.0",
            "-1:1.0",
            "1.5:1.0",
            "2147483648:1.0",
            "99999999999999999999999:1.0",
            "2:",
            "1.0-",
            "-1",
            "2:-1",
            "1.0_1",
            "1.0-1_2",
            "1.0-1:2",
            "1.0é",
            "1.0\0",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
            assert!(compare(Scheme::Dpkg, bad, "1.0").is_err());
            assert!(compare(Scheme::Dpkg, "1.0", bad).is_err());
        }
    }

    #[test]
    fn dpkg_warnings_still_order() {
        // dpkg warns "version number does not start with digit" and compares.
        // Surrounding blanks are trimmed, as dpkg does.
        assert_eq!(cmp_in(Scheme::Dpkg, " 1.0\t", "1.0"), Equal);
    }

    #[test]
    fn a_realistic_ladder() {
        assert_order(
            Scheme::Dpkg,
            &[
                &["1.0~~"],
                &["1.0~~a"],
                &["1.0~alpha"],
                &["1.0~rc1"],
                &["1.0", "0:1.0", "1.0-0", "1.00"],
                &["1.0-1~bpo11+1"],
                &["1.0-1"],
                &["1.0-1+b1"],
                &["1.0-1+deb12u1"],
                &["1.0-1+deb12u2"],
                &["1.0-1+deb12u10"],
                &["1.0-1.1"],
                &["1.0-2"],
                &["1.0a"],
                &["1.0+dfsg-1"],
                &["1.0.1"],
                &["1.1"],
                &["10.0"],
                &["1:0.1"],
                &["2:0"],
            ],
        );
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Dpkg,
            &[
                "2.36-9+deb12u4",
                "2.36-9+deb12u10",
                "2.36-9",
                "2.36",
                "2.36~rc",
                "1:2.0",
                "7.88.1-10+deb12u5",
                "7.88.1-10+deb12u12",
                "1.0a",
                "1.0+",
                "1.0.",
                "1.0~",
                "1.0",
                "1.00",
                "1.0-0",
                "a",
                "z1",
                "1.2-3-4",
                "1.2-3.4",
                "3.0.2-0ubuntu1.15",
                "3.0.2-0ubuntu1.9",
                "0",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Dpkg,
            include_str!("testdata/dpkg.txt"),
        );
    }
}
