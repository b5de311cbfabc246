//! RES-004: sensitive host directories mounted into containers (CIS 5.6).

use crate::checks::runtime_rules::is_sensitive_host_path;
use crate::checks::support::container::judge_mounts;
use crate::checks::{Ctx, Outcome, Severity};
use crate::subject::spelling::normalize_host_path;

crate::checks::meta!();

/// What an inherited mount that is not known may be.
const WHAT: &str = "a sensitive host directory";

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_mounts(ctx, WHAT, true, |s, v| {
        let m = &v.value;
        if m.kind != "bind" {
            return None;
        }
        let dir = is_sensitive_host_path(&m.source)?;
        let src = normalize_host_path(&m.source);
        let how = if src == dir {
            String::new()
        } else if src.starts_with(dir) || dir == "/" {
            format!(", under {dir}")
        } else {
            format!(", which contains {dir}")
        };
        let sev = if m.read_only {
            Severity::Medium
        } else {
            Severity::High
        };
        Some(
            s.finding(
                format!(
                    "mounts host path {}{} at {} {}{how}",
                    m.source,
                    m.through(),
                    m.destination,
                    m.access()
                ),
                v.from.evidence(
                    format!("{}:{} ({})", m.source, m.destination, m.access()),
                    "no bind mount of a sensitive host directory",
                ),
            )
            .with_severity(sev),
        )
    })
}
