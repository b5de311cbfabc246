//! DF-025: apt-get install without --no-install-recommends (CIS 4.3).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-025",
    slug: "apt-get-without-no-install-recommends",
    title: "apt-get install pulls recommended packages",
    cis: &["4.3"],
    severity: Severity::Low,
    item: "installed package versions pinned (Dockerfile)",
    rationale: "Without --no-install-recommends apt-get installs every recommended package: \
        more code in the image, more to patch, a larger attack surface (CIS 4.3).",
    remediation: "`apt-get install -y --no-install-recommends pkg=ver`, or set \
        `APT::Install-Recommends \"false\";` in /etc/apt/apt.conf.d/ before installing.",
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
    aliases: &["DL3015", "DS029"],
    evaluate,
    ..super::RULE
};

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
