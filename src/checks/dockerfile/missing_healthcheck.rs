//! DF-015: no HEALTHCHECK in the final stage (CIS 4.6).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let Some(fin) = df.final_stage() else {
            return false;
        };
        let last = df.last_inherited(fin.index, "HEALTHCHECK");
        match last {
            None => out.push(dfs::stage_finding(
                df,
                fin.index,
                format!(
                    "final {} has no HEALTHCHECK",
                    dfs::stage_label(df, fin.index)
                ),
                "no HEALTHCHECK instruction",
                "HEALTHCHECK CMD ... in the final stage",
            )),
            Some(i) if i.args.trim().eq_ignore_ascii_case("none") => out.push(
                dfs::finding(
                    df,
                    i,
                    format!(
                        "final {} disables the health check (HEALTHCHECK NONE)",
                        dfs::stage_label(df, fin.index)
                    ),
                    dfs::excerpt(i),
                    "HEALTHCHECK CMD ...",
                )
                // hadolint, Trivy and Checkov judge only a missing HEALTHCHECK.
                .with_aliases(Vec::<&str>::new()),
            ),
            Some(_) => {}
        }
        true
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1 AS b\nHEALTHCHECK CMD x\nFROM c:1\n", 1)],
    pass: ["FROM a:1 AS b\nHEALTHCHECK CMD [\"x\"]\nFROM b\n"],
    codes: [
        ("FROM a:1\n", [["DL3057", "DS026", "CKV_DOCKER_2"]]),
        ("FROM a:1\nHEALTHCHECK NONE\n", [[]]),
    ],
}
