//! DF-010: ADD where COPY suffices (CIS 4.9).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn is_archive(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
        ".tzst", ".gz", ".bz2", ".xz",
    ]
    .iter()
    .any(|e| s.ends_with(e))
        || s.contains('$')
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["ADD"], |df, inst, out| {
        let Some((sources, _)) = inst.copy_paths() else {
            return;
        };
        if sources.iter().any(|s| dfs::is_remote(s)) {
            return;
        }
        let local: Vec<&String> = sources.iter().filter(|s| !is_archive(s)).collect();
        if local.is_empty() && !sources.is_empty() {
            return;
        }
        out.push(dfs::instruction_finding(
            df,
            inst,
            format!(
                "ADD of local files ({}) where COPY suffices",
                dfs::shorten(&sources.join(" "), 120)
            ),
            "COPY for local files and directories",
        ));
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nADD . /app\n", 1)],
    pass: ["FROM a:1\nADD rootfs.tar.xz /\nADD https://x/y /y\n"],
}
