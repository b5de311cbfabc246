//! HOST-005: host hardening review (CIS 1.2.1, manual), with the kernel's
//! hardening signals as hints.

use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut obs = Vec::new();
    let mut note = |m: String, s: &str| {
        obs.push(Observation {
            subject: Subject::host(),
            message: m,
            source: s.to_string(),
        })
    };
    if let Some(h) = ctx.facts.host.get() {
        if let Some(k) = h.kernel.get() {
            note(
                format!("kernel {} ({})", k.release, k.version),
                "host: /proc/version",
            );
        }
        note(
            match h.lockdown.get() {
                Some(l) => format!("lockdown: {l}"),
                None => format!("lockdown: {}", h.lockdown.reason().unwrap_or_default()),
            },
            "host: /sys/kernel/security/lockdown",
        );
        if let Some(g) = h.grsecurity.get() {
            note(
                if g.is_empty() {
                    "no grsecurity/PaX markers".to_string()
                } else {
                    format!("grsecurity/PaX markers: {}", g.join("; "))
                },
                "host: /proc/sys/kernel/grsecurity, /proc/sys/kernel/pax, /dev/grsec",
            );
        }
        if let Some(l) = h.lsm.get() {
            note(
                format!("security modules: {}", l.notes.join("; ")),
                "host: /sys/kernel/security",
            );
        }
    }
    Outcome::manual(
        "Ask for the host hardening baseline applied to this host (name and version, e.g. the CIS \
         benchmark of the host OS) and the latest report of its assessment (date, score, \
         exceptions). Observations below are hints from the kernel.",
    )
    .with_observations(obs)
}
