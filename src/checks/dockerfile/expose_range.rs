//! DF-033: EXPOSE of a port outside 0-65535.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-033",
    slug: "expose-port-out-of-range",
    title: "EXPOSE names a port outside 0-65535",
    section: Section::Resources,
    severity: Severity::Low,
    item: "Network restricted",
    rationale: "A port above 65535 does not exist: the EXPOSE line documents nothing and hides \
        a typo in the port the service really uses.",
    remediation: "Expose the real port: `EXPOSE 8080/tcp`.",
    references: &["https://docs.docker.com/reference/dockerfile/#expose"],
    aliases: &["DL3011", "DS008"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for inst in df.instructions.iter().filter(|i| i.keyword == "EXPOSE") {
            for w in crate::dockerfile::shell::words(&inst.args) {
                if let Some((a, b)) = dfs::expose_ports(&w) {
                    if a > 65535 || b > 65535 {
                        out.push(dfs::finding(
                            df,
                            inst,
                            format!("EXPOSE {w} is not a valid port"),
                            dfs::excerpt(inst),
                            "a port in 0-65535",
                        ));
                    }
                }
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn range() {
        assert_eq!(
            run_df(&super::CHECK, "FROM a:1\nEXPOSE 80 70000/tcp\n").len(),
            1
        );
        assert!(run_df(&super::CHECK, "FROM a:1\nEXPOSE 8000-8010/udp $PORT\n").is_empty());
    }
}
