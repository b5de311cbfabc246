//! `dockaudit fleet`: per host and per role, section scores, the worst
//! findings and the hosts not heard from. Pure over stored records.
//!
//! A score is the share of verdicts that passed: every audited container
//! or image (its newest record) counts one verdict per check that judged
//! it, in the check's checklist section. The worst findings come from the
//! newest run of each command and target of each host.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{FindingRecord, RunRecord, StoredSubject};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub section: String,
    pub pass: u64,
    pub fail: u64,
    /// pass / (pass + fail) in percent, one decimal; null when nothing was
    /// judged.
    pub percent: Option<f64>,
}

impl Score {
    fn finish(&mut self) {
        let judged = self.pass + self.fail;
        self.percent =
            (judged > 0).then(|| ((self.pass as f64 * 1000.0) / judged as f64).round() / 10.0);
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HostSummary {
    pub host: String,
    /// The newest run start or end, heartbeat of a run going on (`watch`),
    /// or subject audit, of this host.
    pub last_seen: String,
    pub stale: bool,
    pub runs: u64,
    pub containers: u64,
    pub failing_containers: u64,
    pub gone_containers: u64,
    pub images: u64,
    pub total: Score,
    pub sections: Vec<Score>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleSummary {
    pub role: String,
    pub hosts: Vec<String>,
    pub subjects: u64,
    pub failing_subjects: u64,
    pub total: Score,
    pub sections: Vec<Score>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorstFinding {
    pub check_id: String,
    pub title: String,
    pub section: String,
    pub severity: String,
    /// Distinct subjects failing it.
    pub subjects: u64,
    pub hosts: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fleet {
    pub generated_at: String,
    /// Hosts not heard from for this many hours are stale.
    pub stale_after_hours: f64,
    pub hosts: Vec<HostSummary>,
    pub roles: Vec<RoleSummary>,
    pub worst_findings: Vec<WorstFinding>,
    pub stale_hosts: Vec<String>,
}

fn severity_rank(s: &str) -> u8 {
    match s {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

fn section_of(check_id: &str) -> String {
    crate::checks::find(check_id)
        .map(|c| c.section.slug().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Adds a subject's verdicts to per-section scores.
fn add(scores: &mut BTreeMap<String, Score>, s: &super::SubjectRecord) {
    for (ids, pass) in [(&s.passing, true), (&s.failing, false)] {
        for id in ids {
            let sec = section_of(id);
            let e = scores.entry(sec.clone()).or_insert_with(|| Score {
                section: sec,
                ..Score::default()
            });
            if pass {
                e.pass += 1;
            } else {
                e.fail += 1;
            }
        }
    }
}

/// Section scores in checklist order, and their total.
fn finish(scores: BTreeMap<String, Score>) -> (Score, Vec<Score>) {
    let mut total = Score {
        section: "total".to_string(),
        ..Score::default()
    };
    let order: Vec<&str> = crate::checks::Section::ALL
        .iter()
        .map(|s| s.slug())
        .collect();
    let mut out: Vec<Score> = scores.into_values().collect();
    out.sort_by_key(|s| {
        order
            .iter()
            .position(|o| *o == s.section)
            .unwrap_or(usize::MAX)
    });
    for s in &mut out {
        total.pass += s.pass;
        total.fail += s.fail;
        s.finish();
    }
    total.finish();
    (total, out)
}

/// Builds the fleet view. `heartbeats` are the newest heartbeat of each
/// host (host, time); `latest_findings` are the findings of the newest run
/// of each command and target of each host, with that run's host.
pub fn fleet(
    runs: &[RunRecord],
    heartbeats: &[(String, String)],
    subjects: &[StoredSubject],
    latest_findings: &[(String, FindingRecord)],
    now: chrono::DateTime<chrono::Utc>,
    stale_after: chrono::Duration,
    top: usize,
) -> Fleet {
    // The newest record of each subject on each host.
    let mut newest: BTreeMap<(String, String, String), &super::SubjectRecord> = BTreeMap::new();
    for s in subjects {
        let k = (
            s.subject.host.clone(),
            s.subject.kind.clone(),
            s.subject.id.clone(),
        );
        match newest.get(&k) {
            Some(prev) if prev.audited_at >= s.subject.audited_at => {}
            _ => {
                newest.insert(k, &s.subject);
            }
        }
    }
    let mut last_seen: BTreeMap<String, String> = BTreeMap::new();
    let mut seen = |host: &str, t: &str| {
        let e = last_seen.entry(host.to_string()).or_default();
        if t > e.as_str() {
            *e = t.to_string();
        }
    };
    let mut run_counts: BTreeMap<String, u64> = BTreeMap::new();
    for r in runs {
        seen(&r.info.host, &r.info.started_at);
        if let Some(f) = &r.finished_at {
            seen(&r.info.host, f);
        }
        *run_counts.entry(r.info.host.clone()).or_default() += 1;
    }
    for (host, at) in heartbeats {
        seen(host, at);
    }
    for s in newest.values() {
        seen(&s.host, &s.audited_at);
    }
    let cutoff = super::time_text(now - stale_after);
    let mut hosts = Vec::new();
    let mut stale_hosts = Vec::new();
    for (host, t) in &last_seen {
        let mine: Vec<&&super::SubjectRecord> =
            newest.values().filter(|s| &s.host == host).collect();
        let mut scores = BTreeMap::new();
        for s in &mine {
            add(&mut scores, s);
        }
        let (total, sections) = finish(scores);
        let containers: Vec<_> = mine.iter().filter(|s| s.kind == "container").collect();
        let stale = t.as_str() < cutoff.as_str();
        if stale {
            stale_hosts.push(host.clone());
        }
        hosts.push(HostSummary {
            host: host.clone(),
            last_seen: t.clone(),
            stale,
            runs: run_counts.get(host).copied().unwrap_or(0),
            containers: containers.iter().filter(|s| s.state != "gone").count() as u64,
            failing_containers: containers.iter().filter(|s| !s.failing.is_empty()).count() as u64,
            gone_containers: containers.iter().filter(|s| s.state == "gone").count() as u64,
            images: mine.iter().filter(|s| s.kind == "image").count() as u64,
            total,
            sections,
        });
    }
    let mut by_role: BTreeMap<String, Vec<&super::SubjectRecord>> = BTreeMap::new();
    for s in newest.values() {
        by_role.entry(s.role.clone()).or_default().push(s);
    }
    let roles = by_role
        .into_iter()
        .map(|(role, list)| {
            let mut scores = BTreeMap::new();
            for s in &list {
                add(&mut scores, s);
            }
            let (total, sections) = finish(scores);
            let hosts: BTreeSet<String> = list.iter().map(|s| s.host.clone()).collect();
            RoleSummary {
                role,
                hosts: hosts.into_iter().collect(),
                subjects: list.iter().filter(|s| s.state != "gone").count() as u64,
                failing_subjects: list.iter().filter(|s| !s.failing.is_empty()).count() as u64,
                total,
                sections,
            }
        })
        .collect();
    type Acc = (
        BTreeSet<(String, String, String)>,
        BTreeSet<String>,
        BTreeSet<String>,
    );
    let mut worst: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for (host, f) in latest_findings.iter().filter(|(_, f)| f.status == "fail") {
        let e = worst
            .entry((f.check_id.clone(), f.severity.clone()))
            .or_default();
        e.0.insert((host.clone(), f.subject_kind.clone(), f.subject.clone()));
        e.1.insert(host.clone());
        e.2.insert(f.role.clone());
    }
    let mut worst_findings: Vec<WorstFinding> = worst
        .into_iter()
        .map(
            |((check_id, severity), (subjects, hosts, roles))| WorstFinding {
                title: crate::checks::find(&check_id)
                    .map(|c| c.title.to_string())
                    .unwrap_or_default(),
                section: section_of(&check_id),
                check_id,
                severity,
                subjects: subjects.len() as u64,
                hosts: hosts.into_iter().collect(),
                roles: roles.into_iter().collect(),
            },
        )
        .collect();
    worst_findings.sort_by(|a, b| {
        severity_rank(&b.severity)
            .cmp(&severity_rank(&a.severity))
            .then(b.subjects.cmp(&a.subjects))
            .then(a.check_id.cmp(&b.check_id))
    });
    worst_findings.truncate(top);
    Fleet {
        generated_at: super::time_text(now),
        stale_after_hours: stale_after.num_seconds() as f64 / 3600.0,
        hosts,
        roles,
        worst_findings,
        stale_hosts,
    }
}

/// The fleet as text.
pub fn write_text(f: &Fleet, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let pct = |s: &Score| {
        s.percent
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "-".into())
    };
    writeln!(out, "hosts:")?;
    for h in &f.hosts {
        writeln!(
            out,
            "  {:<24} score {:>6}  last seen {}{}  {} runs, {} containers ({} failing, {} gone), {} images",
            h.host,
            pct(&h.total),
            h.last_seen,
            if h.stale { " (STALE)" } else { "" },
            h.runs,
            h.containers,
            h.failing_containers,
            h.gone_containers,
            h.images
        )?;
        let secs: Vec<String> = h
            .sections
            .iter()
            .map(|s| format!("{} {}", s.section, pct(s)))
            .collect();
        if !secs.is_empty() {
            writeln!(out, "    {}", secs.join(", "))?;
        }
    }
    writeln!(out, "\nroles:")?;
    for r in &f.roles {
        writeln!(
            out,
            "  {:<40} score {:>6}  {} subjects ({} failing) on {}",
            r.role,
            pct(&r.total),
            r.subjects,
            r.failing_subjects,
            r.hosts.join(", ")
        )?;
    }
    writeln!(out, "\nworst findings:")?;
    for w in &f.worst_findings {
        writeln!(
            out,
            "  [{}] {} {}: {} subjects on {} host(s) ({})",
            w.severity,
            w.check_id,
            w.title,
            w.subjects,
            w.hosts.len(),
            w.roles.join(", ")
        )?;
    }
    if f.stale_hosts.is_empty() {
        writeln!(
            out,
            "\nevery host was heard from within {} h",
            f.stale_after_hours
        )?;
    } else {
        writeln!(
            out,
            "\nnot heard from within {} h: {}",
            f.stale_after_hours,
            f.stale_hosts.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{RunInfo, SubjectRecord};

    fn subject(host: &str, id: &str, role: &str, at: &str, failing: &[&str]) -> StoredSubject {
        StoredSubject {
            run_id: 1,
            subject: SubjectRecord {
                kind: "container".into(),
                id: id.into(),
                name: id.into(),
                role: role.into(),
                host: host.into(),
                audited_at: at.into(),
                state: "audited".into(),
                reason: None,
                failing: failing.iter().map(|s| s.to_string()).collect(),
                passing: vec!["RES-002".into()],
                event: None,
                source: None,
            },
        }
    }

    #[test]
    fn hosts_roles_worst_and_stale() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-10T00:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let run = RunRecord {
            id: 1,
            info: RunInfo {
                command: "watch".into(),
                target_kind: "engine".into(),
                target: "unix:///x".into(),
                host: "old".into(),
                started_at: "2026-01-01T00:00:00.000Z".into(),
                version: "0".into(),
            },
            finished_at: Some("2026-01-02T00:00:00.000Z".into()),
            summary: serde_json::Value::Null,
            findings: 0,
            subjects: 0,
        };
        let subjects = vec![
            subject(
                "a",
                "c1",
                "image:web",
                "2026-01-09T23:00:00.000Z",
                &["RES-001"],
            ),
            // An older record of c1: the newest counts.
            subject(
                "a",
                "c1",
                "image:web",
                "2026-01-09T22:00:00.000Z",
                &["RES-001", "RES-003"],
            ),
            subject("b", "c2", "image:web", "2026-01-09T23:30:00.000Z", &[]),
        ];
        let f = |host: &str, check: &str, sev: &str| {
            (
                host.to_string(),
                FindingRecord {
                    fingerprint: format!("{host}{check}"),
                    check_id: check.into(),
                    section: "resources".into(),
                    subject_kind: "container".into(),
                    subject: "c".into(),
                    subject_id: None,
                    role: "image:web".into(),
                    severity: sev.into(),
                    status: "fail".into(),
                    message: String::new(),
                    evidence_key: String::new(),
                },
            )
        };
        let findings = vec![
            f("a", "RES-003", "medium"),
            f("a", "RES-001", "critical"),
            f("b", "RES-001", "critical"),
        ];
        // A watch started days ago that heard nothing since, but beats.
        let quiet = RunRecord {
            id: 2,
            info: RunInfo {
                host: "quiet".into(),
                ..run.info.clone()
            },
            finished_at: None,
            ..run.clone()
        };
        let beats = vec![("quiet".to_string(), "2026-01-09T23:59:00.000Z".to_string())];
        let fl = fleet(
            &[run, quiet],
            &beats,
            &subjects,
            &findings,
            now,
            chrono::Duration::hours(24),
            10,
        );
        let hosts: Vec<&str> = fl.hosts.iter().map(|h| h.host.as_str()).collect();
        assert_eq!(hosts, ["a", "b", "old", "quiet"]);
        assert_eq!(fl.stale_hosts, ["old"]);
        assert_eq!(fl.hosts[3].last_seen, "2026-01-09T23:59:00.000Z");
        assert!(!fl.hosts[3].stale);
        let a = &fl.hosts[0];
        assert_eq!((a.containers, a.failing_containers), (1, 1));
        assert_eq!(
            (a.total.pass, a.total.fail, a.total.percent),
            (1, 1, Some(50.0))
        );
        assert_eq!(fl.roles.len(), 1);
        assert_eq!(fl.roles[0].hosts, ["a", "b"]);
        assert_eq!(fl.roles[0].total.percent, Some(66.7));
        assert_eq!(fl.worst_findings[0].check_id, "RES-001");
        assert_eq!(fl.worst_findings[0].hosts, ["a", "b"]);
        assert_eq!(fl.worst_findings[1].severity, "medium");
        let mut text = Vec::new();
        write_text(&fl, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("(STALE)"), "{text}");
        assert!(text.contains("not heard from within 24 h: old"), "{text}");
    }
}
