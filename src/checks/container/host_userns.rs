//! RES-013: containers opting out of user-namespace remapping with
//! `--userns host` (CIS 5.31).

use crate::checks::runtime_rules::{engine_security_names, shares_host_namespace};
use crate::checks::support::container::{joined_namespace_finding, judge_specs};
use crate::checks::{Ctx, Outcome};
use crate::subject::{Namespace, Platform};

crate::checks::meta!();

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
            // `container:x` (an engine that accepts it: Podman) joins the
            // user namespace of x: judged by where that leads.
            let words = "opts out of user-namespace remapping";
            return Ok(joined_namespace_finding(s, Namespace::User, words)
                .into_iter()
                .collect());
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
