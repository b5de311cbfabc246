//! DF-028: useradd with a high uid and without -l (a huge lastlog file).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        for c in dfs::run_commands(inst) {
            if c.name() != "useradd" {
                continue;
            }
            let w = c.program();
            if w.iter().any(|a| {
                a == "-l"
                    || a == "--no-log-init"
                    || (a.starts_with('-') && !a.starts_with("--") && a.contains('l'))
            }) {
                continue;
            }
            let uid = w.iter().enumerate().find_map(|(i, a)| {
                if a == "-u" || a == "--uid" {
                    w.get(i + 1).cloned()
                } else {
                    a.strip_prefix("--uid=").map(str::to_string)
                }
            });
            if let Some(n) = uid
                .and_then(|u| u.parse::<u64>().ok())
                .filter(|n| *n > 65535)
            {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("useradd with uid {n} without -l"),
                    "useradd -l (--no-log-init) for uids above 65535",
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN useradd -u 123456 app\n", 1)],
    pass: ["FROM a:1\nRUN useradd -l -u 123456 app && useradd -u 1000 b\n"],
}
