//! DF-019: WORKDIR with a relative path.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-019",
    slug: "workdir-relative-path",
    title: "WORKDIR uses a relative path",
    severity: Severity::Low,
    rationale: "A relative WORKDIR depends on the previous WORKDIR, possibly set by a base \
        image you do not control: files land somewhere other than the reader expects.",
    remediation: "Use an absolute path: `WORKDIR /app`.",
    references: &["https://docs.docker.com/reference/dockerfile/#workdir"],
    aliases: &["DL3000", "DS009", "CKV_DOCKER_10"],
    evaluate,
    ..super::RULE
};

pub fn is_absolute(p: &str) -> bool {
    let p = p.trim().trim_matches(|c| c == '"' || c == '\'');
    let b = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('\\')
        || p.starts_with('$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for inst in df.instructions.iter().filter(|i| i.keyword == "WORKDIR") {
            if !is_absolute(&inst.args) {
                out.push(dfs::finding(
                    df,
                    inst,
                    format!("WORKDIR {} is relative", inst.args.trim()),
                    dfs::excerpt(inst),
                    "an absolute path",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn workdir() {
        assert_eq!(run_df(&super::CHECK, "FROM a:1\nWORKDIR app\n").len(), 1);
        assert!(run_df(
            &super::CHECK,
            "FROM a:1\nWORKDIR /app\nWORKDIR $HOME\nWORKDIR C:\\app\nWORKDIR \"/x y\"\n"
        )
        .is_empty());
    }
}
