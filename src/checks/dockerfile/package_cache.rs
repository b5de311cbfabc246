//! DF-014: package manager caches left in the image (apt lists, apk cache,
//! yum/dnf metadata, pip cache). Judged on the stages that ship: the final
//! stage and the stages it builds on.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};
use crate::dockerfile::shell::Command;

crate::checks::meta!();

fn removes(cmds: &[Command], prefix: &str) -> bool {
    cmds.iter()
        .any(|c| c.name() == "rm" && c.program().iter().skip(1).any(|w| w.starts_with(prefix)))
}

fn cleans(cmds: &[Command], tool: &str) -> bool {
    cmds.iter()
        .any(|c| c.name() == tool && c.program().iter().skip(1).any(|w| w == "clean"))
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let shipped = df.shipped_stages();
        let pip_env = df.instructions.iter().any(|i| {
            i.stage.is_some_and(|s| shipped.contains(&s))
                && i.keyword == "ENV"
                && i.args.contains("PIP_NO_CACHE_DIR")
        });
        for inst in df
            .instructions
            .iter()
            .filter(|i| i.keyword == "RUN" && i.stage.is_some_and(|s| shipped.contains(&s)))
        {
            let cmds = dfs::run_commands(inst);
            // Each problem with its peer codes: one finding each, so that
            // ignoring one code (`# hadolint ignore=DL3042`) leaves the others.
            let mut problems: Vec<(String, &[&str])> = Vec::new();
            let apt_update = cmds.iter().any(|c| {
                matches!(c.name(), "apt-get" | "apt")
                    && c.program().iter().skip(1).any(|w| w == "update")
            });
            let dist_clean = cmds.iter().any(|c| {
                matches!(c.name(), "apt-get" | "apt")
                    && c.program().iter().skip(1).any(|w| w == "dist-clean")
            });
            if apt_update
                && !dist_clean
                && !removes(cmds, "/var/lib/apt/lists")
                && !dfs::has_cache_mount(inst, &["/var/lib/apt"])
            {
                problems.push((
                    "apt lists (/var/lib/apt/lists) not removed".to_string(),
                    &["DL3009"],
                ));
            }
            for ins in cmds.iter().filter_map(dfs::install_of) {
                let has = |f: &str| ins.args.iter().any(|a| a == f);
                match ins.tool {
                    "apk"
                        if !has("--no-cache")
                            && !removes(cmds, "/var/cache/apk")
                            && !dfs::has_cache_mount(
                                inst,
                                &["/var/cache/apk", "/etc/apk/cache"],
                            ) =>
                    {
                        problems.push((
                            "apk add without --no-cache".to_string(),
                            &["DL3019", "DS025"],
                        ));
                    }
                    "yum" | "dnf" | "microdnf"
                        if !cleans(cmds, ins.tool)
                            && !removes(
                                cmds,
                                &format!(
                                    "/var/cache/{}",
                                    if ins.tool == "microdnf" {
                                        "yum"
                                    } else {
                                        ins.tool
                                    }
                                ),
                            )
                            && !removes(cmds, "/var/cache/dnf")
                            && !dfs::has_cache_mount(inst, &["/var/cache/"]) =>
                    {
                        problems.push((
                            format!("{} install without {} clean all", ins.tool, ins.tool),
                            match ins.tool {
                                "yum" => &["DL3032", "DS015"][..],
                                "dnf" => &["DL3040", "DS019"],
                                _ => &["DL3040"],
                            },
                        ));
                    }
                    "pip"
                        if !has("--no-cache-dir")
                            && !pip_env
                            && !removes(cmds, "/root/.cache")
                            && !dfs::has_cache_mount(inst, &["/root/.cache"]) =>
                    {
                        problems.push((
                            "pip install without --no-cache-dir".to_string(),
                            &["DL3042"],
                        ));
                    }
                    _ => {}
                }
            }
            let mut seen: Vec<String> = Vec::new();
            problems.retain(|(p, _)| {
                let new = !seen.contains(p);
                seen.push(p.clone());
                new
            });
            for (problem, codes) in problems {
                out.push(
                    dfs::instruction_finding(
                        df,
                        inst,
                        format!("package cache left in the layer: {problem}"),
                        "caches removed in the same RUN (or a cache mount)",
                    )
                    .with_aliases(codes.to_vec()),
                );
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn caches() {
        let f = run_df(&super::CHECK, "FROM a:1\nRUN apt-get update && apt-get install -y x\nRUN apk add y && pip install z\n");
        // One finding per problem, each with its own codes: ignoring
        // DL3042 leaves the apk one.
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].aliases, ["DL3009"]);
        assert!(f[1].message.contains("apk") && !f[1].message.contains("pip"));
        assert_eq!(f[1].aliases, ["DL3019", "DS025"]);
        assert!(f[2].message.contains("pip"));
        assert_eq!(f[2].aliases, ["DL3042"]);
        assert!(run_df(&super::CHECK, "FROM a:1\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache y\nRUN dnf install -y z && dnf clean all\n").is_empty());
        // Build stages that do not ship are not judged.
        assert!(run_df(
            &super::CHECK,
            "FROM a:1 AS b\nRUN apk add y\nFROM c:1\nCOPY --from=b /y /y\n"
        )
        .is_empty());
    }
}
