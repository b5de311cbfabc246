//! DF-011: ADD of a remote URL without a checksum (CIS 4.9, 4.11).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_keywords(ctx, &["ADD"], true, |df, inst, out| {
        if inst.flag("checksum").is_some() {
            return;
        }
        let Some((sources, _)) = inst.copy_paths() else {
            return;
        };
        // `ADD ${URL} /y` is judged by the value the file gives URL.
        let sources: Vec<String> = sources
            .iter()
            .map(|s| dfs::expand_at(df, inst, s).unwrap_or_else(|| s.clone()))
            .collect();
        for s in sources.iter().filter(|s| dfs::is_remote(s)) {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("ADD fetches {} without --checksum", dfs::shorten(s, 120)),
                "ADD --checksum=sha256:<hash> <url>, or a verified download in RUN",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [
        ("FROM a:1\nADD https://x/y.tgz /y\n", 1),
        ("FROM a:1\nARG URL=https://x/y.tgz\nADD ${URL} /y\n", 1),
    ],
    pass: ["FROM a:1\nADD --checksum=sha256:ab https://x/y.tgz /y\nADD . /app\n"],
}
