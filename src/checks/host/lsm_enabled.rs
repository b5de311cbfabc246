//! HOST-006: neither AppArmor nor SELinux is enabled on the host, or the
//! engine does not use it (checklist "AppArmor or SELinux enabled").

use crate::checks::support::daemon::{has_security_option, security_options};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let (Some(host), Some(opts)) = (ctx.facts.host.get(), security_options(ctx)) else {
        return Outcome::Skipped("host or engine facts unavailable".into());
    };
    let Some(lsm) = host.lsm.get() else {
        return Outcome::Skipped(format!(
            "security modules unreadable: {}",
            host.lsm.reason().unwrap_or_default()
        ));
    };
    let apparmor = lsm.apparmor_enabled == Some(true)
        || lsm
            .active
            .as_ref()
            .is_some_and(|a| a.iter().any(|m| m == "apparmor"));
    let selinux_enforcing = lsm.selinux_enforce == Some(1);
    let notes = lsm.notes.join("; ");
    let mut findings = Vec::new();
    if !apparmor && !selinux_enforcing {
        if lsm.apparmor_enabled.is_none() && lsm.active.is_none() {
            return Outcome::Skipped(format!("AppArmor state unreadable: {notes}"));
        }
        findings.push(Finding::new(
            Subject::host(),
            if lsm.selinux_enforce == Some(0) {
                "SELinux is permissive and AppArmor is not enabled on the host".to_string()
            } else {
                "neither AppArmor nor SELinux is enabled on the host".to_string()
            },
            Evidence::new(
                "host: /sys/module/apparmor/parameters/enabled, /sys/fs/selinux/enforce, /sys/kernel/security/lsm",
                notes.clone(),
                "AppArmor enabled, or SELinux enforcing",
            ),
        ));
    }
    let engine_uses = has_security_option(opts, "apparmor") || has_security_option(opts, "selinux");
    if !engine_uses {
        findings.push(Finding::new(
            Subject::daemon(),
            format!(
                "the engine applies neither AppArmor nor SELinux (SecurityOptions: {})",
                if opts.is_empty() {
                    "none".to_string()
                } else {
                    opts.join(" ")
                }
            ),
            Evidence::new(
                "engine: /info SecurityOptions",
                opts.join(" "),
                "name=apparmor or name=selinux",
            ),
        ));
    }
    Outcome::from_findings(2, findings, "").with_observations(vec![Observation {
        subject: Subject::host(),
        message: format!("security modules: {notes}"),
        source: "host: /sys".into(),
    }])
}
