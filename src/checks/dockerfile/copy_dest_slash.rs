//! DF-035: COPY/ADD of several sources to a destination not ending in `/`.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["COPY", "ADD"], |df, inst, out| {
        let Some((src, dest)) = inst.copy_paths() else {
            return;
        };
        if src.len() > 1 && !dest.ends_with('/') && !dest.ends_with('\\') && !dest.contains('$') {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!(
                    "{} of {} sources to {dest}, which does not end with /",
                    inst.keyword,
                    src.len()
                ),
                "a destination ending with /",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nCOPY a b /app\n", 1)],
    pass: ["FROM a:1\nCOPY a b /app/\nCOPY [\"a\", \"/b\"]\n"],
}
