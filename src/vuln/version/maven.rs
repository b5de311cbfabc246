//! Maven version ordering: ComparableVersion as Maven 3.9 has it (the
//! Version Order Specification of the POM reference).
//!
//! A version splits into items at `.`, `-` and each switch between digits
//! and letters; a `-` or a digit/letter switch opens a sub-list (`.X` is
//! taken as `-X` since MNG-7644). Numbers compare by value at any length.
//! Qualifiers: `alpha` (`a1`) < `beta` (`b1`) < `milestone` (`m1`) < `rc`
//! = `cr` < `snapshot` < release (``, `ga`, `final`, `release`) < `sp`,
//! then unknown qualifiers in lexical order; case is ignored. Trailing
//! null items (0, release qualifiers, empty lists) are dropped, so `1 ==
//! 1.0 == 1.0.0 == 1-ga`.
//!
//! Deviations from the Java class, all on input real versions do not
//! have: an empty string, whitespace or control characters are errors
//! (Java orders `""` as `0`); only ASCII digits are digits (as in Maven 4);
//! more than 128 nested sub-lists is an error, which keeps comparison
//! depth bounded.
//!
//! Like Maven's, this order is not transitive for some odd versions, so
//! `Version` offers a pairwise `compare` and no `Ord`.

use super::{cmp_digits, Scheme, VersionError};
use std::cmp::Ordering;

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
/// The rank of the release qualifier "" in `QUALIFIERS`.
const RELEASE: (u8, &str) = (5, "");
const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug)]
enum Item {
    /// Digits without leading zeros; "0" for zero.
    Int(String),
    /// A lowercase qualifier after aliasing (`ga` -> ``, `cr` -> `rc`).
    Str(String),
    List(Vec<Item>),
}

/// A parsed Maven version; see [`Version::compare`] for its order.
#[derive(Clone, Debug)]
pub struct Version {
    items: Vec<Item>,
}

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: &str| VersionError::new(Scheme::Maven, input, reason);
    if input.is_empty() {
        return Err(err("empty version"));
    }
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(err("whitespace or control character"));
    }
    let chars: Vec<char> = input.to_lowercase().chars().collect();
    let text = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    // The open lists, outermost first; each is the last item of its parent.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let mut is_digit = false;
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' || c == '-' {
            let item = if i == start {
                Item::Int("0".into())
            } else {
                parse_item(is_digit, &text(start, i))
            };
            push(&mut stack, item);
            start = i + 1;
            if c == '-' {
                stack.push(Vec::new());
            }
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                // 1.0.0.X1 < 1.0.0-X2: treat .X as -X.
                if !top_is_empty(&stack) {
                    stack.push(Vec::new());
                }
                push(&mut stack, string_item(&text(start, i), true));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                push(&mut stack, parse_item(true, &text(start, i)));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = false;
        }
        if stack.len() > MAX_DEPTH {
            return Err(err("too many nested qualifiers"));
        }
    }
    if chars.len() > start {
        if !is_digit && !top_is_empty(&stack) {
            stack.push(Vec::new());
        }
        push(&mut stack, parse_item(is_digit, &text(start, chars.len())));
    }
    // Close the lists innermost first, normalising each as Maven does.
    let mut items = stack.pop().unwrap_or_default();
    normalize(&mut items);
    while let Some(mut parent) = stack.pop() {
        parent.push(Item::List(items));
        normalize(&mut parent);
        items = parent;
    }
    Ok(Version { items })
}

fn push(stack: &mut [Vec<Item>], item: Item) {
    if let Some(top) = stack.last_mut() {
        top.push(item);
    }
}

fn top_is_empty(stack: &[Vec<Item>]) -> bool {
    stack.last().is_none_or(Vec::is_empty)
}

fn parse_item(is_digit: bool, buf: &str) -> Item {
    if is_digit {
        let digits = buf.trim_start_matches('0');
        Item::Int(if digits.is_empty() { "0" } else { digits }.to_string())
    } else {
        string_item(buf, false)
    }
}

fn string_item(value: &str, followed_by_digit: bool) -> Item {
    let value = match value {
        "a" if followed_by_digit => "alpha",
        "b" if followed_by_digit => "beta",
        "m" if followed_by_digit => "milestone",
        "ga" | "final" | "release" => "",
        "cr" => "rc",
        v => v,
    };
    Item::Str(value.to_string())
}

fn is_null(item: &Item) -> bool {
    match item {
        Item::Int(n) => n == "0",
        Item::Str(s) => s.is_empty(),
        Item::List(l) => l.is_empty(),
    }
}

/// Drops trailing null items, looking past sub-lists.
fn normalize(list: &mut Vec<Item>) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if is_null(&list[i]) {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

fn qualifier(s: &str) -> (u8, &str) {
    match QUALIFIERS.iter().position(|q| *q == s) {
        Some(i) => (i as u8, ""),
        None => (QUALIFIERS.len() as u8, s),
    }
}

/// ComparableVersion's `a.compareTo(b)`, `None` being Java's null (the
/// missing item of the shorter list).
fn cmp_item(a: &Item, b: Option<&Item>) -> Ordering {
    use Item::*;
    match (a, b) {
        (Int(x), None) => {
            if x == "0" {
                Ordering::Equal
            } else {
                Ordering::Greater
            }
        }
        (Int(x), Some(Int(y))) => cmp_digits(x.as_bytes(), y.as_bytes()),
        (Int(_), Some(_)) => Ordering::Greater,
        (Str(s), None) => qualifier(s).cmp(&RELEASE),
        (Str(_), Some(Int(_))) => Ordering::Less,
        (Str(s), Some(Str(t))) => qualifier(s).cmp(&qualifier(t)),
        (Str(_), Some(List(_))) => Ordering::Less,
        (List(l), None) => l
            .iter()
            .map(|i| cmp_item(i, None))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal),
        (List(_), Some(Int(_))) => Ordering::Less,
        (List(_), Some(Str(_))) => Ordering::Greater,
        (List(l), Some(List(r))) => cmp_lists(l, r),
    }
}

fn cmp_lists(l: &[Item], r: &[Item]) -> Ordering {
    for i in 0..l.len().max(r.len()) {
        let ord = match (l.get(i), r.get(i)) {
            (Some(a), b) => cmp_item(a, b),
            (None, Some(b)) => cmp_item(b, None).reverse(),
            (None, None) => Ordering::Equal,
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

impl Version {
    /// Maven's canonical form (`1.0-alpha-1` -> `1-alpha-1`).
    pub fn canonical(&self) -> String {
        fn write(items: &[Item], out: &mut String) {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(if matches!(item, Item::List(_)) {
                        '-'
                    } else {
                        '.'
                    });
                }
                match item {
                    Item::Int(s) | Item::Str(s) => out.push_str(s),
                    Item::List(l) => write(l, out),
                }
            }
        }
        let mut out = String::new();
        write(&self.items, &mut out);
        out
    }
}

impl Version {
    /// Maven's order of two versions. Deliberately not `Ord`: Maven's
    /// order is antisymmetric but not transitive for some odd versions
    /// (`1rc` < `1ga` < `1.a.ga.rcb` < `1rc`, `1-sp` > `1` > `1-0.alpha` >
    /// `1-sp`), and std's sorts may panic on such an order. Compare pairs;
    /// do not sort with it.
    pub fn compare(&self, other: &Self) -> Ordering {
        cmp_lists(&self.items, &other.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vuln::version::testutil::{assert_order, assert_total_order, cmp_in};
    use crate::vuln::version::Scheme;
    use Ordering::*;

    fn ascending(versions: &[&str]) {
        let tiers: Vec<[&str; 1]> = versions.iter().map(|v| [*v]).collect();
        let tiers: Vec<&[&str]> = tiers.iter().map(|t| &t[..]).collect();
        assert_order(Scheme::Maven, &tiers);
    }

    #[test]
    fn the_brief_cases() {
        ascending(&[
            "1-alpha",
            "1-beta",
            "1-milestone",
            "1-rc",
            "1-snapshot",
            "1",
            "1-sp",
        ]);
        // log4j
        ascending(&[
            "2.14.1",
            "2.15.0-rc1",
            "2.15.0-rc2",
            "2.15.0",
            "2.16.0",
            "2.17.1",
        ]);
        // guava: flavours are unknown qualifiers, android before jre.
        ascending(&[
            "32.0.0-android",
            "32.0.0-jre",
            "32.0.1-android",
            "32.0.1-jre",
        ]);
        // Spring's old style.
        ascending(&["5.3.0.M1", "5.3.0.RC1", "5.3.0.RELEASE"]);
        // Maven's own oddity: `.BUILD-SNAPSHOT` is the unknown qualifier
        // `build` (the `-` keeps it in the outer list), after the release.
    }

    /// Maven's ComparableVersionTest: VERSIONS_QUALIFIER, ascending.
    #[test]
    fn maven_suite_qualifiers() {
        ascending(&[
            "1-alpha2snapshot",
            "1-alpha2",
            "1-alpha-123",
            "1-beta-2",
            "1-beta123",
            "1-m2",
            "1-m11",
            "1-rc",
            "1-cr2",
            "1-rc123",
            "1-SNAPSHOT",
            "1",
            "1-sp",
            "1-sp2",
            "1-sp123",
            "1-abc",
            "1-def",
            "1-pom-1",
            "1-1-snapshot",
            "1-1",
            "1-2",
            "1-123",
        ]);
    }

    /// Maven's ComparableVersionTest: VERSIONS_NUMBER, ascending.
    #[test]
    fn maven_suite_numbers() {
        ascending(&[
            "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1",
            "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11",
            "11", "11.a", "11b", "11c", "11m",
        ]);
    }

    /// Maven's ComparableVersionTest: testVersionsEqual.
    #[test]
    fn maven_suite_equal() {
        for (a, b) in [
            ("1", "1"),
            ("1", "1.0"),
            ("1", "1.0.0"),
            ("1.0", "1.0.0"),
            ("1", "1-0"),
            ("1", "1.0-0"),
            ("1.0", "1.0-0"),
            ("1a", "1-a"),
            ("1a", "1.0-a"),
            ("1a", "1.0.0-a"),
            ("1.0a", "1-a"),
            ("1.0.0a", "1-a"),
            ("1x", "1-x"),
            ("1x", "1.0-x"),
            ("1x", "1.0.0-x"),
            ("1.0x", "1-x"),
            ("1.0.0x", "1-x"),
            ("1ga", "1"),
            ("1release", "1"),
            ("1final", "1"),
            ("1cr", "1rc"),
            ("1a1", "1-alpha-1"),
            ("1b2", "1-beta-2"),
            ("1m3", "1-milestone-3"),
            ("1X", "1x"),
            ("1A", "1a"),
            ("1B", "1b"),
            ("1M", "1m"),
            ("1Ga", "1"),
            ("1GA", "1"),
            ("1RELEASE", "1"),
            ("1RELeaSE", "1"),
            ("1Final", "1"),
            ("1FINAL", "1"),
            ("1Cr", "1Rc"),
            ("1cR", "1rC"),
            ("1m3", "1Milestone3"),
            ("1m3", "1MILESTONE3"),
            (
                "1-abcdefghijklmnopqrstuvwxyz",
                "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            ),
            ("0000000000000000001", "1"),
            ("0000000000000000000", "0"),
            ("000000000", "0"),
        ] {
            assert_eq!(cmp_in(Scheme::Maven, a, b), Equal, "{a} == {b}");
            assert_eq!(cmp_in(Scheme::Maven, b, a), Equal, "{b} == {a}");
        }
    }

    /// Maven's ComparableVersionTest: testVersionComparing and the MNG cases.
    #[test]
    fn maven_suite_pairs() {
        for (a, b) in [
            ("1", "2"),
            ("1.5", "2"),
            ("1", "2.5"),
            ("1.0", "1.1"),
            ("1.1", "1.2"),
            ("1.0.0", "1.1"),
            ("1.0.1", "1.1"),
            ("1.1", "1.2.0"),
            ("1.0-alpha-1", "1.0"),
            ("1.0-alpha-1", "1.0-alpha-2"),
            ("1.0-alpha-1", "1.0-beta-1"),
            ("1.0-beta-1", "1.0-SNAPSHOT"),
            ("1.0-SNAPSHOT", "1.0"),
            ("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
            ("1.0", "1.0-1"),
            ("1.0-1", "1.0-2"),
            ("1.0.0", "1.0-1"),
            ("2.0-1", "2.0.1"),
            ("2.0.1-klm", "2.0.1-lmn"),
            ("2.0.1", "2.0.1-xyz"),
            ("2.0.1", "2.0.1-123"),
            ("2.0.1-xyz", "2.0.1-123"),
            // MNG-5568
            ("6.1.0rc3", "6.1.0"),
            ("6.1.0rc3", "6.1H.5-beta"),
            ("6.1.0", "6.1H.5-beta"),
            // MNG-6572: numbers past int and long
            ("20190126.230843", "1234567890.12345"),
            ("1234567890.12345", "123456789012345.1H.5-beta"),
            (
                "123456789012345.1H.5-beta",
                "12345678901234567890.1H.5-beta",
            ),
            // MNG-6964
            ("1-0.alpha", "1"),
            ("1-0.beta", "1"),
            ("1-0.alpha", "1-0.beta"),
        ] {
            assert_eq!(cmp_in(Scheme::Maven, a, b), Less, "{a} < {b}");
            assert_eq!(cmp_in(Scheme::Maven, b, a), Greater, "{b} > {a}");
        }
    }

    /// MNG-7644: `.X1 < -X2`, and `2-X == 2.0.X == 2.0.0.X`.
    #[test]
    fn maven_suite_mng_7644() {
        for x in [
            "abc",
            "alpha",
            "a",
            "beta",
            "b",
            "def",
            "milestone",
            "m",
            "RC",
        ] {
            assert_eq!(
                cmp_in(
                    Scheme::Maven,
                    &format!("1.0.0.{x}1"),
                    &format!("1.0.0-{x}2")
                ),
                Less,
                "{x}"
            );
            assert_eq!(
                cmp_in(Scheme::Maven, &format!("2-{x}"), &format!("2.0.{x}")),
                Equal,
                "{x}"
            );
            assert_eq!(
                cmp_in(Scheme::Maven, &format!("2-{x}"), &format!("2.0.0.{x}")),
                Equal,
                "{x}"
            );
            assert_eq!(
                cmp_in(Scheme::Maven, &format!("2.0.{x}"), &format!("2.0.0.{x}")),
                Equal,
                "{x}"
            );
        }
    }

    #[test]
    fn canonical_forms() {
        for (v, canonical) in [
            ("1.0-alpha-1", "1-alpha-1"),
            ("1.0.0", "1"),
            ("1-ga", "1"),
            ("1a1", "1-alpha-1"),
            ("2.0.0.RELEASE", "2"),
            ("1.0.0.x1", "1-x-1"),
        ] {
            assert_eq!(parse(v).unwrap().canonical(), canonical, "{v}");
        }
    }

    #[test]
    fn huge_numbers_and_bad_input() {
        let big = "9".repeat(1000);
        let bigger = format!("1{}", "0".repeat(1000));
        assert_eq!(
            cmp_in(Scheme::Maven, &format!("1.{big}"), &format!("1.{bigger}")),
            Less
        );
        for bad in ["", " ", "1.0 ", "1.0\n", "1\0"] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(parse(&"1-".repeat(1000)).is_err());
        // Punctuation other than . and - is part of a qualifier, as in Java.
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Maven,
            &[
                "1",
                "1.0",
                "1-ga",
                "1-alpha",
                "1a1",
                "1-beta-2",
                "1-rc",
                "1-cr2",
                "1-SNAPSHOT",
                "1-sp",
                "1-sp1",
                "1-abc",
                "1-1",
                "1.1",
                "1.0.0.x1",
                "1.0.0-x2",
                "2.0.0.RELEASE",
                "2-1",
                "2.0.a",
                "2.1b",
                "2.15.0-rc1",
                "2.15.0",
                "32.0.0-android",
                "32.0.1-jre",
                "6.1H.5-beta",
                "11.a",
                "11b",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Maven,
            include_str!("testdata/maven.txt"),
        );
    }
}
