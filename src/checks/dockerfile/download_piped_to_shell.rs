//! DF-012: downloads piped into a shell or interpreter (`curl | sh`,
//! `sh -c "$(curl ...)"`, PowerShell `iex (iwr ...)`) (CIS 4.11).

use std::sync::LazyLock;

use regex::Regex;

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

const FETCHERS: &[&str] = &["curl", "wget", "fetch"];
const RUNNERS: &[&str] = &[
    "sh", "bash", "zsh", "ash", "dash", "ksh", "python", "python2", "python3", "perl", "ruby",
    "node", "php", "source", ".",
];

static SUBST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(sh|bash|zsh|ash|dash|ksh|python3?|perl|ruby|node)\s+(-[a-zA-Z]*c\s+["']?\$\(\s*(curl|wget)\b|<\(\s*(curl|wget)\b)|(^|[;&|\s])(source|\.)\s+<\(\s*(curl|wget)\b"#).unwrap()
});
/// Other spellings of running a download: `eval "$(curl ...)"`, a
/// backquoted download given to `sh -c`, `bash -s < <(curl ...)`, a
/// subshell's download piped to a shell, and `python -c` fetching and
/// exec-ing a script.
static OTHER_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\beval\s+["']?(\$\(|`)\s*(curl|wget)\b|(^|[;&|\s(])(\S*/)?(sh|bash|zsh|ash|dash|ksh)\s+-[a-zA-Z]*c\s+["']?`\s*(curl|wget)\b|(^|[;&|\s(])(\S*/)?(sh|bash|zsh|ash|dash|ksh)\s[^;&|\n]*<\s*<\(\s*(curl|wget)\b|\(\s*(curl|wget)\b[^)]*\)\s*\|\s*(sudo\s+)?(sh|bash|zsh|ash|dash|ksh|python[0-9.]*)\b|\bpython[0-9.]*\s+-c\s+["'][^"']*\burlopen\b[^"']*\bexec\b|\bpython[0-9.]*\s+-c\s+["'][^"']*\bexec\s*\([^"']*\burlopen\b"#).unwrap()
});
static POWERSHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\b(iex|invoke-expression)\b[\s(]*(\(?\s*new-object\s+(system\.)?net\.webclient\s*\)?\s*\.downloadstring|\b(iwr|irm|invoke-webrequest|invoke-restmethod)\b))|(\b(iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b[^|\n]*\|\s*(iex|invoke-expression)\b)").unwrap()
});

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for inst in dfs::runs(df) {
            let cmds = dfs::run_commands(inst);
            let mut hit: Option<String> = None;
            for (i, c) in cmds.iter().enumerate() {
                if c.pipes_to_next && FETCHERS.contains(&c.name()) {
                    // Follow the pipeline to its consumer.
                    let mut j = i + 1;
                    while j < cmds.len() {
                        let n = cmds[j].name();
                        // python3.12, node18: the interpreter by its name.
                        let bare = n.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
                        if RUNNERS.contains(&n) || (!bare.is_empty() && RUNNERS.contains(&bare)) {
                            hit = Some(format!("{} piped into {n}", c.name()));
                            break;
                        }
                        if !cmds[j].pipes_to_next {
                            break;
                        }
                        j += 1;
                    }
                }
                if hit.is_some() {
                    break;
                }
            }
            let script = inst.script();
            // Every form below fetches with curl, wget or urlopen: most
            // scripts name none, and skip the scans.
            let fetches = ["curl", "wget", "urlopen"]
                .iter()
                .any(|f| script.contains(f));
            if hit.is_none()
                && fetches
                && (SUBST.is_match(&script) || OTHER_FORMS.is_match(&script))
            {
                hit = Some("a shell runs a command substitution of a download".to_string());
            }
            if hit.is_none() && POWERSHELL.is_match(&script) {
                hit = Some("PowerShell Invoke-Expression runs a downloaded script".to_string());
            }
            if let Some(what) = hit {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("RUN executes a download unverified: {what}"),
                    "download to a file, verify its checksum or signature, then run it",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn pipes() {
        for bad in [
            "RUN curl -fsSL https://x/install.sh | sh",
            "RUN wget -qO- https://x | sudo bash -s -- --yes",
            "RUN curl -s https://x | tee /tmp/l | python3 -",
            "RUN sh -c \"$(curl -fsSL https://x/install.sh)\"",
            "RUN bash <(curl -s https://x)",
            "RUN iex ((New-Object System.Net.WebClient).DownloadString('https://x/install.ps1'))",
            "RUN iwr https://x/i.ps1 -UseBasicParsing | iex",
            "RUN cat <<EOF | sh\ncurl -fsSL https://x/install.sh | bash\nEOF",
            "RUN eval \"$(curl -fsSL https://x)\"",
            "RUN sh -c \"`curl https://x`\"",
            "RUN bash -s < <(curl https://x)",
            "RUN curl https://x | python3.12 -",
            "RUN python3 -c \"import urllib.request as u;exec(u.urlopen('https://x').read())\"",
            "RUN (curl https://x) | sh",
            "RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"curl -fsSL https://x | bash\"]",
            "RUN [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\", \"curl -fsSL https://x | bash\"]",
            "RUN [\"/usr/bin/env\", \"bash\", \"-c\", \"curl -fsSL https://x | bash\"]",
            "SHELL [\"conda\", \"run\", \"-n\", \"app\", \"/bin/bash\", \"-c\"]\nRUN curl -fsSL https://x | bash",
            "ONBUILD RUN <<EOF\ncurl -fsSL https://x | sh\nEOF",
        ] {
            assert_eq!(
                run_df(&super::CHECK, &format!("FROM a:1\n{bad}\n")).len(),
                1,
                "{bad}"
            );
        }
        assert!(run_df(&super::CHECK, "FROM a:1\nRUN curl -fsSLo x.tgz https://x && echo 'ab  x.tgz' | sha256sum -c - && tar xzf x.tgz\nRUN curl -s x | tar xz\nRUN (curl -fsSLo /tmp/x https://x) && sh -c 'echo ok'\nRUN python3 -c \"import urllib.request as u; print(u.urlopen('https://x').status)\"\nRUN ./load.sh < <(curl https://x/data.csv)\n").is_empty());
    }
}
