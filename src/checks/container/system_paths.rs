//! RES-032: containers that see /proc and /sys unmasked
//! (`systempaths=unconfined` or Podman's `unmask=`, privileged, engine
//! lists missing the default paths, Kubernetes procMount Unmasked).

use crate::checks::runtime_rules::{unmasks_system_paths, MASKED_PATHS, READONLY_PATHS};
use crate::checks::support::container::{judge_specs, option_turned_off};
use crate::checks::{Ctx, Outcome};
use crate::subject::Val;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    // A rootless engine does not make /proc paths read-only whatever
    // HostConfig lists (its user namespace bounds what they could change):
    // said, since the lists judged below overstate it.
    let rootless = (crate::checks::support::daemon::rootless(ctx) == Some(true)).then(|| {
        crate::checks::Observation {
            subject: crate::checks::Subject::host(),
            message: "the engine runs rootless: it mounts none of the /proc paths read-only, \
                      whatever ReadonlyPaths lists (the user namespace limits what root in a \
                      container can write there)"
                .into(),
            source: "engine: info SecurityOptions name=rootless".into(),
        }
    });
    let outcome = judge_specs(ctx, |s| {
        if s.privileged.value == Some(true) {
            return Ok(vec![s.finding(
                "runs privileged, which masks no path of /proc and /sys",
                s.privileged.from.evidence("true", "false"),
            )]);
        }
        if let Some(f) = option_turned_off(
            s,
            unmasks_system_paths,
            "/proc and /sys masking",
            "no systempaths=unconfined or unmask= option",
        ) {
            return Ok(vec![f]);
        }
        let mut out = Vec::new();
        for (paths, defaults, how) in [
            (&s.masked_paths, MASKED_PATHS, "masked"),
            (&s.readonly_paths, READONLY_PATHS, "read-only"),
        ] {
            if let Some(missing) = missing(paths, defaults) {
                let listed = paths.value.as_deref().unwrap_or_default();
                out.push(s.finding(
                    if listed.is_empty() {
                        format!("has no {how} path in /proc and /sys (systempaths=unconfined)")
                    } else {
                        format!("does not keep {} {how}", missing.join(", "))
                    },
                    paths.from.evidence(
                        format!("[{}]", listed.join(", ")),
                        format!("the engine's default, with {}", defaults.join(", ")),
                    ),
                ));
            }
        }
        Ok(out)
    });
    match rootless {
        Some(o) => outcome.with_observations(vec![o]),
        None => outcome,
    }
}

/// The default paths a listed set leaves out (None: none left out, or the
/// input lists no set, so the defaults apply).
fn missing(
    paths: &Val<Option<Vec<String>>>,
    defaults: &[&'static str],
) -> Option<Vec<&'static str>> {
    let listed = paths.value.as_ref()?;
    let gone: Vec<&str> = defaults
        .iter()
        .copied()
        .filter(|d| !listed.iter().any(|p| p.trim().trim_end_matches('/') == *d))
        .collect();
    (!gone.is_empty()).then_some(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rootless_engine_is_said_to_mount_no_proc_path_read_only() {
        let facts = |opts: &str| -> crate::facts::Facts {
            serde_json::from_str(&format!(
                r#"{{"engine": {{"present": {{"info": {{"SecurityOptions": [{opts}]}}, "version": {{}}}}}},
                   "containers": {{"present": [{{"Id": "a1", "Name": "/web", "Config": {{"Image": "x:1"}}, "HostConfig": {{}}}}]}}}}"#
            ))
            .unwrap()
        };
        let cfg = crate::checks::AuditConfig::default();
        for (opts, said) in [
            (r#""name=seccomp,profile=default", "name=rootless""#, true),
            (r#""name=seccomp,profile=default""#, false),
        ] {
            let f = facts(opts);
            let out = evaluate(&Ctx::new(&f, &cfg));
            let text = format!("{out:?}");
            assert!(text.contains("Pass"), "{text}");
            assert_eq!(text.contains("engine runs rootless"), said, "{text}");
        }
    }
}
