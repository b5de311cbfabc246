//! RES-013: containers opting out of user-namespace remapping with
//! `--userns host` (CIS 5.31).

use super::judge_all;
use crate::checks::runtime_rules::{engine_security_names, shares_host_namespace};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-013",
    slug: "host-user-namespace",
    title: "Container shares the host's user namespace",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.31"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Containers],
    rationale: "`--userns host` turns off the daemon's user-namespace remapping for one \
        container, so root in the container is root (uid 0) on the host again. Where the \
        daemon does not remap at all every container shares the host's user namespace: that \
        is judged by the daemon check for `userns-remap`; this check judges the per-container \
        opt-out. Judged on every container, whatever its state.",
    remediation: "Remove `--userns host` from `docker run` (compose: remove `userns_mode: \
        host`).",
    references: &["https://docs.docker.com/engine/security/userns-remap/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    // Whether the engine remaps at all, when known: only wording.
    let remaps = ctx.facts.engine.get().map(|e| {
        engine_security_names(&e.info.security_options)
            .iter()
            .any(|n| n == "userns")
    });
    judge_all(ctx, |c| {
        let mode = &c.host_config.userns_mode;
        if !shares_host_namespace(mode) {
            return vec![];
        }
        let note = match remaps {
            Some(true) => "; the daemon remaps other containers",
            Some(false) => "; the daemon does not remap user namespaces at all",
            None => "",
        };
        vec![Finding::new(
            container_subject(c),
            format!(
                "opts out of user-namespace remapping (HostConfig.UsernsMode is {mode:?}){note}"
            ),
            Evidence::new(
                inspect_field("HostConfig.UsernsMode"),
                mode.as_str(),
                "not \"host\"",
            ),
        )]
    })
}
