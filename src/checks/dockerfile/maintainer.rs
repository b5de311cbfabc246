//! DF-022: the deprecated MAINTAINER instruction.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-022",
    slug: "maintainer-deprecated",
    title: "Deprecated MAINTAINER instruction",
    severity: Severity::Low,
    rationale: "MAINTAINER is deprecated; the OCI label is what registries and scanners read.",
    remediation: "Replace `MAINTAINER name` by `LABEL org.opencontainers.image.authors=\"name\"`.",
    references: &["https://docs.docker.com/reference/dockerfile/#maintainer-deprecated"],
    aliases: &["DL4000", "DS022", "CKV_DOCKER_6"],
    evaluate,
    ..super::RULE
};

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
