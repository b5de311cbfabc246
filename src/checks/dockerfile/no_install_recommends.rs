//! DF-025: apt-get install without --no-install-recommends (CIS 4.3).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let mut configured = false;
        for inst in dfs::runs(df) {
            let script = inst.script();
            for ins in dfs::installs(inst) {
                if ins.tool != "apt-get" || ins.packages.is_empty() || configured {
                    continue;
                }
                let ok = ins
                    .args
                    .iter()
                    .any(|a| a == "--no-install-recommends" || a.contains("Install-Recommends="));
                if !ok {
                    out.push(dfs::instruction_finding(
                        df,
                        inst,
                        format!(
                            "apt-get install without --no-install-recommends ({})",
                            dfs::shorten(&ins.packages.join(" "), 100)
                        ),
                        "apt-get install --no-install-recommends",
                    ));
                }
            }
            if script.contains("Install-Recommends") {
                configured = true;
            }
        }
        !df.stages.is_empty()
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt-get install -y x\n", 1)],
    pass: [
        "FROM a:1\nRUN apt-get install -y --no-install-recommends x\n",
        "FROM a:1\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/norec\nRUN apt-get install -y x\n",
    ],
}
