//! The audit of one subject as `watch` meets it: a container at its create
//! and at its start event, an image at its pull, load, import or tag event,
//! judged by the same checks as `dockaudit host` (the container-scoped and
//! image-scoped ones, and the host-scoped ones that judge each engine
//! container on its own facts) over the host's facts with that one subject
//! in them.
//! Pure: facts in, history records out; the engine and the store are the
//! caller's.

use serde::Serialize;

use crate::checks::{AuditConfig, Ctx, Scope};
use crate::facts::engine::{Container, Image};
use crate::facts::{Facts, Source};
use crate::report::{self, Selection, Status, Target};
use crate::store::{self, FindingRecord, SubjectRecord};

/// Host-scoped checks that judge each engine container on its own facts
/// (its resolved mounts, network, log configuration, processes, image):
/// run by watch on the one container as well. Left out: those that compare
/// containers with each other (HOST-150, BASE-112), a state only time
/// shows (RES-026: no container is unhealthy at its create or start), and
/// the manual ones (RES-007, RES-027, RES-030, RES-031), which give no
/// verdict.
pub const PER_CONTAINER_HOST_CHECKS: &[&str] = &[
    "BASE-101",
    "MON-101",
    "MON-102",
    "RES-005",
    "RES-028",
    "SECRET-103",
];

/// One audited subject: its record and its findings.
#[derive(Clone, Debug, Serialize)]
pub struct Audited {
    pub subject: SubjectRecord,
    pub findings: Vec<FindingRecord>,
}

/// Judges subjects against the host's facts (engine, daemon, host files,
/// images), refreshed at every (re)connection.
pub struct Auditor {
    base: Facts,
    config: AuditConfig,
    policy: Policy,
    host: String,
    /// The selection of `PER_CONTAINER_HOST_CHECKS`.
    per_container: Selection,
}

/// What the configuration says of findings: severities per check and the
/// accepted ones (`[[ignore]]`), applied as every other command does.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub severity: Vec<crate::config::SeverityOverride>,
    pub ignores: crate::report::suppress::Ignores,
}

impl Auditor {
    pub fn new(base: Facts, config: AuditConfig, policy: Policy, host: String) -> Auditor {
        let mut a = Auditor {
            base: Facts::new(),
            config,
            policy,
            host,
            per_container: Selection {
                select: PER_CONTAINER_HOST_CHECKS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                ignore: Vec::new(),
            },
        };
        a.set_base(base);
        // The checks' lazily built tables (patterns, the secrets detector)
        // are built now, not on the first container's clock.
        let _ = a.container(Container::default(), "");
        a
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// New host facts (their containers are audited one by one, not here).
    pub fn set_base(&mut self, mut facts: Facts) {
        facts.containers = Source::Present(Vec::new());
        self.base = facts;
    }

    /// An image the engine now has: kept for the container checks that
    /// read a container's image.
    pub fn add_image(&mut self, image: Image) {
        if let Source::Present(list) = &mut self.base.images {
            list.retain(|i| i.id != image.id);
            list.push(image);
            list.sort_by(|a, b| a.id.cmp(&b.id));
        } else {
            self.base.images = Source::Present(vec![image]);
        }
    }

    /// A volume read since the base was (one a new container mounts): the
    /// mount rules resolve what it binds.
    pub fn add_volume(&mut self, volume: crate::facts::engine::Volume) {
        if let Source::Present(list) = &mut self.base.volumes {
            list.retain(|v| v.name != volume.name);
            list.push(volume);
            list.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }

    /// The checks of `scope` (those `selection` takes) over the base
    /// facts, as a report.
    fn run(
        &self,
        scope: Scope,
        selection: &Selection,
        name: &str,
        audited_at: &str,
    ) -> report::Report {
        let ctx = Ctx::new(&self.base, &self.config);
        let mut r = report::build(
            Target {
                kind: "watch".to_string(),
                name: name.to_string(),
            },
            &[scope],
            &ctx,
            selection,
            false,
            audited_at.to_string(),
        );
        report::apply_severity(&mut r, &self.policy.severity);
        report::suppress::apply(&mut r, &[], &self.policy.ignores);
        r
    }

    /// The subject's record with the verdicts of its report, and the
    /// report's findings.
    fn audited(subject: SubjectRecord, r: &report::Report) -> Audited {
        let (failing, passing) = Self::verdicts(r);
        Audited {
            subject: SubjectRecord {
                failing,
                passing,
                ..subject
            },
            findings: store::findings_of(r),
        }
    }

    /// Verdicts of a report over one subject: checks that failed, checks
    /// that judged and passed.
    fn verdicts(r: &report::Report) -> (Vec<String>, Vec<String>) {
        let ids = |st: Status| -> Vec<String> {
            r.checks
                .iter()
                .filter(|c| c.status == st)
                .map(|c| c.id.clone())
                .collect()
        };
        let (mut failing, mut passing) = (ids(Status::Fail), ids(Status::Pass));
        failing.sort();
        passing.sort();
        (failing, passing)
    }

    /// The record of a subject of this host audited at `audited_at`, its
    /// verdicts still to be filled in.
    fn record(&self, kind: &str, id: &str, name: String, role: String, at: &str) -> SubjectRecord {
        SubjectRecord {
            kind: kind.to_string(),
            id: id.to_string(),
            name,
            role,
            host: self.host.clone(),
            audited_at: at.to_string(),
            state: "audited".to_string(),
            reason: None,
            failing: Vec::new(),
            passing: Vec::new(),
            event: None,
            source: None,
        }
    }

    /// Audits one container with the container checks.
    pub fn container(&mut self, c: Container, audited_at: &str) -> Audited {
        let name = c.display_name().to_string();
        let subject = self.record("container", &c.id, name, c.role(), audited_at);
        self.base.containers = Source::Present(vec![c]);
        let mut r = self.run(
            Scope::Container,
            &Selection::default(),
            &subject.name,
            audited_at,
        );
        let host = self.run(Scope::Host, &self.per_container, &subject.name, audited_at);
        r.checks.extend(host.checks);
        r.summary = report::summarize(&r.checks);
        self.base.containers = Source::Present(Vec::new());
        Self::audited(subject, &r)
    }

    /// Audits one image with the image checks (engine image config and
    /// history; layers are not read). It is named by `reference` (the name
    /// its event gave: the new tag, the pulled reference) when that is a
    /// name, else by its first tag, else by its id.
    pub fn image(&mut self, image: Image, reference: Option<&str>, audited_at: &str) -> Audited {
        let name = reference
            .filter(|r| !r.is_empty() && !r.starts_with("sha256:") && !r.contains("<none>"))
            .map(str::to_string)
            .or_else(|| {
                image
                    .repo_tags
                    .iter()
                    .find(|t| !t.contains("<none>"))
                    .cloned()
            })
            .unwrap_or_else(|| image.id.clone());
        let role = format!("image:{}", crate::facts::engine::image_repository(&name));
        let subject = self.record("image", &image.id, name.clone(), role, audited_at);
        self.add_image(image.clone());
        let all = std::mem::replace(&mut self.base.images, Source::Present(vec![image]));
        let r = self.run(Scope::Image, &Selection::default(), &name, audited_at);
        self.base.images = all;
        Self::audited(subject, &r)
    }

    /// A container seen in an event but removed before it could be read:
    /// recorded as gone with the reason, never as passing. Its name, image
    /// and labels come from the event.
    /// A container the engine did not give (`gone`: removed before it could
    /// be read; `unread`: the read failed, and it is read again later), by
    /// what its event said: never judged, never passing.
    pub fn not_read(
        &self,
        id: &str,
        attributes: &std::collections::HashMap<String, String>,
        state: &str,
        reason: &str,
        audited_at: &str,
    ) -> Audited {
        let mut c = Container {
            id: id.to_string(),
            name: attributes.get("name").cloned().unwrap_or_default(),
            ..Container::default()
        };
        c.config.image = attributes.get("image").cloned().unwrap_or_default();
        c.config.labels = attributes
            .iter()
            .filter(|(k, _)| k.as_str() != "name" && k.as_str() != "image")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let name = c.display_name().to_string();
        Audited {
            subject: SubjectRecord {
                state: state.to_string(),
                reason: Some(reason.to_string()),
                ..self.record("container", id, name, c.role(), audited_at)
            },
            findings: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An auditor of host "h1" whose engine has no image.
    fn auditor(policy: Policy) -> Auditor {
        let mut facts = Facts::new();
        facts.images = Source::Present(Vec::new());
        Auditor::new(facts, AuditConfig::default(), policy, "h1".into())
    }

    #[test]
    fn one_container_is_judged_by_the_container_checks() {
        let mut a = auditor(Policy::default());
        let bad = crate::facts::from_json::<Container>(serde_json::json!({
            "Id": "0123456789abcdef", "Name": "/web",
            "Config": {"Image": "shop/web:1", "Labels": {
                "com.docker.compose.project": "shop", "com.docker.compose.service": "web"}},
            "HostConfig": {"Privileged": true, "NetworkMode": "none"},
            "State": {"Status": "created"}
        }));
        let out = a.container(bad, "2026-01-01T00:00:00.000Z");
        let s = &out.subject;
        assert_eq!(
            (s.name.as_str(), s.role.as_str()),
            ("web", "compose:shop/web")
        );
        assert_eq!(s.state, "audited");
        assert!(
            s.failing.contains(&"RES-001".to_string()),
            "{:?}",
            s.failing
        );
        assert!(!s.passing.contains(&"RES-001".to_string()));
        assert!(out
            .findings
            .iter()
            .any(|f| f.check_id == "RES-001" && f.role == "compose:shop/web"));
        // The next container is judged alone: the first is not in its facts.
        let good = crate::facts::from_json::<Container>(serde_json::json!({
            "Id": "fedcba9876543210", "Name": "/calm",
            "Config": {"Image": "shop/calm:1"},
            "HostConfig": {"Privileged": false, "NetworkMode": "none"},
            "State": {"Status": "created"}
        }));
        let out = a.container(good, "2026-01-01T00:00:01.000Z");
        assert!(out.subject.passing.contains(&"RES-001".to_string()));
        assert!(out.findings.iter().all(|f| f.subject == "calm"));
    }

    #[test]
    fn the_per_container_host_checks_judge_the_one_container() {
        for id in PER_CONTAINER_HOST_CHECKS {
            let c = crate::checks::find(id).unwrap_or_else(|| panic!("{id}: no such check"));
            assert_eq!(c.scope, Scope::Host, "{id}");
            assert_eq!(c.mode, crate::checks::Mode::Automated, "{id}");
        }
        let mut a = auditor(Policy::default());
        let container = |id: &str, name: &str, source: &str| {
            crate::facts::from_json::<Container>(serde_json::json!({
                "Id": id, "Name": name,
                "Config": {"Image": "ci/job:1"},
                "HostConfig": {"NetworkMode": "none",
                               "LogConfig": {"Type": "json-file", "Config": {}}},
                "Mounts": [{"Type": "bind", "Source": source,
                            "Destination": "/creds", "RW": false}],
                "State": {"Status": "created"}
            }))
        };
        // A short-lived job handed the host's cloud credentials.
        let out = a.container(
            container("0123456789abcdef", "/job", "/home/ci/.aws"),
            "2026-01-01T00:00:00.000Z",
        );
        let s = &out.subject;
        for id in ["SECRET-103", "MON-101"] {
            assert!(s.failing.contains(&id.to_string()), "{id}: {s:?}");
        }
        assert!(out
            .findings
            .iter()
            .any(|f| f.check_id == "SECRET-103" && f.subject == "job"));
        // Cross-container and manual host checks are not run here.
        for id in ["HOST-150", "BASE-112", "RES-026", "RES-030"] {
            assert!(
                !s.failing.contains(&id.to_string()) && !s.passing.contains(&id.to_string()),
                "{id}: {s:?}"
            );
        }
        let out = a.container(
            container("fedcba9876543210", "/calm", "/srv/static"),
            "2026-01-01T00:00:01.000Z",
        );
        assert!(
            out.subject.passing.contains(&"SECRET-103".to_string()),
            "{:?}",
            out.subject
        );
    }

    #[test]
    fn the_configured_ignores_hold_in_watch_as_elsewhere() {
        let policy = Policy {
            severity: Vec::new(),
            ignores: crate::report::suppress::Ignores::parse(
                "[[ignore]]\nid = \"RES-001\"\nreason = \"the lab's build host\"\n",
                "dockaudit.toml",
            )
            .unwrap(),
        };
        let mut a = auditor(policy);
        let out = a.container(
            crate::facts::from_json::<Container>(serde_json::json!({
                "Id": "0123456789abcdef", "Name": "/builder",
                "Config": {"Image": "ci/builder:1"},
                "HostConfig": {"Privileged": true, "NetworkMode": "none"},
                "State": {"Status": "created"}
            })),
            "2026-01-01T00:00:00.000Z",
        );
        assert!(!out.subject.failing.contains(&"RES-001".to_string()));
        assert!(out
            .findings
            .iter()
            .filter(|f| f.check_id == "RES-001")
            .all(|f| f.status == "suppressed"));
        // Other checks still judge it.
        assert!(out.subject.failing.contains(&"RES-002".to_string()));
    }

    #[test]
    fn a_vanished_container_is_gone_never_passing() {
        let a = Auditor::new(
            Facts::new(),
            AuditConfig::default(),
            Policy::default(),
            "h1".into(),
        );
        let attrs: std::collections::HashMap<String, String> = [
            ("name", "job-1"),
            ("image", "batch/job:2"),
            ("io.kubernetes.pod.namespace", "jobs"),
            ("io.kubernetes.pod.name", "job-1-x"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let g = a.not_read("abc", &attrs, "gone", "inspect: not found (404)", "t");
        assert_eq!(g.subject.state, "gone");
        assert_eq!(g.subject.role, "k8s:jobs/job-1-x");
        assert_eq!(g.subject.name, "job-1");
        assert!(g.subject.passing.is_empty() && g.subject.failing.is_empty());
        assert_eq!(
            g.subject.reason.as_deref(),
            Some("inspect: not found (404)")
        );
    }
}
