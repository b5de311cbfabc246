//! HOST-002: the engine's binaries, files and folders are not watched by
//! auditd rules (CIS 1.1.3 to 1.1.18).

use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
    Subject,
};

pub static CHECK: Check = Check {
    id: "HOST-002",
    slug: "engine-files-not-audited",
    title: "Engine files and folders are not watched by audit rules",
    section: Section::Host,
    scope: Scope::Host,
    cis: &[
        "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "1.1.8", "1.1.9", "1.1.10", "1.1.11",
        "1.1.12", "1.1.13", "1.1.14", "1.1.15", "1.1.16", "1.1.17", "1.1.18",
    ],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root; changes to its binaries, configuration, sockets and \
        data root are security events. Without audit rules there is no trail of who changed \
        or executed them.",
    remediation: "Add one watch per path in the findings to /etc/audit/rules.d/docker.rules, e.g. \
        `-w /usr/bin/dockerd -k docker` and `-w /etc/docker -k docker`, then `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.3-1.1.18"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let Some(host) = ctx.facts.host.get() else {
        return Outcome::Skipped("host facts unavailable".into());
    };
    let Some(rules) = host.audit_rules.get() else {
        return Outcome::Skipped(format!(
            "audit rules unreadable: {}",
            host.audit_rules.reason().unwrap_or_default()
        ));
    };
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    let mut unknown = Vec::new();
    for f in host.files.iter().filter(|f| f.role.starts_with("audit:")) {
        let ctl = f.role.trim_start_matches("audit:");
        match f.exists {
            Some(true) => {}
            Some(false) => {
                observations.push(Observation {
                    subject: Subject::file(&f.path),
                    message: format!(
                        "CIS {ctl}: {} does not exist on this host: not judged",
                        f.path
                    ),
                    source: format!("host: stat {}", f.path),
                });
                continue;
            }
            None => {
                unknown.push(f.error.clone().unwrap_or_else(|| f.path.clone()));
                continue;
            }
        }
        checked += 1;
        let covered = rules.iter().find(|r| {
            r.watch.as_deref().is_some_and(|w| {
                let w = w.trim_end_matches('/');
                f.path == w || f.path.starts_with(&format!("{w}/"))
            })
        });
        match covered {
            Some(r) => observations.push(Observation {
                subject: Subject::file(&f.path),
                message: format!("CIS {ctl}: {} is watched by `{}`", f.path, r.text),
                source: format!("file: {}", r.location),
            }),
            None => findings.push(Finding::new(
                Subject::file(&f.path),
                format!("no audit rule watches {} (CIS {ctl})", f.path),
                Evidence::new(
                    "file: /etc/audit/audit.rules, /etc/audit/rules.d/*.rules",
                    format!("{} rules, none for {}", rules.len(), f.path),
                    format!("-w {} -k docker", f.path),
                ),
            )),
        }
    }
    // A path whose state is unknown is not passed.
    if findings.is_empty() && !unknown.is_empty() {
        return Outcome::Skipped(format!("could not stat: {}", unknown.join("; ")));
    }
    observations.push(Observation {
        subject: Subject::host(),
        message: "rules files were read, not the kernel's loaded rules (`auditctl -l`): confirm they are loaded".into(),
        source: "file: /etc/audit".into(),
    });
    Outcome::from_findings(
        checked,
        findings,
        "none of the CIS 1.1 paths exists on this host",
    )
    .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::host::{AuditRule, FileStat, HostFacts};
    use crate::facts::{Facts, Source};

    #[test]
    fn folder_watch_covers_files_below_it_only() {
        let mut f = Facts::new();
        f.host = Source::Present(HostFacts {
            audit_rules: Source::Present(vec![AuditRule {
                watch: Some("/etc/docker/".into()),
                text: "-w /etc/docker/ -k docker".into(),
                ..Default::default()
            }]),
            files: vec![
                FileStat {
                    path: "/etc/docker/daemon.json".into(),
                    role: "audit:1.1.11".into(),
                    exists: Some(true),
                    ..Default::default()
                },
                FileStat {
                    path: "/etc/dockerx".into(),
                    role: "audit:1.1.6".into(),
                    exists: Some(true),
                    ..Default::default()
                },
                FileStat {
                    path: "/usr/bin/runc".into(),
                    role: "audit:1.1.18".into(),
                    exists: Some(false),
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
        let cfg = AuditConfig::default();
        match evaluate(&Ctx {
            facts: &f,
            config: &cfg,
        }) {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 1);
                assert_eq!(findings[0].subject.name, "/etc/dockerx");
            }
            other => panic!("{other:?}"),
        }
    }
}
