//! HOST-003: the host kernel is older than the oldest maintained series
//! (checklist "hardened kernel"; CIS 1.2.1).

use crate::checks::support::daemon::{parse_version, version_lt};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};

crate::checks::meta!();

/// The oldest upstream kernel series still maintained. Source: the long
/// term release list of kernel.org (releases page), as of 2025-12: 5.10 is
/// maintained until 2026-12, 5.4 reached end of life 2025-12.
pub const MIN_KERNEL: &[u64] = &[5, 10];
pub const MIN_KERNEL_AS_OF: &str = "2025-12";

fn evaluate(ctx: &Ctx) -> Outcome {
    let host = ctx.facts.host.get();
    let (release, source) = match host.and_then(|h| h.kernel.get()) {
        Some(k) => (
            k.release.clone(),
            "host: /proc/sys/kernel/osrelease".to_string(),
        ),
        None => match ctx.facts.engine.get() {
            Some(e) if !e.info.kernel_version.is_empty() => (
                e.info.kernel_version.clone(),
                "engine: /info KernelVersion".to_string(),
            ),
            _ => {
                return Outcome::Skipped(format!(
                    "kernel release unknown: {}",
                    host.and_then(|h| h.kernel.reason())
                        .unwrap_or("host facts unavailable")
                ))
            }
        },
    };
    let Some(v) = parse_version(&release) else {
        return Outcome::Skipped(format!("kernel release {release:?} is not a version"));
    };
    let obs = vec![Observation {
        subject: Subject::host(),
        message: format!("kernel {release}"),
        source: source.clone(),
    }];
    if version_lt(&v, MIN_KERNEL) {
        Outcome::Fail {
            findings: vec![Finding::new(
                Subject::host(),
                format!(
                    "kernel {release} is older than {}.{} (oldest maintained series as of {MIN_KERNEL_AS_OF})",
                    MIN_KERNEL[0], MIN_KERNEL[1]
                ),
                Evidence::new(source, release.clone(), format!(">= {}.{}", MIN_KERNEL[0], MIN_KERNEL[1])),
            )],
            observations: obs,
        }
    } else {
        Outcome::pass(1).with_observations(obs)
    }
}
