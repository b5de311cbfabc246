//! HOST-010: host packages patched (manual until advisory matching lands;
//! the package database and OS are reported as hints).

use crate::checks::{Check, Ctx, Mode, Observation, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "HOST-010",
    slug: "host-not-patched",
    title: "Host packages not confirmed patched",
    cis: &["1.2.1"],
    severity: Severity::High,
    mode: Mode::Manual,
    item: "Hosts are patched: installed packages matched against advisories",
    rationale: "Unpatched host packages (kernel, openssl, sshd, the engine itself) are the \
        commonest way into a container host.",
    remediation: "Apply pending security updates (`apt-get update && apt-get upgrade`, \
        `dnf upgrade --security`, `apk upgrade`) on a schedule, with unattended security \
        updates where the change process allows.",
    references: &["https://docs.docker.com/engine/security/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut obs = Vec::new();
    if let Some(h) = ctx.facts.host.get() {
        if let Some(os) = h.os_release.get() {
            obs.push(Observation {
                subject: Subject::host(),
                message: format!(
                    "OS: {}",
                    os.get("PRETTY_NAME")
                        .cloned()
                        .unwrap_or_else(|| os.get("ID").cloned().unwrap_or_default())
                ),
                source: "host: /etc/os-release".into(),
            });
        }
        match h.packages.get() {
            Some(p) => obs.push(Observation {
                subject: Subject::host(),
                message: match &p.installed {
                    Some(list) => format!("{} packages installed ({})", list.len(), p.manager),
                    None => format!("{} database present, not parsed", p.manager),
                },
                source: format!("host: {}", p.database),
            }),
            None => obs.push(Observation {
                subject: Subject::host(),
                message: format!(
                    "package database: {}",
                    h.packages.reason().unwrap_or_default()
                ),
                source: "host".into(),
            }),
        }
    }
    Outcome::manual(
        "Ask for the host's patch report: the output of the package manager's pending security \
         updates (`apt list --upgradable`, `dnf updateinfo list security`, `apk version -l '<'`) \
         or the vulnerability scanner's report for this host, with its date; and the patch \
         policy (how soon security updates are applied).",
    )
    .with_observations(obs)
}
