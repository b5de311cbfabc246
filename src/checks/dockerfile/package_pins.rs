//! DF-005: package installs without version pins (apt-get/apt, apk,
//! yum/dnf/microdnf, pip, npm, gem).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

/// The hadolint rule for an unpinned install of each tool. `apt` (not
/// apt-get) has none: hadolint's pin rule reads apt-get only.
fn code(tool: &str) -> Option<&'static str> {
    Some(match tool {
        "apt-get" => "DL3008",
        "apk" => "DL3018",
        "pip" => "DL3013",
        "npm" => "DL3016",
        "gem" => "DL3028",
        "yum" => "DL3033",
        "dnf" | "microdnf" => "DL3041",
        _ => return None,
    })
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        for ins in dfs::installs(inst) {
            if ins.unpinned.is_empty() {
                continue;
            }
            out.push(
                dfs::instruction_finding(
                    df,
                    inst,
                    format!(
                        "{} installs without a version pin: {}",
                        ins.tool,
                        dfs::shorten(&ins.unpinned.join(", "), 200)
                    ),
                    "every package with a version (pkg=1.2, pkg==1.2, pkg@1.2, -v 1.2)",
                )
                .with_aliases(code(ins.tool)),
            );
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt-get update && apt-get install -y curl git=1:2.39\n", 1)],
    pass: ["FROM a:1\nRUN pip install -r requirements.txt && npm ci\n"],
    codes: [
        (
            "FROM a:1\nRUN apt-get install -y curl\nRUN apk add --no-cache git\nRUN apt install -y vim\n",
            [["DL3008"], ["DL3018"], []],
        ),
        ("FROM a:1\nRUN pip install flask && npm i x\n", [["DL3013"], ["DL3016"]]),
    ],
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn names_only_the_unpinned() {
        let f = run_df(
            &super::CHECK,
            "FROM a:1\nRUN apt-get update && apt-get install -y curl git=1:2.39\n",
        );
        assert!(f[0].message.contains("curl") && !f[0].message.contains("git"));
    }
}
