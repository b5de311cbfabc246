//! DF-034: both curl and wget used in one stage.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for st in &df.stages {
            let mut first: [Option<u32>; 2] = [None, None];
            let mut second = None;
            for inst in df
                .stage_instructions(st.index)
                .filter(|i| i.keyword == "RUN")
            {
                for c in dfs::run_commands(inst) {
                    let k = match c.name() {
                        "curl" => 0,
                        "wget" => 1,
                        _ => continue,
                    };
                    if first[k].is_none() {
                        first[k] = Some(inst.line);
                        if first[1 - k].is_some() && second.is_none() {
                            second = Some(inst);
                        }
                    }
                }
            }
            if let Some(inst) = second {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!(
                        "{}: curl (line {}) and wget (line {}) are both used",
                        dfs::stage_label(df, st.index),
                        first[0].unwrap_or(0),
                        first[1].unwrap_or(0)
                    ),
                    "one download tool per stage",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN curl -o x y\nRUN wget z\n", 1)],
    pass: ["FROM a:1 AS b\nRUN curl -o x y\nFROM c:1\nRUN wget z\n"],
}
