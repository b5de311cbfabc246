//! RES-013: containers opting out of user-namespace remapping with
//! `--userns host` (CIS 5.31).

use crate::checks::runtime_rules::{engine_security_names, shares_host_namespace};
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};
use crate::subject::Platform;

pub static CHECK: Check = Check {
    id: "RES-013",
    slug: "host-user-namespace",
    title: "Container shares the host's user namespace",
    cis: &["5.31"],
    severity: Severity::Medium,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    rationale: "`--userns host` turns off the daemon's user-namespace remapping for one \
        container, so root in the container is root (uid 0) on the host again. Where the \
        daemon does not remap at all every container shares the host's user namespace: that \
        is judged by the daemon check for `userns-remap`; this check judges the per-container \
        opt-out. Judged on every container, whatever its state.",
    remediation: "Remove `--userns host` from `docker run` (compose: remove `userns_mode: \
        host`). \
        Kubernetes: `hostUsers: false` runs the pod in its own user namespace.",
    references: &["https://docs.docker.com/engine/security/userns-remap/"],
    aliases: &["COMPOSE-011"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    // Whether the engine remaps at all, when known: only wording.
    let remaps = ctx.facts.engine.get().map(|e| {
        engine_security_names(&e.info.security_options)
            .iter()
            .any(|n| n == "userns")
    });
    judge_specs(ctx, |s| {
        let m = &s.userns_mode;
        let Some(mode) = m.value.as_deref().filter(|v| shares_host_namespace(v)) else {
            return Ok(vec![]);
        };
        let note = match (s.platform, remaps) {
            (Platform::Engine, Some(true)) => "; the daemon remaps other containers",
            (Platform::Engine, Some(false)) => "; the daemon does not remap user namespaces at all",
            _ => "",
        };
        Ok(vec![s.finding(
            format!(
                "opts out of user-namespace remapping ({} is {mode:?}){note}",
                m.from.key
            ),
            m.from.evidence(mode, "not \"host\""),
        )])
    })
}
