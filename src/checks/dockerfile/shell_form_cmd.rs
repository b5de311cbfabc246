//! DF-023: CMD or ENTRYPOINT in shell form (signals do not reach the
//! process).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["CMD", "ENTRYPOINT"], |df, inst, out| {
        if inst.exec.is_some() {
            return;
        }
        out.push(dfs::instruction_finding(
            df,
            inst,
            format!(
                "{} {} is in shell form",
                inst.keyword,
                dfs::shorten(inst.args.trim(), 80)
            ),
            "the JSON exec form",
        ));
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nCMD node server.js\n", 1)],
    pass: ["FROM a:1\nCMD [\"node\"]\n"],
}
