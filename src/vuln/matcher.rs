//! Judges one installed version against one advisory's affected entry: the
//! explicit `versions` list, then each ECOSYSTEM or SEMVER range with its
//! events sorted by version (OSV evaluation: introduced opens, fixed and
//! limit close at their version, last_affected closes after it). Every
//! verdict carries the range that decided it; a version that cannot be
//! ordered is unjudged with the reason, never "not affected". Pure.

use std::cmp::Ordering;

use super::advisory::{Affected, Event, Range, RangeKind};
use super::version::{self, Scheme};

/// What the matcher concluded for one affected entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Affected(Hit),
    NotAffected,
    /// A version could not be ordered, or the entry gives nothing to judge
    /// by: the reason names which.
    Unjudged(String),
}

/// Why a version is affected.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The range or list that matched, as the record states it, e.g.
    /// `ECOSYSTEM [introduced 0, fixed 3.0.15-1~deb12u1)`.
    pub range: String,
    /// The version that fixes it, when the range names one.
    pub fixed: Option<String>,
    /// The last affected version, when the range names one instead of a fix.
    pub last_affected: Option<String>,
}

impl Hit {
    /// A fix exists: a fixed version, or versions after the last affected.
    pub fn has_fix(&self) -> bool {
        self.fixed.is_some() || self.last_affected.is_some()
    }
}

/// The scheme a range's versions follow: SEMVER ranges are SemVer, except
/// that Go's SEMVER ranges carry Go versions (`+incompatible`, `go1.x`).
fn range_scheme(kind: RangeKind, ecosystem_scheme: Scheme) -> Scheme {
    match (kind, ecosystem_scheme) {
        (RangeKind::Semver, Scheme::Go) => Scheme::Go,
        (RangeKind::Semver, _) => Scheme::Semver,
        (_, s) => s,
    }
}

fn is_zero(e: &Event) -> bool {
    matches!(e, Event::Introduced(v) if v == "0")
}

/// Two events by version; `introduced 0` is below every version.
fn event_cmp(scheme: Scheme, a: &Event, b: &Event) -> Result<Ordering, String> {
    match (is_zero(a), is_zero(b)) {
        (true, true) => Ok(Ordering::Equal),
        (true, false) => Ok(Ordering::Less),
        (false, true) => Ok(Ordering::Greater),
        (false, false) => {
            version::compare(scheme, a.version(), b.version()).map_err(|e| e.to_string())
        }
    }
}

/// Events sorted by version; at one version introduced comes first, so the
/// closes after an interval's start include those at its own version.
fn sorted_events(range: &Range, scheme: Scheme) -> Result<Vec<&Event>, String> {
    let mut err = None;
    let mut cmp = |a: &Event, b: &Event| -> Ordering {
        let by_version = event_cmp(scheme, a, b).unwrap_or_else(|e| {
            err.get_or_insert(e);
            Ordering::Equal
        });
        let rank = |e: &Event| u8::from(!matches!(e, Event::Introduced(_)));
        by_version.then(rank(a).cmp(&rank(b)))
    };
    // Insertion sort: ranges hold a handful of events, and unlike the
    // standard sorts it cannot panic on an order that is not total (Maven's
    // ordering of odd qualifiers is not).
    let mut events: Vec<&Event> = Vec::with_capacity(range.events.len());
    for e in &range.events {
        let at = events
            .iter()
            .position(|x| cmp(e, x) == Ordering::Less)
            .unwrap_or(events.len());
        events.insert(at, e);
    }
    match err {
        Some(e) => Err(e),
        None => Ok(events),
    }
}

fn describe(range: &Range, open: Option<&Event>, close: Option<&Event>) -> String {
    let kind = match range.kind {
        RangeKind::Ecosystem => "ECOSYSTEM",
        RangeKind::Semver => "SEMVER",
        RangeKind::Git => "GIT",
    };
    let start = open
        .map(|e| format!("introduced {}", e.version()))
        .unwrap_or_else(|| "introduced 0".into());
    match close {
        Some(e @ Event::LastAffected(_)) => {
            format!("{kind} [{start}, {} {}]", e.name(), e.version())
        }
        Some(e) => format!("{kind} [{start}, {} {})", e.name(), e.version()),
        None => format!("{kind} [{start}, no fix)"),
    }
}

/// Judge `version` against one range.
pub fn judge_range(range: &Range, version: &str, ecosystem_scheme: Scheme) -> Verdict {
    if range.kind == RangeKind::Git {
        return Verdict::Unjudged("a GIT range names commits, not versions".into());
    }
    let scheme = range_scheme(range.kind, ecosystem_scheme);
    if let Err(e) = version::compare(scheme, version, version) {
        return Verdict::Unjudged(e.to_string());
    }
    let events = match sorted_events(range, scheme) {
        Ok(e) => e,
        Err(e) => return Verdict::Unjudged(e),
    };
    let same = |a: &Event, b: &Event| event_cmp(scheme, a, b) == Ok(Ordering::Equal);
    let closes = |e: &Event| matches!(e, Event::Fixed(_) | Event::Limit(_));
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < events.len() {
        // The event's position relative to the installed version.
        let at = if is_zero(events[i]) {
            Ordering::Less
        } else {
            match version::compare(scheme, events[i].version(), version) {
                Ok(o) => o,
                Err(err) => return Verdict::Unjudged(err.to_string()),
            }
        };
        if at == Ordering::Greater {
            break;
        }
        // The events at one version, judged together: an introduced and a
        // fix at X leave the state as it was, so `[introduced X, fixed X)`
        // stays empty while `[.., fixed X), [introduced X, ..)` stays open.
        let mut j = i + 1;
        while j < events.len() && same(events[i], events[j]) {
            j += 1;
        }
        let group = &events[i..j];
        // Opens and closes at this version: a fix or limit closes, and a
        // last_affected below the installed version does. More opens than
        // closes leave an interval open, more closes leave none, as many
        // leave the state as it was.
        let opens = group
            .iter()
            .filter(|e| matches!(e, Event::Introduced(_)))
            .count();
        let shut = group
            .iter()
            .filter(|e| closes(e) || (at == Ordering::Less && matches!(e, Event::LastAffected(_))))
            .count();
        let intro = group
            .iter()
            .position(|e| matches!(e, Event::Introduced(_)))
            .map(|k| i + k);
        open = match opens.cmp(&shut) {
            Ordering::Greater => intro,
            Ordering::Less => None,
            // The interval that stays open starts here when one opened.
            Ordering::Equal => open.and(intro.or(open)),
        };
        i = j;
    }
    let Some(start) = open else {
        return Verdict::NotAffected;
    };
    // What closes the interval the version sits in: the first close above
    // the installed version (those at or below it ended earlier intervals
    // of the range; a last_affected at the version itself still covers it).
    let at = |e: &Event| version::compare(scheme, e.version(), version).ok();
    let close = events[start + 1..].iter().copied().find(|e| match e {
        Event::Introduced(_) => false,
        Event::LastAffected(_) => matches!(at(e), Some(Ordering::Greater | Ordering::Equal)),
        _ => at(e) == Some(Ordering::Greater),
    });
    Verdict::Affected(Hit {
        range: describe(range, Some(events[start]), close),
        fixed: match close {
            Some(Event::Fixed(v)) => Some(v.clone()),
            _ => None,
        },
        last_affected: match close {
            Some(Event::LastAffected(v)) => Some(v.clone()),
            _ => None,
        },
    })
}

/// Judge `version` against one affected entry: the `versions` list, then
/// every range. Affected wins over unjudged, unjudged over not affected.
pub fn judge(affected: &Affected, version: &str, scheme: Scheme) -> Verdict {
    let mut unjudged: Option<String> = None;
    let listed = affected.versions.iter().any(|v| {
        v == version || matches!(version::compare(scheme, v, version), Ok(Ordering::Equal))
    });
    let mut hit: Option<Hit> = None;
    // GIT ranges name commits: they are judged only through the versions
    // list publishers derive from them.
    let judgeable: Vec<&Range> = affected
        .ranges
        .iter()
        .filter(|r| r.kind != RangeKind::Git)
        .collect();
    for range in judgeable.iter().copied() {
        match judge_range(range, version, scheme) {
            Verdict::Affected(h) => {
                hit = Some(h);
                break;
            }
            Verdict::Unjudged(r) => {
                unjudged.get_or_insert(r);
            }
            Verdict::NotAffected => {}
        }
    }
    if listed {
        // The list decides; a range that also matched supplies the fix.
        let fixed = hit.as_ref().and_then(|h| h.fixed.clone());
        let last_affected = hit.as_ref().and_then(|h| h.last_affected.clone());
        return Verdict::Affected(Hit {
            range: format!("listed in the affected versions ({version})"),
            fixed,
            last_affected,
        });
    }
    if let Some(h) = hit {
        return Verdict::Affected(h);
    }
    if let Some(r) = unjudged {
        return Verdict::Unjudged(r);
    }
    if judgeable.is_empty() && affected.versions.is_empty() {
        return Verdict::Unjudged(if affected.ranges.is_empty() {
            "the advisory gives no range and no version list".into()
        } else {
            "the advisory gives only GIT ranges (commits), no versions".into()
        });
    }
    Verdict::NotAffected
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(kind: RangeKind, events: &[(&str, &str)]) -> Range {
        Range {
            kind,
            events: events
                .iter()
                .map(|(k, v)| {
                    let v = v.to_string();
                    match *k {
                        "introduced" => Event::Introduced(v),
                        "fixed" => Event::Fixed(v),
                        "last_affected" => Event::LastAffected(v),
                        _ => Event::Limit(v),
                    }
                })
                .collect(),
        }
    }

    fn eco(events: &[(&str, &str)]) -> Range {
        range(RangeKind::Ecosystem, events)
    }

    fn affected(v: &str, r: &Range, s: Scheme) -> bool {
        matches!(judge_range(r, v, s), Verdict::Affected(_))
    }

    #[test]
    fn fixed_version_itself_is_not_affected() {
        let r = eco(&[("introduced", "0"), ("fixed", "2.31.0")]);
        assert!(affected("2.30.9", &r, Scheme::Pep440));
        assert!(!affected("2.31.0", &r, Scheme::Pep440));
        assert!(
            !affected("2.31", &r, Scheme::Pep440),
            "4.2 == 4.2.0 normalisation"
        );
        assert!(
            affected("2.31.0rc1", &r, Scheme::Pep440),
            "a pre-release of the fix"
        );
        assert!(!affected("2.32.0", &r, Scheme::Pep440));
        match judge_range(&r, "1.0", Scheme::Pep440) {
            Verdict::Affected(h) => {
                assert_eq!(h.fixed.as_deref(), Some("2.31.0"));
                assert_eq!(h.range, "ECOSYSTEM [introduced 0, fixed 2.31.0)");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn introduced_version_itself_is_affected() {
        let r = eco(&[("introduced", "1.2.0"), ("fixed", "1.4.0")]);
        assert!(!affected("1.1.9", &r, Scheme::Pep440));
        assert!(affected("1.2.0", &r, Scheme::Pep440));
        assert!(affected("1.3.5", &r, Scheme::Pep440));
    }

    #[test]
    fn last_affected_itself_is_affected_and_after_is_not() {
        let r = eco(&[("introduced", "0"), ("last_affected", "0.9.3")]);
        assert!(affected("0.9.3", &r, Scheme::Semver));
        assert!(!affected("0.9.4", &r, Scheme::Semver));
        match judge_range(&r, "0.1.0", Scheme::Semver) {
            Verdict::Affected(h) => {
                assert_eq!(h.fixed, None);
                assert_eq!(h.last_affected.as_deref(), Some("0.9.3"));
                assert!(h.has_fix());
                assert_eq!(h.range, "ECOSYSTEM [introduced 0, last_affected 0.9.3]");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn limit_closes_like_fixed_but_is_no_fix() {
        let r = eco(&[("introduced", "1.0.0"), ("limit", "2.0.0")]);
        assert!(affected("1.5.0", &r, Scheme::Semver));
        assert!(!affected("2.0.0", &r, Scheme::Semver));
        match judge_range(&r, "1.5.0", Scheme::Semver) {
            Verdict::Affected(h) => assert!(!h.has_fix()),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn empty_range_matches_nothing() {
        let r = eco(&[("introduced", "1.0.0"), ("fixed", "1.0.0")]);
        for v in ["0.9.0", "1.0.0", "1.0.1"] {
            assert!(!affected(v, &r, Scheme::Semver), "{v}");
        }
        let none = eco(&[]);
        assert_eq!(
            judge_range(&none, "1.0.0", Scheme::Semver),
            Verdict::NotAffected
        );
    }

    #[test]
    fn intervals_that_meet_at_one_version_cover_both() {
        // (events, affected versions, versions not affected)
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static [&'static str],
            &'static [&'static str],
        );
        let cases: &[Case] = &[
            // [1.0, 2.0) and [2.0, 3.0): every version from 1.0 up to 3.0.
            (
                &[
                    ("introduced", "1.0.0"),
                    ("fixed", "2.0.0"),
                    ("introduced", "2.0.0"),
                    ("fixed", "3.0.0"),
                ],
                &["1.0.0", "1.9.9", "2.0.0", "2.5.0", "2.9.9"],
                &["0.9.0", "3.0.0", "3.1.0"],
            ),
            // An empty interval after a real one stays empty, also where
            // the real one ends.
            (
                &[
                    ("introduced", "1.0.0"),
                    ("fixed", "1.5.0"),
                    ("introduced", "2.0.0"),
                    ("fixed", "2.0.0"),
                ],
                &["1.2.0"],
                &["1.5.0", "2.0.0", "2.1.0"],
            ),
            (
                &[
                    ("introduced", "1.0.0"),
                    ("fixed", "2.0.0"),
                    ("introduced", "2.0.0"),
                    ("fixed", "2.0.0"),
                ],
                &["1.5.0"],
                &["2.0.0", "2.5.0"],
            ),
            // [1.0, 1.5] and [1.5, 2.0] by last_affected: 1.7 is affected.
            (
                &[
                    ("introduced", "1.0.0"),
                    ("last_affected", "1.5.0"),
                    ("introduced", "1.5.0"),
                    ("last_affected", "2.0.0"),
                ],
                &["1.2.0", "1.5.0", "1.7.0", "2.0.0"],
                &["2.0.1"],
            ),
            // A redundant introduced is one interval, closed by one fix.
            (
                &[
                    ("introduced", "1.0.0"),
                    ("introduced", "1.2.0"),
                    ("fixed", "3.0.0"),
                ],
                &["2.0.0"],
                &["3.0.0"],
            ),
            // Only X affected: [introduced X, last_affected X].
            (
                &[("introduced", "2.0.0"), ("last_affected", "2.0.0")],
                &["2.0.0"],
                &["2.0.1"],
            ),
        ];
        for (events, yes, no) in cases {
            let r = eco(events);
            for v in *yes {
                assert!(affected(v, &r, Scheme::Semver), "{v} in {events:?}");
            }
            for v in *no {
                assert!(!affected(v, &r, Scheme::Semver), "{v} not in {events:?}");
            }
        }
        // The close reported is the one above the version.
        let hit = |i: usize, v: &str| match judge_range(&eco(cases[i].0), v, Scheme::Semver) {
            Verdict::Affected(h) => (h.fixed, h.last_affected),
            v => panic!("{v:?}"),
        };
        assert_eq!(hit(0, "2.5.0"), (Some("3.0.0".into()), None));
        assert_eq!(hit(3, "1.7.0"), (None, Some("2.0.0".into())));
    }

    #[test]
    fn unsorted_events_are_sorted_first() {
        // Two intervals written out of order: [1.0, 1.2) and [2.0, 2.3).
        let r = eco(&[
            ("fixed", "2.3.0"),
            ("introduced", "2.0.0"),
            ("fixed", "1.2.0"),
            ("introduced", "1.0.0"),
        ]);
        assert!(!affected("0.5.0", &r, Scheme::Semver));
        assert!(affected("1.1.0", &r, Scheme::Semver));
        assert!(!affected("1.5.0", &r, Scheme::Semver));
        assert!(affected("2.2.9", &r, Scheme::Semver));
        assert!(!affected("2.3.0", &r, Scheme::Semver));
        match judge_range(&r, "2.1.0", Scheme::Semver) {
            Verdict::Affected(h) => assert_eq!(h.fixed.as_deref(), Some("2.3.0")),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn unfixed_range_is_affected_with_no_fix() {
        let r = eco(&[("introduced", "0")]);
        match judge_range(&r, "1:2.3-4", Scheme::Dpkg) {
            Verdict::Affected(h) => {
                assert!(!h.has_fix());
                assert_eq!(h.range, "ECOSYSTEM [introduced 0, no fix)");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn dpkg_backported_fix_is_not_affected() {
        // A Debian stable update carries the fix as a +debNuM revision.
        let r = eco(&[("introduced", "0"), ("fixed", "3.0.15-1~deb12u1")]);
        assert!(affected("3.0.11-1~deb12u2", &r, Scheme::Dpkg));
        assert!(!affected("3.0.15-1~deb12u1", &r, Scheme::Dpkg));
        assert!(!affected("3.0.16-1~deb12u1", &r, Scheme::Dpkg));
    }

    #[test]
    fn unorderable_version_is_unjudged_never_clean() {
        let r = eco(&[("introduced", "0"), ("fixed", "1.0")]);
        assert!(matches!(
            judge_range(&r, "", Scheme::Pep440),
            Verdict::Unjudged(_)
        ));
        let bad = eco(&[("introduced", "0"), ("fixed", "not a version!!")]);
        assert!(matches!(
            judge_range(&bad, "1.0", Scheme::Pep440),
            Verdict::Unjudged(_)
        ));
        let git = range(RangeKind::Git, &[("introduced", "abc123")]);
        assert!(matches!(
            judge_range(&git, "1.0", Scheme::Pep440),
            Verdict::Unjudged(_)
        ));
    }

    #[test]
    fn go_semver_ranges_take_go_versions() {
        let r = range(
            RangeKind::Semver,
            &[("introduced", "0"), ("fixed", "20.10.27+incompatible")],
        );
        assert!(affected("v20.10.24+incompatible", &r, Scheme::Go));
        assert!(!affected("v20.10.27+incompatible", &r, Scheme::Go));
        let std = range(
            RangeKind::Semver,
            &[("introduced", "1.21.0"), ("fixed", "1.21.5")],
        );
        assert!(affected("go1.21.3", &std, Scheme::Go));
        assert!(!affected("go1.22.0", &std, Scheme::Go));
    }

    #[test]
    fn versions_list_and_entries_without_data() {
        let a = Affected {
            versions: vec!["1.0.0".into(), "1.0.1".into()],
            ..Default::default()
        };
        assert!(matches!(
            judge(&a, "1.0.1", Scheme::Semver),
            Verdict::Affected(_)
        ));
        assert_eq!(judge(&a, "1.0.2", Scheme::Semver), Verdict::NotAffected);
        let empty = Affected::default();
        assert!(matches!(
            judge(&empty, "1.0.0", Scheme::Semver),
            Verdict::Unjudged(_)
        ));
        // An affected range wins over a range that cannot be judged.
        let mixed = Affected {
            ranges: vec![
                range(RangeKind::Git, &[("introduced", "abc")]),
                eco(&[("introduced", "0"), ("fixed", "2.0.0")]),
            ],
            ..Default::default()
        };
        assert!(matches!(
            judge(&mixed, "1.0.0", Scheme::Semver),
            Verdict::Affected(_)
        ));
        // A GIT range beside an ecosystem range does not make a clean
        // version unjudged (PyPA records carry both).
        assert_eq!(judge(&mixed, "2.0.0", Scheme::Semver), Verdict::NotAffected);
        let git_only = Affected {
            ranges: vec![range(RangeKind::Git, &[("introduced", "abc")])],
            ..Default::default()
        };
        assert!(matches!(
            judge(&git_only, "2.0.0", Scheme::Semver),
            Verdict::Unjudged(_)
        ));
    }
}
