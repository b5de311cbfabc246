//! DF-007: secrets in ENV values and ARG defaults (CIS 4.10).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome, Severity};
use crate::dockerfile::Instruction;

crate::checks::meta!();

fn pairs(df: &crate::dockerfile::Dockerfile, inst: &Instruction) -> Vec<(String, Option<String>)> {
    let escape = df.escape.chars().next().unwrap_or('\\');
    let legacy = inst.keyword == "ENV";
    crate::dockerfile::parse_key_values(&inst.args, escape, legacy)
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        let all = df
            .instructions
            .iter()
            .flat_map(|i| std::iter::once(i).chain(i.onbuild.as_deref()));
        for inst in all.filter(|i| matches!(i.keyword.as_str(), "ENV" | "ARG")) {
            for (name, value) in pairs(df, inst) {
                let hit = value
                    .as_deref()
                    .and_then(|v| crate::secrets::scan_kv(&name, v));
                if let Some(hit) = hit {
                    out.push(dfs::finding(
                        df,
                        inst,
                        format!(
                            "{} {name} holds a {} ({})",
                            inst.keyword, hit.description, hit.redacted
                        ),
                        format!("{} {name}={}", inst.keyword, hit.redacted),
                        "no secret values in ENV or ARG; a secret mount or a runtime secret",
                    ));
                } else if inst.keyword == "ARG"
                    && inst.stage.is_some()
                    && crate::secrets::is_secret_name(&name)
                {
                    // A secret build argument declared in a stage, without a
                    // default or with an empty or placeholder one: BuildKit
                    // records the value given with --build-arg in the history
                    // of every RUN that follows.
                    out.push(
                        dfs::finding(
                            df,
                            inst,
                            format!(
                                "ARG {name} passes a secret as a build argument: its value is recorded in the image history of the RUN instructions after it"
                            ),
                            format!("ARG {name}"),
                            "RUN --mount=type=secret for build secrets",
                        )
                        .with_severity(Severity::Medium),
                    );
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
    fn secrets() {
        let f = run_df(&super::CHECK, "FROM a:1\nENV DB_PASSWORD=hunter22 PATH=/x\nARG GITHUB_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\nENV API_KEY sk-live-123456\n");
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(|x| !x.message.contains("hunter22")));
        assert!(run_df(&super::CHECK, "FROM a:1\nARG NPM_VERSION\nENV DB_PASSWORD_FILE=/run/secrets/db GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n").is_empty());
        let f = run_df(
            &super::CHECK,
            "ARG GITHUB_TOKEN\nFROM a:1\nARG NPM_TOKEN\nRUN npm ci\n",
        );
        assert_eq!(
            f.len(),
            1,
            "only the ARG inside a stage reaches RUN history"
        );
        assert_eq!(f[0].severity, Some(super::Severity::Medium));
        // An empty or placeholder default passes the real value the same
        // way; a secret-looking default is the value finding instead.
        let f = run_df(
            &super::CHECK,
            "FROM a:1\nARG NPM_TOKEN=\"\"\nARG DB_PASSWORD=\nARG API_KEY=changeme\nENV SMTP_PASSWORD=\nRUN npm ci\n",
        );
        let names: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(f.len(), 3, "{names:?}");
        assert!(f
            .iter()
            .all(|x| x.message.contains("passes a secret as a build argument")));
    }
}
