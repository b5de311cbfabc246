//! DF-006: the final stage runs as root (no USER in it or its ancestry, or
//! the last USER is root in any spelling) (CIS 4.1).

use crate::checks::support::dockerfile as dfs;
use crate::checks::support::{Identity, UserSpec};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let Some(final_stage) = df.final_stage() else {
            return false;
        };
        // The last USER along the final stage and the stages it builds on.
        let mut last = None;
        for s in df.ancestry(final_stage.index) {
            last = df
                .stage_instructions(s)
                .filter(|i| i.keyword == "USER")
                .last();
            if last.is_some() {
                break;
            }
        }
        let label = dfs::stage_label(df, final_stage.index);
        match last {
            None => {
                out.push(dfs::stage_finding(
                    df,
                    final_stage.index,
                    format!(
                        "final {label} (FROM {}) sets no USER: the base image's user applies, root for most images",
                        final_stage.base
                    ),
                    "no USER instruction",
                    "USER <non-root uid or name> in the final stage",
                )
                // No USER at all: hadolint's DL3002 and checkov's
                // CKV_DOCKER_8 judge only an explicit root USER.
                .with_aliases(["DS002", "CKV_DOCKER_3"]));
            }
            Some(inst) => {
                let spec = inst.args.trim();
                if spec.contains('$') {
                    // A user named by a variable: its value is not known from
                    // the file; judged as unknown, not as a pass or a fail.
                    return false;
                }
                // ContainerAdministrator is the Windows images' administrator.
                if UserSpec::parse(spec).identity() == Identity::Root
                    || spec.eq_ignore_ascii_case("ContainerAdministrator")
                {
                    out.push(
                        dfs::instruction_finding(
                            df,
                            inst,
                            format!("final {label}: the last USER is {spec}, which is root"),
                            "a non-root USER as the last USER",
                        )
                        .with_aliases(["DL3002", "DS002", "CKV_DOCKER_8"]),
                    );
                }
            }
        }
        true
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN x\n", 1), ("FROM a:1\nUSER app\nRUN x\nUSER 0:0\n", 1), ("FROM a:1 AS b\nUSER app\nFROM c:1\n", 1)],
    pass: ["FROM a:1 AS b\nUSER app\nFROM b\nRUN x\n", "FROM a:1\nUSER root\nRUN x\nUSER 1000:1000\n"],
    codes: [
        ("FROM a:1\nRUN x\n", [["DS002", "CKV_DOCKER_3"]]),
        ("FROM a:1\nUSER app\nUSER root\n", [["DL3002", "DS002", "CKV_DOCKER_8"]]),
    ],
}
