//! DF-036: RUN steps that leave the build sandbox (`--security=insecure`,
//! `--network=host`).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        for (flag, bad) in [("security", "insecure"), ("network", "host")] {
            if inst.flag_values(flag).any(|v| v.eq_ignore_ascii_case(bad)) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("RUN --{flag}={bad} leaves the build sandbox"),
                    "no --security=insecure or --network=host",
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN --security=insecure --network=host x\n", 2)],
    pass: ["FROM a:1\nRUN --network=none --security=sandbox x\n"],
}
