//! DF-013: package index update without an install in the same RUN (CIS 4.7).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn family(name: &str) -> Option<&'static str> {
    match name {
        "apt-get" | "apt" => Some("apt"),
        "apk" => Some("apk"),
        _ => None,
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        let cmds = dfs::run_commands(inst);
        for fam in ["apt", "apk"] {
            let mut update = None;
            let mut install = false;
            for c in cmds {
                let prog = c.program();
                if family(c.name()) != Some(fam) {
                    continue;
                }
                let sub = prog
                    .iter()
                    .skip(1)
                    .find(|w| !w.starts_with('-'))
                    .map(String::as_str);
                match sub {
                    Some("update") => update = Some(c.name().to_string()),
                    Some("install" | "add" | "upgrade" | "dist-upgrade" | "full-upgrade") => {
                        install = true
                    }
                    _ => {}
                }
            }
            if let (Some(tool), false) = (update, install) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{tool} update runs without an install in the same RUN"),
                    format!("{tool} update && {tool} install ... in one RUN"),
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt-get update\nRUN apt-get install -y x\n", 1)],
    pass: ["FROM a:1\nRUN apk update && apk add x\n"],
}
