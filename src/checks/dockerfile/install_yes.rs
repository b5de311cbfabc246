//! DF-030: apt-get/yum/dnf install without the non-interactive -y switch.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn yes(args: &[String]) -> bool {
    args.iter().any(|a| {
        matches!(
            a.as_str(),
            "--yes" | "--assume-yes" | "--assumeyes" | "-qq" | "-q=2" | "--quiet=2"
        ) || (a.starts_with('-') && !a.starts_with("--") && a.contains('y'))
            || a.contains("Assume-Yes")
    })
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let configured = df
            .instructions
            .iter()
            .any(|i| i.args.contains("Assume-Yes"));
        for inst in dfs::runs(df) {
            for c in dfs::run_commands(inst) {
                let Some(ins) = dfs::install_of(c) else {
                    continue;
                };
                if !matches!(ins.tool, "apt-get" | "yum" | "dnf") || configured {
                    continue;
                }
                // Options before the subcommand count too.
                if yes(c.program()) {
                    continue;
                }
                out.push(
                    dfs::instruction_finding(
                        df,
                        inst,
                        format!("{} install without -y", ins.tool),
                        format!("{} install -y", ins.tool),
                    )
                    .with_aliases(match ins.tool {
                        "apt-get" => &["DL3014", "DS021"][..],
                        "yum" => &["DL3030"],
                        _ => &["DL3038"],
                    }),
                );
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt-get install curl\n", 1)],
    pass: ["FROM a:1\nRUN apt-get -qy install curl && yum install --assumeyes x && apk add y\n"],
    codes: [
        (
            "FROM a:1\nRUN apt-get install x=1\nRUN yum install x\nRUN dnf install x\n",
            [["DL3014", "DS021"], ["DL3030"], ["DL3038"]],
        ),
    ],
}
