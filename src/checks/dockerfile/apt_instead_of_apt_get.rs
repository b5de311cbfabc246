//! DF-024: `apt` (the interactive front end) instead of `apt-get`.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        if let Some(c) = dfs::run_commands(inst).iter().find(|c| c.name() == "apt") {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN uses `{}`", dfs::shorten(&c.program().join(" "), 80)),
                "apt-get",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt install -y x\n", 1)],
    pass: ["FROM a:1\nRUN apt-get install -y x\n"],
}
