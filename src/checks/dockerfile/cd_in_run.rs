//! DF-020: `cd` in RUN instead of WORKDIR.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        let cmds = dfs::run_commands(inst);
        if let Some(c) = cmds.iter().find(|c| c.name() == "cd") {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN uses `{}`", c.words.join(" ")),
                "WORKDIR to change directory",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN cd /src && make\n", 1)],
    pass: ["FROM a:1\nWORKDIR /src\nRUN make -C sub\n"],
}
