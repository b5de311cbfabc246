//! DF-018: EXPOSE 22 (an SSH server in the container, CIS 5.7).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_keywords(ctx, &["EXPOSE"], true, |df, inst, out| {
        for w in crate::dockerfile::shell::words(&inst.args) {
            // `EXPOSE $SSH_PORT` is judged by the value the file gives it.
            let Some(port) = dfs::expand_at(df, inst, &w) else {
                continue;
            };
            if port.to_ascii_lowercase().ends_with("/udp") {
                continue;
            }
            if let Some((a, b)) = dfs::expose_ports(&port) {
                if a <= 22 && 22 <= b {
                    out.push(dfs::instruction_finding(
                        df,
                        inst,
                        format!(
                            "EXPOSE {} exposes the SSH port",
                            if port == w {
                                w.clone()
                            } else {
                                format!("{w} ({port})")
                            }
                        ),
                        "no port 22",
                    ));
                }
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [
        ("FROM a:1\nEXPOSE 80 22/tcp\n", 1),
        ("FROM a:1\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n", 1),
        ("FROM a:1\nONBUILD EXPOSE 22\n", 1),
    ],
    pass: ["FROM a:1\nEXPOSE 2222 8022\n"],
}
