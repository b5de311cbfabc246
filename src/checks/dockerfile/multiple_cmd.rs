//! DF-021: more than one CMD or ENTRYPOINT in a stage (only the last counts).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for st in &df.stages {
            for (kw, codes) in [
                ("CMD", ["DL4003", "DS016"]),
                ("ENTRYPOINT", ["DL4004", "DS007"]),
            ] {
                let all: Vec<_> = df
                    .stage_instructions(st.index)
                    .filter(|i| i.keyword == kw)
                    .collect();
                if all.len() > 1 {
                    let last = all[all.len() - 1];
                    for inst in &all[..all.len() - 1] {
                        out.push(
                            dfs::instruction_finding(
                                df,
                                inst,
                                format!(
                                    "{}: {kw} on line {} is overridden by the {kw} on line {}",
                                    dfs::stage_label(df, st.index),
                                    inst.line,
                                    last.line
                                ),
                                format!("one {kw} per stage"),
                            )
                            .with_aliases(codes),
                        );
                    }
                }
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nCMD a\nCMD b\n", 1)],
    pass: ["FROM a:1 AS x\nCMD a\nFROM b:1\nCMD b\nENTRYPOINT [\"x\"]\n"],
    codes: [
        (
            "FROM a:1\nCMD a\nCMD b\nENTRYPOINT a\nENTRYPOINT b\n",
            [["DL4003", "DS016"], ["DL4004", "DS007"]],
        ),
    ],
}
