//! HOST-004: kernel hardening sysctls weaker than the hardened values
//! (checklist "hardened kernel"; CIS 1.2.1).

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

/// sysctl, minimum hardened value.
const EXPECT: &[(&str, i64)] = &[
    ("kernel.kptr_restrict", 1),
    ("kernel.dmesg_restrict", 1),
    ("kernel.unprivileged_bpf_disabled", 1),
    ("kernel.yama.ptrace_scope", 1),
    ("kernel.randomize_va_space", 2),
    ("fs.protected_symlinks", 1),
    ("fs.protected_hardlinks", 1),
    ("fs.protected_fifos", 1),
    ("fs.protected_regular", 1),
];

/// Reported, not judged: Docker needs ip_forward; user namespaces are
/// needed by rootless engines and userns-remap.
const REPORT: &[&str] = &[
    "kernel.unprivileged_userns_clone",
    "user.max_user_namespaces",
    "net.ipv4.ip_forward",
];

fn evaluate(ctx: &Ctx) -> Outcome {
    let host = crate::checks::support::or_skip!(ctx.facts.host.get(), "host facts unavailable");
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    let mut unread = Vec::new();
    for (name, min) in EXPECT {
        let path = format!("/proc/sys/{}", name.replace('.', "/"));
        match host.sysctls.get(*name) {
            Some(crate::facts::Source::Present(v)) => {
                checked += 1;
                match v.trim().parse::<i64>() {
                    Ok(n) if n >= *min => {}
                    _ => findings.push(Finding::new(
                        Subject::host(),
                        format!("sysctl {name} is {} (hardened: {min} or more)", v.trim()),
                        Evidence::new(format!("host: {path}"), v.trim(), format!(">= {min}")),
                    )),
                }
            }
            // Absent: the kernel lacks the protection (Yama not built, a
            // kernel older than fs.protected_fifos), except the BPF switch:
            // without the bpf system call there is nothing to restrict.
            Some(crate::facts::Source::Unavailable(r)) if r.ends_with(" is absent") => {
                if *name == "kernel.unprivileged_bpf_disabled" {
                    observations.push(Observation {
                        subject: Subject::host(),
                        message: format!(
                            "sysctl {name} does not exist: the kernel has no bpf system call"
                        ),
                        source: format!("host: {path}"),
                    });
                } else {
                    checked += 1;
                    findings.push(Finding::new(
                        Subject::host(),
                        format!(
                            "sysctl {name} does not exist: the kernel lacks this protection (hardened: {min} or more)"
                        ),
                        Evidence::new(format!("host: {path}"), "absent", format!(">= {min}")),
                    ));
                }
            }
            Some(crate::facts::Source::Unavailable(r)) => {
                unread.push(format!("{name}: {r}"));
                observations.push(Observation {
                    subject: Subject::host(),
                    message: format!("sysctl {name} not judged: {r}"),
                    source: format!("host: {path}"),
                })
            }
            None => observations.push(Observation {
                subject: Subject::host(),
                message: format!("sysctl {name} was not collected"),
                source: format!("host: {path}"),
            }),
        }
    }
    for name in REPORT {
        if let Some(v) = host.sysctl(name) {
            observations.push(Observation {
                subject: Subject::host(),
                message: format!("sysctl {name} = {v}"),
                source: format!("host: /proc/sys/{}", name.replace('.', "/")),
            });
        }
    }
    let lockdown = match host.lockdown.get() {
        Some(l) => format!("kernel lockdown: {l}"),
        None => format!(
            "kernel lockdown: {}",
            host.lockdown.reason().unwrap_or_default()
        ),
    };
    observations.push(Observation {
        subject: Subject::host(),
        message: lockdown,
        source: "host: /sys/kernel/security/lockdown".into(),
    });
    if checked == 0 {
        return Outcome::Skipped("no hardening sysctl could be read under /proc/sys".into());
    }
    // A sysctl that could not be read may be the weak one.
    if findings.is_empty() && !unread.is_empty() {
        return Outcome::Skipped(format!(
            "the sysctls read are hardened, but some could not be read: {}",
            unread.join("; ")
        ));
    }
    Outcome::from_findings(checked, findings, "").with_observations(observations)
}
