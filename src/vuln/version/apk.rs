//! apk version ordering (Alpine, Wolfi, Chainguard, ...), as apk-tools
//! validates and compares them:
//! `digits{.digits}[letter]{_suffix[digits]}[~hash][-rdigits]`.
//!
//! Suffixes `_alpha _beta _pre _rc` sort before the bare version, `_cvs
//! _svn _git _hg _p` after it. A digit run after a dot that has a leading
//! zero compares as a string (apk's Gentoo-like rule), every other number
//! by value, at any length. Strings apk rejects as invalid are errors.

use super::{cmp_digits, Scheme, VersionError};
use std::cmp::Ordering;

/// Token kinds in the order apk-tools numbers them: a version that ends
/// while the other goes on is greater unless the other goes on with a
/// pre-release suffix; otherwise the one whose next token kind is lower is
/// greater (`1.2.3` > `1.2` since digits outrank the end, `1.2-r1` >
/// `1.2` too, but `1.2.3` > `1.2-r1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNo,
    CommitHash,
    RevisionNo,
    End,
}

/// Suffix ranks: the pre-release ones below `NONE`, the post ones above.
const SUFFIXES: [(&str, u8); 9] = [
    ("alpha", 0),
    ("beta", 1),
    ("pre", 2),
    ("rc", 3),
    ("cvs", 5),
    ("svn", 6),
    ("git", 7),
    ("hg", 8),
    ("p", 9),
];
const SUFFIX_NONE: u8 = 4;

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// The token's text: digits, the letter, the suffix name, the hash.
    text: String,
    /// The rank of a suffix (only for `Kind::Suffix`).
    suffix: u8,
}

/// A parsed apk version.
#[derive(Clone, Debug)]
pub struct Version {
    tokens: Vec<Token>,
}

pub fn parse(input: &str) -> Result<Version, VersionError> {
    let err = |reason: &str| VersionError::new(Scheme::Apk, input, reason);
    let b = input.as_bytes();
    let mut pos = 0;
    let digits = |pos: &mut usize| -> String {
        let start = *pos;
        while b.get(*pos).is_some_and(u8::is_ascii_digit) {
            *pos += 1;
        }
        input[start..*pos].to_string()
    };
    let first = digits(&mut pos);
    if first.is_empty() {
        return Err(err("does not start with a digit"));
    }
    let mut tokens = vec![Token {
        kind: Kind::InitialDigit,
        text: first,
        suffix: 0,
    }];
    let mut last = Kind::InitialDigit;
    while let Some(&c) = b.get(pos) {
        let token = match c {
            b'a'..=b'z' => {
                if last > Kind::Digit {
                    return Err(err("a letter may only follow a number"));
                }
                pos += 1;
                Token {
                    kind: Kind::Letter,
                    text: char::from(c).to_string(),
                    suffix: 0,
                }
            }
            b'.' | b'0'..=b'9' => {
                if c == b'.' {
                    if last > Kind::Digit {
                        return Err(err("a dot may only follow a number"));
                    }
                    pos += 1;
                }
                let kind = match last {
                    Kind::InitialDigit | Kind::Digit => Kind::Digit,
                    Kind::Suffix => Kind::SuffixNo,
                    _ => return Err(err("misplaced number")),
                };
                let text = digits(&mut pos);
                if text.is_empty() {
                    return Err(err("a dot must be followed by a number"));
                }
                Token {
                    kind,
                    text,
                    suffix: 0,
                }
            }
            b'_' => {
                if last > Kind::SuffixNo {
                    return Err(err("misplaced suffix"));
                }
                pos += 1;
                let start = pos;
                while b.get(pos).is_some_and(u8::is_ascii_lowercase) {
                    pos += 1;
                }
                let name = &input[start..pos];
                let Some(&(_, rank)) = SUFFIXES.iter().find(|(s, _)| *s == name) else {
                    return Err(err(&format!("unknown suffix _{name}")));
                };
                Token {
                    kind: Kind::Suffix,
                    text: name.to_string(),
                    suffix: rank,
                }
            }
            b'~' => {
                if last >= Kind::CommitHash {
                    return Err(err("misplaced commit hash"));
                }
                pos += 1;
                let start = pos;
                while b
                    .get(pos)
                    .is_some_and(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
                {
                    pos += 1;
                }
                if pos == start {
                    return Err(err("empty commit hash after ~"));
                }
                Token {
                    kind: Kind::CommitHash,
                    text: input[start..pos].to_string(),
                    suffix: 0,
                }
            }
            b'-' => {
                if last >= Kind::RevisionNo {
                    return Err(err("more than one revision"));
                }
                if b.get(pos + 1) != Some(&b'r') {
                    return Err(err("a hyphen must start a -rN revision"));
                }
                pos += 2;
                let text = digits(&mut pos);
                if text.is_empty() {
                    return Err(err("a -r revision needs a number"));
                }
                Token {
                    kind: Kind::RevisionNo,
                    text,
                    suffix: 0,
                }
            }
            _ => return Err(err("invalid character")),
        };
        last = token.kind;
        tokens.push(token);
    }
    Ok(Version { tokens })
}

fn token_cmp(a: &Token, b: &Token) -> Ordering {
    match a.kind {
        Kind::Digit if a.text.starts_with('0') || b.text.starts_with('0') => a.text.cmp(&b.text),
        Kind::InitialDigit | Kind::Digit | Kind::SuffixNo | Kind::RevisionNo => {
            cmp_digits(a.text.as_bytes(), b.text.as_bytes())
        }
        Kind::Suffix => a.suffix.cmp(&b.suffix),
        Kind::Letter | Kind::CommitHash | Kind::End => a.text.cmp(&b.text),
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let kind = |v: &Version, i: usize| v.tokens.get(i).map_or(Kind::End, |t| t.kind);
        let mut i = 0;
        while i < self.tokens.len() && i < other.tokens.len() {
            let (a, b) = (&self.tokens[i], &other.tokens[i]);
            if a.kind != b.kind {
                break;
            }
            let ord = token_cmp(a, b);
            if ord != Ordering::Equal {
                return ord;
            }
            i += 1;
        }
        let (ka, kb) = (kind(self, i), kind(other, i));
        if ka == kb {
            return Ordering::Equal;
        }
        // The one that goes on is greater, unless it goes on with a
        // pre-release suffix.
        let pre = |v: &Version| {
            v.tokens
                .get(i)
                .is_some_and(|t| t.kind == Kind::Suffix && t.suffix < SUFFIX_NONE)
        };
        if pre(self) {
            return Ordering::Less;
        }
        if pre(other) {
            return Ordering::Greater;
        }
        kb.cmp(&ka)
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
    fn suffix_order() {
        assert_order(
            Scheme::Apk,
            &[
                &["1.0_alpha"],
                &["1.0_alpha1"],
                &["1.0_alpha2"],
                &["1.0_beta"],
                &["1.0_pre1"],
                &["1.0_rc1"],
                &["1.0_rc2"],
                &["1.0"],
                &["1.0-r1"],
                &["1.0_cvs1"],
                &["1.0_svn"],
                &["1.0_git20240101"],
                &["1.0_hg1"],
                &["1.0_p1"],
                &["1.0_p2"],
                &["1.0a"],
                &["1.0.1_rc1"],
                &["1.0.1"],
            ],
        );
    }

    #[test]
    fn leading_zeros_after_a_dot_compare_as_strings() {
        // "01" vs "1": one has a leading zero, so a string compare.
        // The first number compares by value.
        // Huge runs neither overflow nor panic.
        let big = "9".repeat(1000);
        assert_eq!(
            cmp_in(
                Scheme::Apk,
                &format!("1.{big}"),
                &format!("1.1{}", "0".repeat(1000))
            ),
            Less
        );
        assert_eq!(
            cmp_in(
                Scheme::Apk,
                &format!("{big}-r{big}"),
                &format!("{big}-r{big}")
            ),
            Equal
        );
    }

    #[test]
    fn cases_from_apk_tools_test_data() {
        for (a, want, b) in [
            ("2.34", Greater, "0.1.0_alpha"),
            ("23_foo", Greater, "4_beta"),
            ("0.4", Less, "0.4.1"),
            ("1.2.3_rc", Less, "1.2.3"),
            ("1.2.3", Less, "1.2.3_p"),
            ("1.2.3_p1", Less, "1.2.3_p2"),
            ("2.4.1", Greater, "2.4.1_rc1"),
            ("3.0.0-r2", Greater, "3.0.0-r1"),
            ("1.3_alpha2", Greater, "1.3_alpha1"),
            ("0.2.3", Greater, "0.2.3_alpha1"),
            ("1.0_rc5", Less, "1.0"),
            ("3.4_beta", Less, "3.4"),
            ("2.14.4", Greater, "2.14.4_rc1"),
            ("1.2.3", Greater, "1.2.3_rc"),
            ("1.1b", Greater, "1.1a"),
            ("0.9", Less, "1.0"),
            ("0.1", Less, "0.2"),
            ("1.0", Greater, "1.0_rc"),
            ("0.1.1_rc1", Less, "0.1.1"),
        ] {
            if a == "23_foo" {
                // Not a valid apk version: an unknown suffix.
                assert!(parse(a).is_err());
                continue;
            }
            assert_eq!(cmp_in(Scheme::Apk, a, b), want, "{a} {b}");
        }
    }

    #[test]
    fn invalid_versions_are_errors() {
        for bad in [
            "",
            "a",
            ".1",
            "_pre1",
            "-r1",
            "v1.0",
            "1.0bc",
            "0.1bc1",
            "0.1a1",
            "0.1a.1",
            "0.1_pre2~",
            "0.1_pre2~1234xbcd",
            "0.1_pre2~1234ABCD",
            "0.1_pre2~1234abcd_pre1",
            "0.1_pre2-r1~1234abcd",
            "0.1_foobar",
            "0.1_foobar1",
            "0.1_post1",
            "0.1-pre1.1",
            "0.1-r",
            "0.1-r2_pre1",
            "0.1-r2-r3",
            "0.1-r2.1",
            "0.1_",
            "0.1_-r0",
            "0.1__alpha",
            "0.1_1_alpha",
            "1.",
            "1..2",
            "1.0A",
            "1.0 ",
            " 1.0",
            "1.0\u{e9}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        for good in [
            "1.2",
            "0.1_pre2",
            "0.1_pre2~1234abcd",
            "0.1_p1_pre2",
            "0.1_alpha1_pre2",
            "0.1_git20240101_pre1",
            "1.0a_rc1-r3",
            "1.0~0a-r0",
        ] {
            assert!(parse(good).is_ok(), "{good:?} should parse");
        }
    }

    #[test]
    fn total_order_over_a_sample() {
        assert_total_order(
            Scheme::Apk,
            &[
                "0",
                "0.0",
                "00",
                "1.0",
                "1.00",
                "1.01",
                "1.1",
                "1.10",
                "1.0a",
                "1.0z",
                "1.0_alpha",
                "1.0_rc1",
                "1.0_p1",
                "1.0_p1_rc1",
                "1.0-r0",
                "1.0-r1",
                "1.0~abc",
                "1.0~abc-r1",
                "1.0_git1~def-r2",
                "1.1.1f-r0",
                "1.1.1g-r0",
                "2.0",
                "1.99.99",
            ],
        );
    }

    #[test]
    fn vectors() {
        crate::vuln::version::testutil::check_vectors(
            Scheme::Apk,
            include_str!("testdata/apk.txt"),
        );
    }
}
