//! `dockaudit diff`: which failing findings are new, fixed or unchanged
//! between two runs, by role. Pure over stored records.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{FindingRecord, RunRecord};

/// A run as the diff names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunRef {
    pub id: i64,
    pub command: String,
    pub target_kind: String,
    pub target: String,
    pub host: String,
    pub started_at: String,
}

impl From<&RunRecord> for RunRef {
    fn from(r: &RunRecord) -> Self {
        RunRef {
            id: r.id,
            command: r.info.command.clone(),
            target_kind: r.info.target_kind.clone(),
            target: r.info.target.clone(),
            host: r.info.host.clone(),
            started_at: r.info.started_at.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub new: usize,
    pub fixed: usize,
    pub unchanged: usize,
    pub not_judged: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleDiff {
    pub role: String,
    pub counts: Counts,
    /// Failing in B, not in A.
    pub new: Vec<FindingRecord>,
    /// Failing in A, not in B.
    pub fixed: Vec<FindingRecord>,
    /// Failing in both (B's record).
    pub unchanged: Vec<FindingRecord>,
    /// Failing in A, whose check judged nothing in B (error, skipped):
    /// not known fixed.
    pub not_judged: Vec<FindingRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub run_a: RunRef,
    pub run_b: RunRef,
    pub counts: Counts,
    /// Roles sorted by name; a role with nothing in it is left out.
    pub roles: Vec<RoleDiff>,
}

/// The failing findings of two runs compared (a finding accepted in the
/// newer run is unchanged: it is still there).
pub struct Changes<'a> {
    /// Failing in B, not in A.
    pub new: Vec<&'a FindingRecord>,
    /// Failing in A, not in B, and its check judged B.
    pub fixed: Vec<&'a FindingRecord>,
    /// Failing in both (B's record).
    pub unchanged: Vec<&'a FindingRecord>,
    /// Failing in A, its check judged nothing in B: not known fixed.
    pub not_judged: Vec<&'a FindingRecord>,
}

/// Compares by fingerprint. A finding whose fingerprint took or lost a `~`
/// suffix because a sibling sharing its source came or went (a second
/// added capability) is the same finding: same base fingerprint, check,
/// subject and message. `unjudged_in_b`: the checks that judged nothing in
/// B, and the subjects checks did not judge in B (`CHECK KIND NAME`);
/// `ran_in_b`, when known, the checks B ran (one it did not run judged
/// nothing either). A
/// finding accepted in B (suppressed) is still there: unchanged, not fixed.
pub fn changes<'a>(
    fa: &'a [FindingRecord],
    fb: &'a [FindingRecord],
    unjudged_in_b: &BTreeSet<&str>,
    ran_in_b: Option<&BTreeSet<&str>>,
) -> Changes<'a> {
    let failing = |fs: &'a [FindingRecord]| -> BTreeMap<&'a str, &'a FindingRecord> {
        fs.iter()
            .filter(|f| f.status == "fail")
            .map(|f| (f.fingerprint.as_str(), f))
            .collect()
    };
    let (ma, mb) = (failing(fa), failing(fb));
    let keys: BTreeSet<&str> = ma.keys().chain(mb.keys()).copied().collect();
    let mut out = Changes {
        new: Vec::new(),
        fixed: Vec::new(),
        unchanged: Vec::new(),
        not_judged: Vec::new(),
    };
    let accepted_in_b: BTreeMap<&str, &FindingRecord> = fb
        .iter()
        .filter(|f| f.status == "suppressed")
        .map(|f| (f.fingerprint.as_str(), f))
        .collect();
    let mut gone = Vec::new();
    for k in keys {
        match (ma.get(k), mb.get(k)) {
            (None, Some(f)) => out.new.push(*f),
            (Some(f), None) => gone.push(*f),
            (Some(_), Some(f)) => out.unchanged.push(*f),
            (None, None) => {}
        }
    }
    let base = |f: &FindingRecord| f.fingerprint.split('~').next().unwrap_or("").to_string();
    for g in gone {
        let same = out.new.iter().position(|c| {
            base(c) == base(g)
                && c.check_id == g.check_id
                && c.subject == g.subject
                && c.message == g.message
        });
        match same {
            Some(j) => {
                let c = out.new.remove(j);
                out.unchanged.push(c);
            }
            None if ran_in_b.is_some_and(|r| !r.contains(g.check_id.as_str()))
                || unjudged_in_b.contains(g.check_id.as_str())
                || unjudged_in_b.contains(
                    crate::report::not_judged_key(&g.check_id, &g.subject_kind, &g.subject)
                        .as_str(),
                ) =>
            {
                out.not_judged.push(g)
            }
            None => match accepted_in_b.get(g.fingerprint.as_str()) {
                Some(b) => out.unchanged.push(b),
                None => out.fixed.push(g),
            },
        }
    }
    out
}

/// Compares the failing findings of two runs ([`changes`]), by role.
pub fn diff(a: &RunRecord, fa: &[FindingRecord], b: &RunRecord, fb: &[FindingRecord]) -> Diff {
    let c = changes(fa, fb, &not_judged(b), ran(b).as_ref());
    let mut roles: BTreeMap<String, RoleDiff> = BTreeMap::new();
    let mut put = |list: Vec<&FindingRecord>,
                   pick: fn(&mut RoleDiff) -> &mut Vec<FindingRecord>| {
        for f in list {
            pick(entry(&mut roles, &f.role)).push(f.clone());
        }
    };
    put(c.new, |r| &mut r.new);
    put(c.fixed, |r| &mut r.fixed);
    put(c.unchanged, |r| &mut r.unchanged);
    put(c.not_judged, |r| &mut r.not_judged);
    let mut total = Counts::default();
    let mut out: Vec<RoleDiff> = roles.into_values().collect();
    for r in &mut out {
        for list in [
            &mut r.new,
            &mut r.fixed,
            &mut r.unchanged,
            &mut r.not_judged,
        ] {
            list.sort_by(|x, y| {
                (&x.check_id, &x.subject, &x.fingerprint).cmp(&(
                    &y.check_id,
                    &y.subject,
                    &y.fingerprint,
                ))
            });
        }
        r.counts = Counts {
            new: r.new.len(),
            fixed: r.fixed.len(),
            unchanged: r.unchanged.len(),
            not_judged: r.not_judged.len(),
        };
        total.new += r.counts.new;
        total.fixed += r.counts.fixed;
        total.unchanged += r.counts.unchanged;
        total.not_judged += r.counts.not_judged;
    }
    Diff {
        run_a: a.into(),
        run_b: b.into(),
        counts: total,
        roles: out,
    }
}

fn entry<'a>(roles: &'a mut BTreeMap<String, RoleDiff>, r: &str) -> &'a mut RoleDiff {
    roles.entry(r.to_string()).or_insert_with(|| RoleDiff {
        role: r.to_string(),
        counts: Counts::default(),
        new: Vec::new(),
        fixed: Vec::new(),
        unchanged: Vec::new(),
        not_judged: Vec::new(),
    })
}

/// The checks a run's summary lists as having judged nothing.
pub fn not_judged(r: &RunRecord) -> BTreeSet<&str> {
    ["not_judged", "not_judged_subjects"]
        .iter()
        .flat_map(|k| r.summary[*k].as_array().into_iter().flatten())
        .filter_map(|v| v.as_str())
        .collect()
}

/// The checks a run ran, when its summary keeps them.
pub fn ran(r: &RunRecord) -> Option<BTreeSet<&str>> {
    let list = r.summary[super::RAN].as_array()?;
    Some(list.iter().filter_map(|v| v.as_str()).collect())
}

/// The diff as text: counts, then per role the new and fixed findings
/// (unchanged ones counted only).
pub fn write_text(d: &Diff, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let name = |r: &RunRef| {
        format!(
            "run {} ({} {} on {}, {})",
            r.id, r.command, r.target, r.host, r.started_at
        )
    };
    writeln!(out, "from {}", name(&d.run_a))?;
    writeln!(out, "to   {}", name(&d.run_b))?;
    let unjudged = |n: usize| {
        if n == 0 {
            String::new()
        } else {
            format!(", {n} not judged in the newer run")
        }
    };
    writeln!(
        out,
        "{} new, {} fixed, {} unchanged{}",
        d.counts.new,
        d.counts.fixed,
        d.counts.unchanged,
        unjudged(d.counts.not_judged)
    )?;
    for r in &d.roles {
        writeln!(
            out,
            "\n{}: {} new, {} fixed, {} unchanged{}",
            r.role,
            r.counts.new,
            r.counts.fixed,
            r.counts.unchanged,
            unjudged(r.counts.not_judged)
        )?;
        for (mark, list) in [("+", &r.new), ("-", &r.fixed), ("?", &r.not_judged)] {
            for f in list {
                writeln!(
                    out,
                    "  {mark} {} [{}] {} {}: {}",
                    f.check_id, f.severity, f.subject_kind, f.subject, f.message
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RunInfo;

    fn run(id: i64) -> RunRecord {
        RunRecord {
            id,
            info: RunInfo {
                command: "host".into(),
                target_kind: "host".into(),
                target: "local".into(),
                host: "h1".into(),
                started_at: format!("2026-01-0{id}T00:00:00.000Z"),
                version: "0".into(),
            },
            finished_at: None,
            summary: serde_json::Value::Null,
            findings: 0,
            subjects: 0,
        }
    }

    fn f(fp: &str, role: &str, status: &str) -> FindingRecord {
        FindingRecord {
            fingerprint: fp.into(),
            check_id: "RES-001".into(),
            section: "resources".into(),
            subject_kind: "container".into(),
            subject: fp.into(),
            subject_id: None,
            role: role.into(),
            severity: "high".into(),
            status: status.into(),
            message: "m".into(),
            evidence_key: "k".into(),
        }
    }

    #[test]
    fn a_finding_that_gains_a_sibling_is_unchanged() {
        // Run a: one added capability (bare fingerprint). Run b: a second
        // one added; both now carry `~<hash>` suffixes.
        let cap = |fp: &str, m: &str| FindingRecord {
            subject: "web".into(),
            message: m.into(),
            ..f(fp, "web", "fail")
        };
        let a = [cap("fp", "adds capability NET_ADMIN")];
        let b = [
            cap("fp~aa", "adds capability NET_ADMIN"),
            cap("fp~bb", "adds capability SYS_ADMIN"),
        ];
        let d = diff(&run(1), &a, &run(2), &b);
        assert_eq!(
            d.counts,
            Counts {
                new: 1,
                fixed: 0,
                unchanged: 1,
                ..Default::default()
            }
        );
        assert_eq!(d.roles[0].new[0].message, "adds capability SYS_ADMIN");
        // And back: SYS_ADMIN fixed, NET_ADMIN unchanged.
        let d = diff(&run(2), &b, &run(3), &a);
        assert_eq!(
            (d.counts.fixed, d.counts.unchanged, d.counts.new),
            (1, 1, 0)
        );
        assert_eq!(d.roles[0].fixed[0].message, "adds capability SYS_ADMIN");
    }

    fn text_of(d: &Diff) -> String {
        let mut text = Vec::new();
        write_text(d, &mut text).unwrap();
        String::from_utf8(text).unwrap()
    }

    #[test]
    fn findings_of_a_check_that_judged_nothing_are_not_fixed() {
        let a = [f("1", "web", "fail"), f("2", "web", "fail")];
        let mut rb = run(2);
        rb.summary = serde_json::json!({"not_judged": ["RES-001"]});
        let b = [f("2", "web", "fail")];
        let d = diff(&run(1), &a, &rb, &b);
        let c = &d.counts;
        assert_eq!((c.new, c.fixed, c.unchanged, c.not_judged), (0, 0, 1, 1));
        assert_eq!(d.roles[0].not_judged[0].fingerprint, "1");
        let text = text_of(&d);
        assert!(text.contains("1 not judged in the newer run"), "{text}");
        assert!(text.contains("  ? RES-001"), "{text}");
        // A subject the check did not judge in the newer run, while it
        // judged others: its finding is not known fixed either.
        let mut rb = run(2);
        rb.summary = serde_json::json!({"not_judged_subjects": ["RES-001 container 1"]});
        let d = diff(&run(1), &a, &rb, &b);
        let c = &d.counts;
        assert_eq!((c.fixed, c.not_judged), (0, 1));
    }

    #[test]
    fn findings_of_a_check_the_newer_run_did_not_run_are_not_fixed() {
        // Run b ran only RES-002 (`--select`): RES-001's finding is not
        // known fixed. A run recorded before the list was kept (no key)
        // keeps the earlier reading.
        let a = [f("1", "web", "fail")];
        let mut rb = run(2);
        rb.summary = serde_json::json!({ (super::super::RAN): ["RES-002"] });
        let d = diff(&run(1), &a, &rb, &[]);
        assert_eq!((d.counts.fixed, d.counts.not_judged), (0, 1));
        rb.summary = serde_json::json!({ (super::super::RAN): ["RES-001", "RES-002"] });
        let d = diff(&run(1), &a, &rb, &[]);
        assert_eq!((d.counts.fixed, d.counts.not_judged), (1, 0));
        let d = diff(&run(1), &a, &run(2), &[]);
        assert_eq!((d.counts.fixed, d.counts.not_judged), (1, 0));
    }

    #[test]
    fn new_fixed_unchanged_by_role() {
        let a = [
            f("1", "web", "fail"),
            f("2", "web", "fail"),
            f("3", "db", "fail"),
        ];
        let b = [
            f("2", "web", "fail"),
            f("3", "db", "suppressed"),
            f("4", "db", "fail"),
        ];
        let d = diff(&run(1), &a, &run(2), &b);
        assert_eq!(
            d.counts,
            Counts {
                new: 1,
                fixed: 1,
                unchanged: 2,
                ..Default::default()
            }
        );
        let roles: Vec<&str> = d.roles.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(roles, ["db", "web"]);
        assert_eq!(d.roles[0].new[0].fingerprint, "4");
        // Accepted in the newer run: still there, not fixed.
        assert_eq!(d.roles[0].unchanged[0].fingerprint, "3");
        assert_eq!(d.roles[0].unchanged[0].status, "suppressed");
        assert_eq!(d.roles[1].fixed[0].fingerprint, "1");
        assert_eq!(d.roles[1].unchanged[0].fingerprint, "2");
        let text = text_of(&d);
        assert!(text.contains("1 new, 1 fixed, 2 unchanged"), "{text}");
        assert!(text.contains("  + RES-001 [high] container 4: m"), "{text}");
    }
}
