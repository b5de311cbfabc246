//! RES-024: containers allowed to gain privileges through setuid binaries
//! (CIS 5.26).

use crate::checks::runtime_rules::no_new_privileges;
use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};
use crate::facts::DaemonFacts;
use crate::subject::Platform;

crate::checks::meta!();

/// What the daemon sets for every container: Some(true) when its command
/// line or daemon.json turns no-new-privileges on, Some(false) when both are
/// known and neither does, None when that cannot be told.
pub(crate) fn daemon_default(daemon: Option<&DaemonFacts>) -> Option<bool> {
    let daemon = daemon?;
    let args = daemon.process.get().map(|p| p.args.as_slice());
    if let Some(args) = args {
        for a in args {
            match a.as_str() {
                "--no-new-privileges" | "--no-new-privileges=true" => return Some(true),
                _ => {}
            }
        }
    }
    let from_file = match daemon.config_file.get() {
        Some(f) if !f.exists => Some(false),
        Some(f) => match (&f.content, &f.parse_error) {
            (Some(doc), _) => {
                Some(doc.get("no-new-privileges").and_then(|v| v.as_bool()) == Some(true))
            }
            _ => None,
        },
        None => None,
    };
    match (args, from_file) {
        (_, Some(true)) => Some(true),
        (Some(_), Some(false)) => Some(false),
        _ => None,
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let default = daemon_default(ctx.facts.daemon.get());
    judge_specs(ctx, |s| {
        let opts = &s.security_opt;
        let expected = "no-new-privileges:true";
        match no_new_privileges(&opts.strings()) {
            Some(true) => Ok(vec![]),
            Some(false) => {
                let off = opts
                    .items
                    .iter()
                    .rev()
                    .find(|o| o.value.trim().starts_with("no-new-privileges"));
                let (o, shown) = match off {
                    Some(v) => (&v.from, v.shown()),
                    None => (&opts.from, opts.render()),
                };
                let observed = off.map_or_else(|| opts.render(), |v| opts.observed(v));
                Ok(vec![s.finding(
                    format!("turns no-new-privileges off explicitly ({} {shown})", o.key),
                    o.evidence(observed, expected),
                )])
            }
            None => {
                let why = match (s.platform, default) {
                    (Platform::Engine, Some(true)) => return Ok(vec![]),
                    (Platform::Engine, Some(false)) => {
                        "the daemon does not set it by default".to_string()
                    }
                    (Platform::Engine, None) => {
                        "the daemon's default could not be read, so it may still apply".to_string()
                    }
                    (Platform::Compose, _) => "unless the daemon sets it by default".to_string(),
                    (Platform::Kubernetes, _) => {
                        "allowPrivilegeEscalation defaults to true".to_string()
                    }
                };
                let observed = match s.platform {
                    Platform::Kubernetes => "allowPrivilegeEscalation absent".to_string(),
                    _ => opts.render(),
                };
                Ok(vec![s.finding(
                    format!("does not set no-new-privileges ({why})"),
                    opts.from.evidence(observed, expected),
                )])
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_default_is_known_only_from_both_sources() {
        assert_eq!(daemon_default(None), None);
        // Flag on the command line decides alone.
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"process": {"present": {"args": ["dockerd", "--no-new-privileges=true"]}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(true));
        // daemon.json decides alone when it sets it.
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"config_file": {"present": {"exists": true, "content": {"no-new-privileges": true}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(true));
        // Off needs both sources read.
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"config_file": {"present": {"exists": true, "content": {}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), None);
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"process": {"present": {"args": ["dockerd"]}}}),
        );
        assert_eq!(daemon_default(Some(&d)), None);
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"process": {"present": {"args": ["dockerd"]}},
            "config_file": {"present": {"exists": false}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(false));
        // An unparsable daemon.json is unknown.
        let d = crate::facts::from_json::<DaemonFacts>(
            serde_json::json!({"process": {"present": {"args": ["dockerd"]}},
            "config_file": {"present": {"exists": true, "parse_error": {"message": "x", "line": 1, "column": 1}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), None);
    }
}
