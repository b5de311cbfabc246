//! DF-016: sudo in RUN.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        if let Some(c) = dfs::run_commands(inst).iter().find(|c| {
            c.words
                .first()
                .is_some_and(|w| crate::dockerfile::shell::basename(w) == "sudo")
        }) {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN uses `{}`", dfs::shorten(&c.words.join(" "), 80)),
                "USER root for privileged steps, no sudo",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN sudo apt-get install -y x\n", 1)],
    pass: ["FROM a:1\nRUN apt-get install -y sudo\n"],
}
