//! DF-026: COPY --from naming no earlier stage (or its own stage).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["COPY"], |df, inst, out| {
        let (Some(from), Some(cur)) = (inst.flag_value("from"), inst.stage) else {
            return;
        };
        if from.contains('$') {
            return;
        }
        // hadolint DL3023 and Trivy DS006: the stage copies from itself;
        // DL3022: from a stage not defined before it.
        let problem = match df.stage_by_ref(from) {
            Some(s) if s == cur => {
                Some(("is the stage itself".to_string(), &["DL3023", "DS006"][..]))
            }
            Some(s) if s > cur => Some((format!("is defined later (stage {s})"), &["DL3022"][..])),
            Some(_) => None,
            None if from.contains([':', '/', '@', '.']) => None,
            None => Some((
                "is not the name of any stage (it would be pulled as an image)".to_string(),
                &["DL3022"][..],
            )),
        };
        if let Some((p, codes)) = problem {
            out.push(
                dfs::instruction_finding(
                    df,
                    inst,
                    format!("{}: COPY --from={from} {p}", dfs::stage_label(df, cur)),
                    "the name or index of an earlier stage",
                )
                .with_aliases(codes),
            );
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1 AS build\nFROM b:1\nCOPY --from=buidl /x /x\nCOPY --from=1 /y /y\n", 2)],
    pass: ["FROM a:1 AS build\nFROM b:1\nCOPY --from=BUILD /x /x\nCOPY --from=0 /x /x\nCOPY --from=nginx:1.25 /etc/nginx /n\n"],
    codes: [
        (
            "FROM a:1 AS x\nCOPY --from=x /a /b\nCOPY --from=nope /a /b\n",
            [["DL3023", "DS006"], ["DL3022"]],
        ),
    ],
}
