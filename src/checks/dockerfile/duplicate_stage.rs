//! DF-027: two stages with the same name.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for st in &df.stages {
            let Some(name) = &st.name else { continue };
            if let Some(first) = df.stages[..st.index]
                .iter()
                .find(|s| s.name.as_ref() == Some(name))
            {
                out.push(dfs::stage_finding(
                    df,
                    st.index,
                    format!(
                        "stage name {name:?} on line {} is already used on line {}",
                        st.line, first.line
                    ),
                    format!("AS {name}"),
                    "a unique stage name",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1 AS x\nFROM b:1 AS X\n", 1)],
    pass: ["FROM a:1 AS x\nFROM b:1 AS y\n"],
}
