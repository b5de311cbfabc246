//! COMPOSE-003: compose service does not drop all capabilities (CIS 5.4); the compose
//! mirror of RES-003, judged with the same rule functions.

use crate::checks::compose_support::{
    finding, judge_services, missing_evidence, setting_evidence, values,
};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-003",
    slug: "compose-capabilities-not-dropped",
    title: "Compose service does not drop all capabilities",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.4"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: capabilities dropped",
    needs: &[Need::Compose],
    rationale: "Without `cap_drop: [ALL]` the container keeps the engine's default capability set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID ...), most of which an application never needs. Same rule as RES-003 (runtime_rules::drops_all_caps).",
    remediation: "Add `cap_drop: [ALL]` to the service and `cap_add:` back only what it needs (e.g. NET_BIND_SERVICE).",
    references: &["https://docs.docker.com/reference/compose-file/services/#cap_drop"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        if runtime_rules::drops_all_caps(&values(&s.cap_drop)) {
            return Vec::new();
        }
        let ev = match s.cap_drop.first() {
            Some(c) => setting_evidence(
                f,
                s,
                c,
                format!("{:?}", values(&s.cap_drop)),
                "cap_drop: [ALL]",
            ),
            None => missing_evidence(f, s, "cap_drop", "absent", "cap_drop: [ALL]"),
        };
        vec![finding(
            f,
            s,
            "does not drop all capabilities (no cap_drop: [ALL])",
            ev,
        )]
    })
}
