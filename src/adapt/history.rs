//! Reads image history `CreatedBy` strings back into Dockerfile
//! instructions, for the checks that judge how an image was built (CIS 4.7,
//! 4.9, 4.10). Pure parsing; no check logic.
//!
//! The classic builder records `/bin/sh -c #(nop)  ENV A=b` for metadata
//! instructions, `/bin/sh -c cmd` for RUN and `|1 ARG=v /bin/sh -c cmd` for
//! RUN with build arguments; BuildKit records `ENV A=b`, `ARG A=b`,
//! `RUN |1 ARG=v /bin/sh -c cmd # buildkit`, `ADD src dst # buildkit`.

/// One history entry read back as an instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-case keyword: RUN, ENV, ARG, LABEL, ADD, COPY, USER, ...
    pub keyword: String,
    /// The rest of the instruction, without the keyword; for RUN the shell
    /// command without the build-argument prefix.
    pub args: String,
    /// Build arguments the RUN step saw (`|2 A=1 B=2` prefix).
    pub build_args: Vec<(String, String)>,
}

/// Parses a `CreatedBy` string; None for an empty one.
pub fn parse(created_by: &str) -> Option<Instruction> {
    let mut s = created_by.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(rest) = s.strip_suffix("# buildkit") {
        s = rest.trim_end();
    }
    // Classic metadata instruction.
    for prefix in ["/bin/sh -c #(nop)", "#(nop)"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return Some(keyword_form(rest.trim()));
        }
    }
    // BuildKit RUN, or any BuildKit instruction.
    if let Some(rest) = s.strip_prefix("RUN ") {
        let (build_args, cmd) = build_arg_prefix(rest.trim());
        return Some(Instruction {
            keyword: "RUN".to_string(),
            args: strip_shell(cmd).to_string(),
            build_args,
        });
    }
    // Classic RUN with build arguments, or plain classic RUN (under any
    // POSIX SHELL).
    if s.starts_with('|') || shell_script(s).is_some() || s.starts_with("cmd /S /C") {
        let (build_args, cmd) = build_arg_prefix(s);
        return Some(Instruction {
            keyword: "RUN".to_string(),
            args: strip_shell(cmd).to_string(),
            build_args,
        });
    }
    let first = s.split_whitespace().next().unwrap_or("");
    if !first.is_empty() && first.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(keyword_form(s));
    }
    // Something else (an import, a commit message): keep it as text.
    Some(Instruction {
        keyword: String::new(),
        args: s.to_string(),
        build_args: Vec::new(),
    })
}

fn keyword_form(s: &str) -> Instruction {
    let (kw, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    Instruction {
        keyword: kw.to_ascii_uppercase(),
        args: rest.trim().to_string(),
        build_args: Vec::new(),
    }
}

/// `|2 A=1 B=2 /bin/sh -c cmd` -> ([(A,1),(B,2)], "/bin/sh -c cmd").
fn build_arg_prefix(s: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = s.strip_prefix('|') else {
        return (Vec::new(), s);
    };
    let (count, mut rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let n: usize = count.parse().unwrap_or(0);
    let mut args = Vec::new();
    for _ in 0..n {
        rest = rest.trim_start();
        let end = rest.find(' ').unwrap_or(rest.len());
        let (pair, tail) = rest.split_at(end);
        if let Some((k, v)) = pair.split_once('=') {
            args.push((k.to_string(), v.to_string()));
        }
        rest = tail;
    }
    (args, rest.trim_start())
}

/// The script of a RUN as history records it: the shell prefix removed,
/// whatever the SHELL (`/bin/bash -o pipefail -c`, `/bin/ash -eo
/// pipefail -c`, `cmd /S /C`).
fn strip_shell(cmd: &str) -> &str {
    let cmd = cmd.trim();
    if let Some(rest) = cmd.strip_prefix("cmd /S /C ") {
        return rest.trim();
    }
    shell_script(cmd).unwrap_or(cmd)
}

/// The script after `<posix shell> [options] -c ` (see
/// [`crate::dockerfile::shell::script_index`]), when `cmd` starts so.
fn shell_script(cmd: &str) -> Option<&str> {
    let words: Vec<&str> = cmd.split_whitespace().collect();
    let i = crate::dockerfile::shell::script_index(&words)?;
    // The rest of the line from the script's first word, spaces kept.
    Some(words.get(i).map_or("", |w| {
        let at = w.as_ptr() as usize - cmd.as_ptr() as usize;
        cmd[at..].trim()
    }))
}

/// `A=1 B="two words"` or the legacy `A value with spaces` form of ENV,
/// LABEL and ARG arguments, as name/value pairs (quotes removed), read as
/// the Dockerfile parser reads them. ARG without a default gives an empty
/// value.
pub fn key_values(args: &str) -> Vec<(String, String)> {
    crate::dockerfile::parse_key_values(args, '\\', true)
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect()
}

/// The shell commands of a RUN line split at `&&`, `||`, `;` and `|`, each
/// trimmed, for "does this RUN also install" questions.
pub fn commands(run: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = run.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            ';' | '\n' => out.push(std::mem::take(&mut cur)),
            '&' if chars.peek() == Some(&'&') => {
                chars.next();
                out.push(std::mem::take(&mut cur));
            }
            '|' => {
                if chars.peek() == Some(&'|') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(ch),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_forms() {
        let i = parse("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter22").unwrap();
        assert_eq!(i.keyword, "ENV");
        assert_eq!(
            key_values(&i.args),
            vec![("DB_PASSWORD".into(), "hunter22".into())]
        );
        let i = parse("|1 TOKEN=abc123xyz /bin/sh -c echo $TOKEN > /dev/null").unwrap();
        assert_eq!(i.keyword, "RUN");
        assert_eq!(i.args, "echo $TOKEN > /dev/null");
        assert_eq!(i.build_args, vec![("TOKEN".into(), "abc123xyz".into())]);
        let i = parse("/bin/sh -c apt-get update").unwrap();
        assert_eq!(
            (i.keyword.as_str(), i.args.as_str()),
            ("RUN", "apt-get update")
        );
        let i = parse("/bin/sh -c #(nop) ADD file:cb1f in /x/ ").unwrap();
        assert_eq!(
            (i.keyword.as_str(), i.args.as_str()),
            ("ADD", "file:cb1f in /x/")
        );
        let i = parse("/bin/sh -c #(nop)  ARG TOKEN").unwrap();
        assert_eq!(key_values(&i.args), vec![("TOKEN".into(), String::new())]);
        // Under another SHELL: classic and BuildKit records alike.
        for line in [
            "/bin/bash -o pipefail -c apt-get update",
            "RUN /bin/bash -o pipefail -c apt-get update # buildkit",
            "RUN /bin/ash -eo pipefail -c apt-get update # buildkit",
            "|1 A=1 /bin/bash -e -c apt-get update",
        ] {
            let i = parse(line).unwrap();
            assert_eq!(
                (i.keyword.as_str(), i.args.trim_end_matches(" # buildkit")),
                ("RUN", "apt-get update"),
                "{line}"
            );
        }
        // A command that is not a shell's -c stays as it is.
        let i = parse("RUN /bin/bash ./build.sh # buildkit").unwrap();
        assert_eq!(i.args, "/bin/bash ./build.sh");
    }

    #[test]
    fn buildkit_forms() {
        let i = parse("RUN |2 A=1 TOKEN=abc /bin/sh -c apk update || true # buildkit").unwrap();
        assert_eq!(i.keyword, "RUN");
        assert_eq!(i.args, "apk update || true");
        assert_eq!(i.build_args.len(), 2);
        let i = parse("ENV DB_PASSWORD=hunter22 GPG_KEY=A035C8C19219BA82").unwrap();
        assert_eq!(i.keyword, "ENV");
        assert_eq!(key_values(&i.args).len(), 2);
        let i = parse("ADD https://example.com/x.tgz /x/ # buildkit").unwrap();
        assert_eq!(i.keyword, "ADD");
        assert_eq!(i.args, "https://example.com/x.tgz /x/");
        assert_eq!(parse(""), None);
    }

    #[test]
    fn key_value_forms() {
        assert_eq!(
            key_values(r#"A="two words" B=c"#),
            vec![("A".into(), "two words".into()), ("B".into(), "c".into())]
        );
        assert_eq!(
            key_values("PASSWORD legacy form value"),
            vec![("PASSWORD".into(), "legacy form value".into())]
        );
    }

    #[test]
    fn run_commands() {
        assert_eq!(
            commands("apt-get update && apt-get install -y curl; rm -rf /x | cat"),
            vec![
                "apt-get update",
                "apt-get install -y curl",
                "rm -rf /x",
                "cat"
            ]
        );
    }
}
