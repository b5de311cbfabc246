//! DF-033: EXPOSE of a port outside 0-65535.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["EXPOSE"], |df, inst, out| {
        for w in crate::dockerfile::shell::words(&inst.args) {
            if let Some((a, b)) = dfs::expose_ports(&w) {
                if a > 65535 || b > 65535 {
                    out.push(dfs::instruction_finding(
                        df,
                        inst,
                        format!("EXPOSE {w} is not a valid port"),
                        "a port in 0-65535",
                    ));
                }
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nEXPOSE 80 70000/tcp\n", 1)],
    pass: ["FROM a:1\nEXPOSE 8000-8010/udp $PORT\n"],
}
