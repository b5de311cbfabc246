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
    dfs::over_files(ctx, |df, out| {
        for inst in df.instructions.iter().filter(|i| i.keyword == "MAINTAINER") {
            out.push(dfs::finding(
                df,
                inst,
                "MAINTAINER is deprecated",
                dfs::excerpt(inst),
                "LABEL org.opencontainers.image.authors=...",
            ));
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn maintainer() {
        assert_eq!(run_df(&super::CHECK, "FROM a:1\nMAINTAINER me\n").len(), 1);
        assert!(run_df(&super::CHECK, "FROM a:1\nLABEL maintainer=me\n").is_empty());
    }
}
