//! DF-019: WORKDIR with a relative path.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

pub fn is_absolute(p: &str) -> bool {
    let p = p.trim().trim_matches(|c| c == '"' || c == '\'');
    let b = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('\\')
        || p.starts_with('$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["WORKDIR"], |df, inst, out| {
        if !is_absolute(&inst.args) {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("WORKDIR {} is relative", inst.args.trim()),
                "an absolute path",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nWORKDIR app\n", 1)],
    pass: ["FROM a:1\nWORKDIR /app\nWORKDIR $HOME\nWORKDIR C:\\app\nWORKDIR \"/x y\"\n"],
}
