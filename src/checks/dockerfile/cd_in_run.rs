//! DF-020: `cd` in RUN instead of WORKDIR.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-020",
    slug: "cd-in-run",
    title: "RUN changes directory with cd instead of WORKDIR",
    severity: Severity::Low,
    rationale: "`cd` inside RUN hides the working directory from readers and from later \
        instructions; WORKDIR states it once.",
    remediation: "Use `WORKDIR /path` before the RUN, or a subshell / `make -C dir` for a \
        one-off.",
    references: &["https://docs.docker.com/build/building/best-practices/#workdir"],
    aliases: &["DL3003", "DS013"],
    evaluate,
    ..super::RULE
};

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
