//! DF-022: the deprecated MAINTAINER instruction.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["MAINTAINER"], |df, inst, out| {
        out.push(dfs::instruction_finding(
            df,
            inst,
            "MAINTAINER is deprecated",
            "LABEL org.opencontainers.image.authors=...",
        ));
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nMAINTAINER me\n", 1)],
    pass: ["FROM a:1\nLABEL maintainer=me\n"],
}
