//! DF-032: more than one HEALTHCHECK in a stage (only the last counts).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-032",
    slug: "multiple-healthcheck",
    title: "Stage has more than one HEALTHCHECK",
    section: Section::Monitoring,
    cis: &["4.6"],
    severity: Severity::Low,
    item: "Role-based monitoring",
    rationale: "Only the last HEALTHCHECK of a stage takes effect; the others mislead readers \
        about what is monitored.",
    remediation: "Keep a single HEALTHCHECK in the stage.",
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
    aliases: &["DL3012", "DS023"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for st in &df.stages {
            let all: Vec<_> = df
                .stage_instructions(st.index)
                .filter(|i| i.keyword == "HEALTHCHECK")
                .collect();
            for inst in all.iter().take(all.len().saturating_sub(1)) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!(
                        "{}: HEALTHCHECK on line {} is overridden by a later one",
                        dfs::stage_label(df, st.index),
                        inst.line
                    ),
                    "one HEALTHCHECK per stage",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", 1)],
    pass: ["FROM a:1\nHEALTHCHECK CMD a\n"],
}
