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
        let last = df.last_inherited(final_stage.index, "USER");
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
                let written = inst.args.trim();
                // A user named by a variable is judged by the value the file
                // gives it (an ARG default, an ENV) before the USER line.
                let expanded = if written.contains('$') {
                    let vars = dfs::stage_vars(df, final_stage.index, inst.line);
                    crate::dockerfile::expand_vars(written, &|n| vars.get(n).cloned().flatten())
                } else {
                    Some(written.to_string())
                };
                // The builder reads USER as a shell word: `USER "root"` is root.
                let escape = df.escape.chars().next().unwrap_or('\\');
                let expanded = expanded
                    .map(|e| crate::dockerfile::shell::words_with_escape(&e, escape).join(" "));
                let Some(expanded) = expanded else {
                    // No value in the file: the user is not known, which is
                    // not a pass.
                    out.push(
                        dfs::instruction_finding(
                            df,
                            inst,
                            format!(
                                "final {label}: the last USER is {written}, whose value the file does not set: the user is not known"
                            ),
                            "a USER the file fixes, non-root",
                        )
                        .with_severity(crate::checks::Severity::Low),
                    );
                    return true;
                };
                let spec = expanded.as_str();
                let shown = if spec == written {
                    spec.to_string()
                } else {
                    format!("{written} ({spec} by default)")
                };
                // ContainerAdministrator is the Windows images' administrator.
                if UserSpec::parse(spec).identity() == Identity::Root
                    || spec.eq_ignore_ascii_case("ContainerAdministrator")
                {
                    out.push(
                        dfs::instruction_finding(
                            df,
                            inst,
                            format!("final {label}: the last USER is {shown}, which is root"),
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
    fail: [
        ("FROM a:1\nRUN x\n", 1),
        ("FROM a:1\nUSER app\nRUN x\nUSER 0:0\n", 1),
        ("FROM a:1 AS b\nUSER app\nFROM c:1\n", 1),
        ("FROM a:1\nARG UID=0\nUSER ${UID}\n", 1),
        ("FROM a:1 AS b\nENV APP_USER=root\nFROM b\nUSER $APP_USER:1000\n", 1),
        ("FROM a:1\nARG UID\nUSER ${UID}\n", 1),
        ("FROM a:1\nUSER +0\n", 1),
        ("FROM a:1\nUSER \"root\"\n", 1),
        ("FROM a:1\nARG APP_USER\nUSER \"${APP_USER:-root}\"\n", 1),
        ("FROM a:1\nARG BASE_USER=root\nENV APP_USER=${BASE_USER}\nUSER $APP_USER\n", 1),
        ("ARG RUN_AS=root\nFROM a:1\nARG RUN_AS\nUSER ${RUN_AS:-nobody}\n", 1),
    ],
    pass: [
        "FROM a:1 AS b\nUSER app\nFROM b\nRUN x\n",
        "FROM a:1\nUSER root\nRUN x\nUSER 1000:1000\n",
        "FROM a:1\nARG UID=10001\nUSER ${UID:-0}\n",
    ],
    codes: [
        ("FROM a:1\nRUN x\n", [["DS002", "CKV_DOCKER_3"]]),
        ("FROM a:1\nUSER app\nUSER root\n", [["DL3002", "DS002", "CKV_DOCKER_8"]]),
    ],
}
