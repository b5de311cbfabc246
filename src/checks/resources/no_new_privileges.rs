//! RES-024: containers allowed to gain privileges through setuid binaries
//! (CIS 5.26).

use super::{judge_all, render_list, security_opts};
use crate::checks::runtime_rules::no_new_privileges;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};
use crate::facts::DaemonFacts;

pub static CHECK: Check = Check {
    id: "RES-024",
    slug: "no-new-privileges-unset",
    title: "Container may acquire new privileges",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.26"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: no-new-privileges set",
    needs: &[Need::Containers],
    rationale: "Without no-new-privileges a process in the container can gain privileges \
        through setuid/setgid binaries or file capabilities (a non-root user becoming root \
        through a setuid helper). The option is set per container (`--security-opt \
        no-new-privileges`, also spelled `no-new-privileges:true` or `=true`) or for every \
        container by the daemon (`\"no-new-privileges\": true` in daemon.json or \
        `--no-new-privileges`). When the daemon's configuration and command line are both \
        readable and set it, containers without the option pass; when they cannot be read, \
        a container without the option is still a finding and the message says the daemon \
        default is unknown. An explicit `no-new-privileges=false` overrides the daemon and \
        is always a finding. Judged on every container, whatever its state.",
    remediation: "Run with `docker run --security-opt no-new-privileges` (compose: \
        `security_opt: [\"no-new-privileges:true\"]`), or set `\"no-new-privileges\": true` \
        in /etc/docker/daemon.json for every container.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/#security-opt"],
    aliases: &[],
    evaluate,
};

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
    judge_all(ctx, |c| {
        let opts = security_opts(c);
        let evidence = |observed: String, expected: &str| {
            Evidence::new(inspect_field("HostConfig.SecurityOpt"), observed, expected)
        };
        match no_new_privileges(opts) {
            Some(true) => vec![],
            Some(false) => vec![Finding::new(
                container_subject(c),
                "turns no-new-privileges off explicitly (SecurityOpt no-new-privileges=false)",
                evidence(
                    format!("{opts:?}"),
                    "no-new-privileges or no-new-privileges:true",
                ),
            )],
            None => match default {
                Some(true) => vec![],
                Some(false) => vec![Finding::new(
                    container_subject(c),
                    "does not set no-new-privileges, and the daemon does not set it by default",
                    evidence(render_list(opts), "no-new-privileges:true"),
                )],
                None => vec![Finding::new(
                    container_subject(c),
                    "does not set no-new-privileges (the daemon's default could not be read, \
                     so it may still apply)",
                    evidence(render_list(opts), "no-new-privileges:true"),
                )],
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daemon(v: serde_json::Value) -> DaemonFacts {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn daemon_default_is_known_only_from_both_sources() {
        assert_eq!(daemon_default(None), None);
        // Flag on the command line decides alone.
        let d = daemon(
            serde_json::json!({"process": {"present": {"args": ["dockerd", "--no-new-privileges=true"]}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(true));
        // daemon.json decides alone when it sets it.
        let d = daemon(
            serde_json::json!({"config_file": {"present": {"exists": true, "content": {"no-new-privileges": true}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(true));
        // Off needs both sources read.
        let d = daemon(
            serde_json::json!({"config_file": {"present": {"exists": true, "content": {}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), None);
        let d = daemon(serde_json::json!({"process": {"present": {"args": ["dockerd"]}}}));
        assert_eq!(daemon_default(Some(&d)), None);
        let d = daemon(
            serde_json::json!({"process": {"present": {"args": ["dockerd"]}},
            "config_file": {"present": {"exists": false}}}),
        );
        assert_eq!(daemon_default(Some(&d)), Some(false));
        // An unparsable daemon.json is unknown.
        let d = daemon(
            serde_json::json!({"process": {"present": {"args": ["dockerd"]}},
            "config_file": {"present": {"exists": true, "parse_error": {"message": "x", "line": 1, "column": 1}}}}),
        );
        assert_eq!(daemon_default(Some(&d)), None);
    }
}
