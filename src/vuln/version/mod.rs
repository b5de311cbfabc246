//! Version ordering per ecosystem. Each scheme parses leniently where its
//! tools do and reports an error (never a guess) where a version cannot be
//! ordered: the matcher then skips the range with that reason.
//!
//! One file per scheme, each with a `Version` type whose `Ord` is the
//! scheme's order and a `parse` that says why a string is not a version.

use std::cmp::Ordering;

/// `PartialOrd`, `PartialEq` and `Eq` of a version type from its `Ord`
/// (equal means "orders the same", not "spelled the same").
macro_rules! order_from_ord {
    ($t:ty) => {
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.cmp(other) == std::cmp::Ordering::Equal
            }
        }
        impl Eq for $t {}
    };
}
pub(crate) use order_from_ord;

pub mod apk;
pub mod dpkg;
pub mod go;
pub mod maven;
pub mod pep440;
pub mod rpm;
pub mod semver;

pub use pep440::normalize_pypi_name;

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
    /// Every scheme, for callers that iterate (tests, fuzzing).
    pub const ALL: [Scheme; 7] = [
        Scheme::Dpkg,
        Scheme::Apk,
        Scheme::Rpm,
        Scheme::Pep440,
        Scheme::Semver,
        Scheme::Go,
        Scheme::Maven,
    ];

    /// The scheme of an OSV ecosystem name (the part before any `:`
    /// release), or None when dockaudit has no ordering for it.
    ///
    /// Names are matched as OSV spells them (case included). Only
    /// ecosystems whose versions are known to follow one of these orders
    /// are mapped: NuGet, Hex, Pub, RubyGems, Packagist and the like have
    /// orders of their own that SemVer would get wrong in places.
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let name = ecosystem.split(':').next().unwrap_or_default().trim();
        Some(match name {
            "Debian" | "Ubuntu" => Scheme::Dpkg,
            "Alpine"
            | "Alpaquita"
            | "BellSoft Hardened Containers"
            | "Chainguard"
            | "MinimOS"
            | "Wolfi" => Scheme::Apk,
            "AlmaLinux" | "Azure Linux" | "Mageia" | "openEuler" | "openSUSE" | "Photon OS"
            | "Red Hat" | "Rocky Linux" | "SUSE" => Scheme::Rpm,
            "PyPI" => Scheme::Pep440,
            "npm" | "crates.io" => Scheme::Semver,
            "Go" => Scheme::Go,
            "Maven" => Scheme::Maven,
            _ => return None,
        })
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

impl VersionError {
    pub(crate) fn new(scheme: Scheme, version: &str, reason: impl Into<String>) -> Self {
        VersionError {
            scheme: scheme.as_str(),
            version: version.to_string(),
            reason: reason.into(),
        }
    }
}

/// Order two versions of one scheme.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Result<Ordering, VersionError> {
    match scheme {
        Scheme::Dpkg => Ok(dpkg::parse(a)?.cmp(&dpkg::parse(b)?)),
        Scheme::Apk => Ok(apk::parse(a)?.cmp(&apk::parse(b)?)),
        Scheme::Rpm => Ok(rpm::parse(a)?.cmp(&rpm::parse(b)?)),
        Scheme::Pep440 => Ok(pep440::parse(a)?.cmp(&pep440::parse(b)?)),
        Scheme::Semver => Ok(semver::parse(a)?.cmp(&semver::parse(b)?)),
        Scheme::Go => Ok(go::parse(a)?.cmp(&go::parse(b)?)),
        Scheme::Maven => Ok(maven::parse(a)?.compare(&maven::parse(b)?)),
    }
}

/// Orders two runs of ASCII digits by their value, whatever their length:
/// leading zeros are ignored, then the longer run is the larger number.
pub(crate) fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    let a = strip_zeros(a);
    let b = strip_zeros(b);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn strip_zeros(s: &[u8]) -> &[u8] {
    let zeros = s.iter().take_while(|&&c| c == b'0').count();
    &s[zeros..]
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Checks shared by the per-scheme tests: a list of versions in
    //! ascending order (equal ones grouped) is ordered exactly so by
    //! `compare`, pairwise, both ways, and sorting a shuffle restores it.

    use super::{compare, Scheme};
    use std::cmp::Ordering;

    /// The order of two versions that must parse.
    pub fn cmp_in(scheme: Scheme, a: &str, b: &str) -> Ordering {
        compare(scheme, a, b).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Checks a file of comparisons (`A < B`, `A > B`, `A = B`, one a
    /// line; `#` starts a comment): each both ways, failures named by line.
    pub fn check_vectors(scheme: Scheme, text: &str) {
        let mut checked = 0;
        for (n, line) in text.lines().enumerate() {
            let line = line.split_once('#').map_or(line, |(l, _)| l).trim();
            if line.is_empty() {
                continue;
            }
            let (a, op, b) = match line.split_whitespace().collect::<Vec<_>>()[..] {
                [a, op, b] => (a, op, b),
                _ => panic!("line {}: not `A < B`: {line}", n + 1),
            };
            let want = match op {
                "<" => Ordering::Less,
                ">" => Ordering::Greater,
                "=" => Ordering::Equal,
                _ => panic!("line {}: no comparison in {line}", n + 1),
            };
            let at = |x, y| compare(scheme, x, y).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
            assert_eq!(at(a, b), want, "line {}: {line}", n + 1);
            assert_eq!(at(b, a), want.reverse(), "line {}, reversed: {line}", n + 1);
            checked += 1;
        }
        assert!(
            checked > 0,
            "no comparison in the {} vectors",
            scheme.as_str()
        );
    }

    /// `tiers` ascend; versions within one tier compare equal.
    pub fn assert_order(scheme: Scheme, tiers: &[&[&str]]) {
        let flat: Vec<(usize, &str)> = tiers
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.iter().map(move |v| (i, *v)))
            .collect();
        for &(ti, a) in &flat {
            for &(tj, b) in &flat {
                let got = compare(scheme, a, b)
                    .unwrap_or_else(|e| panic!("{} {a} vs {b}: {e}", scheme.as_str()));
                assert_eq!(got, ti.cmp(&tj), "{}: {a} vs {b}", scheme.as_str());
            }
        }
    }

    /// Every pair of `versions` is ordered; the order is reflexive,
    /// antisymmetric and transitive over all triples; and a sort with it
    /// is the same whatever order the input came in.
    pub fn assert_total_order(scheme: Scheme, versions: &[&str]) {
        let n = versions.len();
        let mut table = vec![vec![Ordering::Equal; n]; n];
        for (i, a) in versions.iter().enumerate() {
            for (j, b) in versions.iter().enumerate() {
                table[i][j] = compare(scheme, a, b)
                    .unwrap_or_else(|e| panic!("{} {a} vs {b}: {e}", scheme.as_str()));
            }
        }
        for i in 0..n {
            assert_eq!(table[i][i], Ordering::Equal, "reflexive: {}", versions[i]);
            for j in 0..n {
                assert_eq!(
                    table[i][j],
                    table[j][i].reverse(),
                    "antisymmetric: {} vs {}",
                    versions[i],
                    versions[j]
                );
                for k in 0..n {
                    if table[i][j] != Ordering::Greater && table[j][k] != Ordering::Greater {
                        let expect = if table[i][j] == Ordering::Equal {
                            table[j][k]
                        } else {
                            Ordering::Less
                        };
                        assert_eq!(
                            table[i][k], expect,
                            "transitive: {} {:?} {} {:?} {}",
                            versions[i], table[i][j], versions[j], table[j][k], versions[k]
                        );
                    }
                }
            }
        }
        let mut forward: Vec<usize> = (0..n).collect();
        forward.sort_by(|&a, &b| table[a][b]);
        let mut backward: Vec<usize> = (0..n).rev().collect();
        backward.sort_by(|&a, &b| table[a][b]);
        for (&a, &b) in forward.iter().zip(&backward) {
            // Equal versions may land in either order; their places match.
            assert_eq!(
                table[a][b],
                Ordering::Equal,
                "{} vs {}",
                versions[a],
                versions[b]
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystems_as_osv_spells_them() {
        let cases = [
            ("Debian", Some(Scheme::Dpkg)),
            ("Debian:12", Some(Scheme::Dpkg)),
            ("Ubuntu:22.04:LTS", Some(Scheme::Dpkg)),
            ("Ubuntu:Pro:18.04:LTS", Some(Scheme::Dpkg)),
            ("Alpine:v3.19", Some(Scheme::Apk)),
            ("Alpaquita:stream", Some(Scheme::Apk)),
            ("BellSoft Hardened Containers:stream", Some(Scheme::Apk)),
            ("Wolfi", Some(Scheme::Apk)),
            ("Chainguard", Some(Scheme::Apk)),
            ("MinimOS", Some(Scheme::Apk)),
            ("AlmaLinux:9", Some(Scheme::Rpm)),
            ("Rocky Linux:8", Some(Scheme::Rpm)),
            ("Red Hat:enterprise_linux:9::appstream", Some(Scheme::Rpm)),
            ("openSUSE:Tumbleweed", Some(Scheme::Rpm)),
            ("SUSE:Linux Enterprise Server 15 SP5", Some(Scheme::Rpm)),
            ("Mageia:9", Some(Scheme::Rpm)),
            ("openEuler:22.03-LTS", Some(Scheme::Rpm)),
            ("Photon OS:5.0", Some(Scheme::Rpm)),
            ("Azure Linux:3", Some(Scheme::Rpm)),
            ("PyPI", Some(Scheme::Pep440)),
            ("npm", Some(Scheme::Semver)),
            ("crates.io", Some(Scheme::Semver)),
            ("Go", Some(Scheme::Go)),
            ("Maven", Some(Scheme::Maven)),
            ("Maven:https://repo.example/maven2", Some(Scheme::Maven)),
            // Orders of their own, not mapped.
            ("NuGet", None),
            ("RubyGems", None),
            ("Packagist", None),
            ("Hex", None),
            ("Pub", None),
            ("GIT", None),
            ("Linux", None),
            ("OSS-Fuzz", None),
            // Spelled otherwise than OSV does.
            ("debian", None),
            ("pypi", None),
            ("Debian12", None),
            ("", None),
            (":", None),
        ];
        for (eco, want) in cases {
            assert_eq!(Scheme::for_ecosystem(eco), want, "{eco:?}");
        }
    }

    #[test]
    fn digit_runs_of_any_length() {
        assert_eq!(cmp_digits(b"0010", b"10"), Ordering::Equal);
        assert_eq!(cmp_digits(b"9", b"10"), Ordering::Less);
        assert_eq!(cmp_digits(b"", b"0"), Ordering::Equal);
        let big = "9".repeat(1000);
        let bigger = format!("1{}", "0".repeat(1000));
        assert_eq!(
            cmp_digits(big.as_bytes(), bigger.as_bytes()),
            Ordering::Less
        );
    }

    #[test]
    fn errors_name_scheme_and_version() {
        let e = compare(Scheme::Dpkg, "", "1.0").unwrap_err();
        assert_eq!(e.scheme, "dpkg");
        assert_eq!(e.version, "");
        assert!(e.to_string().contains("cannot be ordered"));
        // The second version is checked too.
        assert!(compare(Scheme::Semver, "1.0.0", "garbage").is_err());
    }

    /// Hostile strings never panic in any scheme: they order or they error.
    #[test]
    fn hostile_input_never_panics() {
        let digits = "7".repeat(1000);
        let nested = "1-".repeat(2000);
        let dots = ".".repeat(5000);
        let inputs: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\0".into(),
            "\u{feff}1.0".into(),
            "1.0\u{0301}".into(),
            "١٢٣".into(),
            "😀".into(),
            "v".into(),
            "go".into(),
            "-".into(),
            ":".into(),
            "~".into(),
            "^".into(),
            "+".into(),
            "1:".into(),
            "1.0-".into(),
            digits.clone(),
            format!("{digits}.{digits}-{digits}"),
            format!("{digits}:{digits}"),
            format!("go{digits}.{digits}rc{digits}"),
            format!("1.0_p{digits}-r{digits}"),
            format!("{digits}!{digits}.post{digits}"),
            nested,
            dots,
        ];
        for scheme in Scheme::ALL {
            for a in &inputs {
                for b in &inputs {
                    if let (Ok(x), Ok(y)) = (compare(scheme, a, b), compare(scheme, b, a)) {
                        assert_eq!(x, y.reverse(), "{} {a:?} {b:?}", scheme.as_str());
                    }
                }
                if let Ok(o) = compare(scheme, a, a) {
                    assert_eq!(o, Ordering::Equal, "{} {a:?}", scheme.as_str());
                }
            }
        }
    }
}

#[cfg(test)]
mod random_tests {
    //! A seeded random search for orders that are not total: strings built
    //! from each scheme's own alphabet, kept where they parse, then every
    //! pair checked for antisymmetry and many triples for transitivity.

    use super::*;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            // xorshift64*
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() % from.len() as u64) as usize]
        }
    }

    fn alphabet(scheme: Scheme) -> &'static [&'static str] {
        match scheme {
            Scheme::Dpkg => &["0", "1", "10", "a", "b", ".", "+", "~", "-", "1:", "Z"],
            Scheme::Apk => &[
                "0", "1", "01", "10", ".", "a", "_rc", "_p", "_alpha", "~ab", "-r",
            ],
            Scheme::Rpm => &[
                "0", "1", "01", "10", ".", "a", "b", "~", "^", "-", "1:", "_",
            ],
            Scheme::Pep440 => &[
                "0", "1", "10", ".", "a", "b", "rc", ".post", ".dev", "+", "!",
            ],
            Scheme::Semver => &["0", "1", "10", ".", "-", "a", "b", "+"],
            Scheme::Go => &["0", "1", "10", ".", "-", "a", "b", "+", "go", "rc", "beta"],
            Scheme::Maven => &["0", "1", "10", ".", "-", "a", "b", "rc", "sp", "ga", "x"],
        }
    }

    fn sample(scheme: Scheme, seed: u64, want: usize) -> Vec<String> {
        let mut rng = Rng(seed);
        let mut out = Vec::new();
        for _ in 0..want * 200 {
            if out.len() == want {
                break;
            }
            let len = 1 + rng.next() % 7;
            let s: String = (0..len).map(|_| rng.pick(alphabet(scheme))).collect();
            if compare(scheme, &s, &s).is_ok() {
                out.push(s);
            }
        }
        out
    }

    #[test]
    fn random_versions_are_totally_ordered() {
        for scheme in Scheme::ALL {
            let vs = sample(scheme, 0x5eed ^ scheme as u64, 60);
            assert!(
                vs.len() >= 20,
                "{}: only {} parsed",
                scheme.as_str(),
                vs.len()
            );
            let n = vs.len();
            let mut t = vec![vec![Ordering::Equal; n]; n];
            for i in 0..n {
                for j in 0..n {
                    t[i][j] = compare(scheme, &vs[i], &vs[j]).unwrap_or(Ordering::Equal);
                }
            }
            for i in 0..n {
                assert_eq!(t[i][i], Ordering::Equal, "{}", vs[i]);
                for j in 0..n {
                    assert_eq!(t[i][j], t[j][i].reverse(), "{} {}", vs[i], vs[j]);
                    if scheme == Scheme::Maven {
                        // Maven's order is not transitive for odd versions
                        // (see maven.rs); antisymmetry still holds.
                        continue;
                    }
                    for k in 0..n {
                        if t[i][j] != Ordering::Greater && t[j][k] != Ordering::Greater {
                            assert_ne!(
                                t[i][k],
                                Ordering::Greater,
                                "{}: {} <= {} <= {} but {} > {}",
                                scheme.as_str(),
                                vs[i],
                                vs[j],
                                vs[k],
                                vs[i],
                                vs[k]
                            );
                        }
                    }
                }
            }
        }
    }
}
