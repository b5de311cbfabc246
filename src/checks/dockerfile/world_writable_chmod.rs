//! DF-017: chmod (or COPY --chmod) that makes files world-writable.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome, Severity};

crate::checks::meta!();

/// Octal modes with the other-write bit, or symbolic modes adding `w` for
/// o or a.
pub fn world_writable(mode: &str) -> bool {
    let m = mode.trim();
    if !m.is_empty() && m.len() <= 5 && m.chars().all(|c| c.is_digit(8)) {
        let last = m.chars().last().and_then(|c| c.to_digit(8)).unwrap_or(0);
        return last & 2 != 0;
    }
    m.split(',').any(|clause| {
        let Some(op) = clause.find(['+', '=']) else {
            return false;
        };
        let who = &clause[..op];
        let perms = &clause[op + 1..];
        (who.contains('o') || who.contains('a'))
            && perms
                .split(['-', '+', '='])
                .next()
                .unwrap_or("")
                .contains('w')
    })
}

/// The sticky bit (1xxx octal, or `+t`): others may add files but not
/// remove those of other users.
fn sticky(mode: &str) -> bool {
    let m = mode.trim();
    if m.len() == 4 && m.chars().all(|c| c.is_digit(8)) {
        return m.chars().next().and_then(|c| c.to_digit(8)).unwrap_or(0) & 1 != 0;
    }
    m.contains('t')
}

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for inst in &df.instructions {
            // ONBUILD COPY --chmod applies in every image built from this one.
            let inst = inst.onbuild.as_deref().unwrap_or(inst);
            if let Some(m) = inst.flag_value("chmod").filter(|m| world_writable(m)) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{} --chmod={m} makes files world-writable", inst.keyword),
                    "no write permission for others",
                ));
            }
        }
        for inst in dfs::runs(df) {
            for c in dfs::run_commands(inst) {
                if c.name() != "chmod" {
                    continue;
                }
                let words = c.program();
                let Some(pos) = words
                    .iter()
                    .skip(1)
                    .position(|w| !w.starts_with('-') || w.starts_with("-w"))
                else {
                    continue;
                };
                let m = &words[pos + 1];
                if !world_writable(m) {
                    continue;
                }
                let targets: Vec<&String> = words[pos + 2..]
                    .iter()
                    .filter(|t| !t.starts_with('-'))
                    .collect();
                let is_sticky = sticky(m);
                // A sticky temporary directory is the standard /tmp layout.
                if is_sticky && !targets.is_empty() && targets.iter().all(|t| t.contains("tmp")) {
                    continue;
                }
                let f = dfs::finding(
                    df,
                    inst,
                    format!(
                        "chmod {m} makes {} world-writable{}",
                        dfs::shorten(
                            &targets
                                .iter()
                                .map(|t| t.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            60
                        ),
                        if is_sticky {
                            " (sticky: others can add files)"
                        } else {
                            ""
                        }
                    ),
                    dfs::shorten(&words.join(" "), 120),
                    "no write permission for others",
                );
                out.push(if is_sticky {
                    f.with_severity(Severity::Low)
                } else {
                    f
                });
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::world_writable;
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn modes() {
        for m in [
            "777", "0777", "666", "1777", "o+w", "a+rwx", "u+x,o+w", "ugo=rwx", "a=rw", "0002",
        ] {
            assert!(world_writable(m), "{m}");
        }
        for m in [
            "755", "0644", "750", "u+w", "g+w", "+x", "o-w", "o+r", "4755",
        ] {
            assert!(!world_writable(m), "{m}");
        }
        assert_eq!(
            run_df(
                &super::CHECK,
                "FROM a:1\nRUN chmod -R 777 /data\nCOPY --chmod=666 a /a\n"
            )
            .len(),
            2
        );
        assert!(run_df(
            &super::CHECK,
            "FROM a:1\nRUN chmod +x /e.sh && chmod -R g+w /data\n"
        )
        .is_empty());
        assert!(run_df(
            &super::CHECK,
            "FROM a:1\nRUN chmod 1777 /tmp /var/tmp && chmod g+w /x\n"
        )
        .is_empty());
        let f = run_df(&super::CHECK, "FROM a:1\nRUN chmod 1777 /var/www/html\n");
        assert_eq!(f[0].severity, Some(super::Severity::Low));
    }
}
