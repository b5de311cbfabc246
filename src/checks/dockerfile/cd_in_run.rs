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
    dfs::over_files(ctx, |df, out| {
        for inst in dfs::runs(df) {
            let cmds = dfs::run_commands(inst);
            if let Some(c) = cmds.iter().find(|c| c.name() == "cd") {
                out.push(dfs::finding(
                    df,
                    inst,
                    format!("RUN uses `{}`", c.words.join(" ")),
                    dfs::excerpt(inst),
                    "WORKDIR to change directory",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn cd() {
        assert_eq!(
            run_df(&super::CHECK, "FROM a:1\nRUN cd /src && make\n").len(),
            1
        );
        assert!(run_df(&super::CHECK, "FROM a:1\nWORKDIR /src\nRUN make -C sub\n").is_empty());
    }
}
