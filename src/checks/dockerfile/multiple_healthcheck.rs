//! DF-032: more than one HEALTHCHECK in a stage (only the last counts).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

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
