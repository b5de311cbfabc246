//! Helpers shared by the Dockerfile checks (scope Dockerfile): subjects,
//! locations, RUN scripts as commands, package-manager invocations. Pure
//! functions of the parsed model only.

use crate::checks::{Ctx, Evidence, Finding, Location, Outcome, Subject};
use crate::dockerfile::shell::{self, Command};
use crate::dockerfile::{Dockerfile, Instruction};

pub fn subject(df: &Dockerfile) -> Subject {
    Subject::new("dockerfile", df.path.clone())
}

pub fn location(df: &Dockerfile, line: u32, end_line: u32) -> Location {
    Location {
        path: df.path.clone(),
        line: Some(line),
        column: None,
        end_line: Some(end_line),
        end_column: None,
    }
}

/// The instruction as written, shortened for evidence.
pub fn excerpt(inst: &Instruction) -> String {
    let mut s = String::from(&inst.keyword);
    for f in &inst.flags {
        s.push_str(" --");
        s.push_str(&f.name);
        if let Some(v) = &f.value {
            s.push('=');
            s.push_str(v);
        }
    }
    s.push(' ');
    s.push_str(&inst.args);
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&s, 160)
}

/// Evidence text: secrets redacted, cut to `max` characters.
pub fn shorten(s: &str, max: usize) -> String {
    crate::checks::evidence::excerpt(s, max)
}

/// A finding on an instruction: subject the file, location its span.
pub fn finding(
    df: &Dockerfile,
    inst: &Instruction,
    message: impl Into<String>,
    observed: impl Into<String>,
    expected: impl Into<String>,
) -> Finding {
    Finding::new(
        subject(df),
        message,
        Evidence::new(
            format!(
                "dockerfile: {} line {} {}",
                df.path, inst.line, inst.keyword
            ),
            observed,
            expected,
        )
        .at(location(df, inst.line, inst.end_line)),
    )
}

/// A finding on a whole stage (located at its FROM line).
pub fn stage_finding(
    df: &Dockerfile,
    stage: usize,
    message: impl Into<String>,
    observed: impl Into<String>,
    expected: impl Into<String>,
) -> Finding {
    let st = &df.stages[stage];
    Finding::new(
        subject(df),
        message,
        Evidence::new(
            "dockerfile: FROM instruction".to_string(),
            observed,
            expected,
        )
        .at(location(df, st.line, st.line)),
    )
}

/// "stage 2 (build)" for messages.
pub fn stage_label(df: &Dockerfile, stage: usize) -> String {
    match df.stages.get(stage).and_then(|s| s.name.as_deref()) {
        Some(n) => format!("stage {stage} ({n})"),
        None => format!("stage {stage}"),
    }
}

/// Runs `judge` over every parsed Dockerfile; `judge` returns whether it
/// could judge the file (a file with no stage is not judged). Pass needs at
/// least one judged file.
pub fn over_files(
    ctx: &Ctx,
    mut judge: impl FnMut(&Dockerfile, &mut Vec<Finding>) -> bool,
) -> Outcome {
    let mut findings = Vec::new();
    let mut judged = 0;
    for df in ctx.facts.dockerfiles() {
        if judge(df, &mut findings) {
            judged += 1;
        }
    }
    Outcome::from_findings(judged, findings, "no Dockerfile with a FROM instruction")
}

/// Judges each stage built on an external image whose reference the file
/// fixes: not another stage, not a build argument without a default (those
/// are not judged), and not `scratch` (judged, nothing to pin). A file counts
/// as judged when one of its bases was known.
pub fn over_external_bases(
    ctx: &Ctx,
    mut judge: impl FnMut(&Dockerfile, &crate::dockerfile::Stage, &str, &mut Vec<Finding>),
) -> Outcome {
    over_files(ctx, |df, out| {
        let mut judged = false;
        for st in &df.stages {
            if st.from_stage.is_some() {
                continue;
            }
            let Some(image) = &st.image else { continue };
            judged = true;
            if image != "scratch" {
                judge(df, st, image, out);
            }
        }
        judged
    })
}

/// Judges every instruction whose keyword is one of `keywords`; a file
/// counts as judged when it has a stage.
pub fn over_instructions(
    ctx: &Ctx,
    keywords: &[&str],
    judge: impl FnMut(&Dockerfile, &Instruction, &mut Vec<Finding>),
) -> Outcome {
    over_keywords(ctx, keywords, false, judge)
}

/// [`over_instructions`], with `triggers` the ONBUILD triggers of those
/// keywords too: for rules on what a trigger does in every image built from
/// this one (copies a key, fetches a URL, opens a port), not on this
/// file's stages.
pub fn over_keywords(
    ctx: &Ctx,
    keywords: &[&str],
    triggers: bool,
    mut judge: impl FnMut(&Dockerfile, &Instruction, &mut Vec<Finding>),
) -> Outcome {
    over_files(ctx, |df, out| {
        for inst in &df.instructions {
            let inst = match inst.onbuild.as_deref() {
                Some(t) if triggers => t,
                _ => inst,
            };
            if keywords.contains(&inst.keyword.as_str()) {
                judge(df, inst, out);
            }
        }
        !df.stages.is_empty()
    })
}

/// Judges every RUN instruction ([`runs`]: ONBUILD RUN triggers too); a file
/// counts as judged when it has a stage.
pub fn over_runs(
    ctx: &Ctx,
    mut judge: impl FnMut(&Dockerfile, &Instruction, &mut Vec<Finding>),
) -> Outcome {
    over_files(ctx, |df, out| {
        for inst in runs(df) {
            judge(df, inst, out);
        }
        !df.stages.is_empty()
    })
}

/// A finding on one instruction, its text (shortened) as the observed value.
pub fn instruction_finding(
    df: &Dockerfile,
    inst: &Instruction,
    message: impl Into<String>,
    expected: impl Into<String>,
) -> Finding {
    finding(df, inst, message, excerpt(inst), expected)
}

/// RUN instructions of the file, with ONBUILD RUN triggers.
pub fn runs(df: &Dockerfile) -> impl Iterator<Item = &Instruction> {
    df.instructions.iter().filter_map(|i| {
        if i.keyword == "RUN" {
            Some(i)
        } else {
            i.onbuild.as_deref().filter(|t| t.keyword == "RUN")
        }
    })
}

/// The simple commands a RUN executes (shell form, heredocs, or exec form;
/// `sh -c "script"` exec forms are read as the script).
pub fn run_commands(inst: &Instruction) -> &[Command] {
    inst.commands_cache.get_or_init(|| split_run(inst))
}

fn split_run(inst: &Instruction) -> Vec<Command> {
    if let Some(all) = &inst.exec {
        // `["/usr/bin/env", "bash", "-c", ...]`: the shell env starts.
        let skip = usize::from(all.first().is_some_and(|w| shell::basename(w) == "env"));
        let words = &all[skip..];
        if let Some(i) = shell::script_index(words) {
            return shell::commands(words.get(i).map_or("", String::as_str));
        }
        return vec![Command {
            words: all.clone(),
            pipes_to_next: false,
        }];
    }
    if !inst.posix_shell() {
        return Vec::new();
    }
    shell::commands(&inst.script())
}

/// A package-manager install found in a RUN.
#[derive(Clone, Debug)]
pub struct Install {
    /// apt-get, apt, apk, yum, dnf, microdnf, pip, npm, gem
    pub tool: &'static str,
    /// The words before and after the subcommand (options and packages).
    pub args: Vec<String>,
    /// Package arguments (options and their values removed; variables,
    /// local paths and files left out).
    pub packages: Vec<String>,
    /// Packages without a version pin in the tool's syntax.
    pub unpinned: Vec<String>,
}

/// Options that take a separate value, per tool.
fn takes_value(tool: &str, opt: &str) -> bool {
    if opt.contains('=') {
        return false;
    }
    match tool {
        "apt-get" | "apt" => matches!(
            opt,
            "-o" | "-t" | "--target-release" | "-c" | "--config-file"
        ),
        "apk" => matches!(
            opt,
            "-t" | "--virtual"
                | "-X"
                | "--repository"
                | "--root"
                | "-p"
                | "--arch"
                | "--keys-dir"
                | "--repositories-file"
        ),
        "yum" | "dnf" | "microdnf" => matches!(
            opt,
            "--setopt"
                | "-x"
                | "--exclude"
                | "--enablerepo"
                | "--disablerepo"
                | "--installroot"
                | "--releasever"
                | "-c"
                | "--config"
                | "--repo"
                | "--repoid"
        ),
        "pip" => matches!(
            opt,
            "-i" | "--index-url"
                | "--extra-index-url"
                | "-f"
                | "--find-links"
                | "-t"
                | "--target"
                | "--prefix"
                | "--root"
                | "--trusted-host"
                | "--platform"
                | "--python-version"
                | "--implementation"
                | "--abi"
                | "--only-binary"
                | "--no-binary"
                | "--progress-bar"
                | "--src"
                | "--upgrade-strategy"
                | "--log"
                | "--proxy"
                | "--retries"
                | "--timeout"
                | "--cache-dir"
                | "--global-option"
                | "--install-option"
                | "--config-settings"
                | "-C"
                | "--python"
        ),
        "npm" => matches!(
            opt,
            "--prefix"
                | "--registry"
                | "--cache"
                | "--tag"
                | "-w"
                | "--workspace"
                | "--omit"
                | "--include"
        ),
        "gem" => matches!(
            opt,
            "-v" | "--version"
                | "-i"
                | "--install-dir"
                | "-n"
                | "--bindir"
                | "-s"
                | "--source"
                | "-P"
                | "--trust-policy"
                | "--platform"
                | "-g"
                | "--file"
        ),
        _ => false,
    }
}

fn is_skipped_package(p: &str) -> bool {
    p.is_empty()
        || p.contains('$')
        || p.contains('`')
        || p.starts_with('.')
        || p.starts_with('/')
        || p.starts_with('~')
        || p.contains("://")
        || p.starts_with("git+")
        || [
            ".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".tgz", ".zip", ".gem",
        ]
        .iter()
        .any(|ext| p.ends_with(ext))
}

fn pinned(tool: &str, p: &str) -> bool {
    match tool {
        "apt-get" | "apt" => p.contains('='),
        "apk" => p.contains(['=', '~', '<', '>']),
        "yum" | "dnf" | "microdnf" => {
            // name-version: a dash followed by a digit after the name.
            p.contains('=')
                || p.char_indices()
                    .any(|(i, c)| c == '-' && p[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        }
        "pip" => p.contains("==") || p.contains("~=") || p.contains(" @ ") || p.contains('@'),
        "npm" => {
            let body = p.strip_prefix('@').unwrap_or(p);
            body.contains('@')
        }
        "gem" => p.contains(':'),
        _ => true,
    }
}

/// The package installs of one command, if it is one.
pub fn install_of(cmd: &Command) -> Option<Install> {
    let prog = cmd.program();
    let name = prog.first().map(|s| shell::basename(s))?;
    let (tool, rest): (&'static str, &[String]) = match name {
        "apt-get" => ("apt-get", &prog[1..]),
        "apt" => ("apt", &prog[1..]),
        "apk" => ("apk", &prog[1..]),
        "yum" => ("yum", &prog[1..]),
        "dnf" => ("dnf", &prog[1..]),
        "microdnf" => ("microdnf", &prog[1..]),
        "npm" => ("npm", &prog[1..]),
        "gem" => ("gem", &prog[1..]),
        n if n == "pip" || n.starts_with("pip3") || n == "pip2" => ("pip", &prog[1..]),
        n if n.starts_with("python") => {
            // python -m pip install
            let i = prog.iter().position(|w| w == "-m")?;
            if prog.get(i + 1).map(String::as_str) != Some("pip") {
                return None;
            }
            ("pip", &prog[i + 2..])
        }
        _ => return None,
    };
    // Find the subcommand, skipping leading options.
    let mut i = 0;
    while i < rest.len() && rest[i].starts_with('-') {
        i += if takes_value(tool, &rest[i]) { 2 } else { 1 };
    }
    let sub = rest.get(i)?.as_str();
    let is_install = match tool {
        "apk" => sub == "add",
        "npm" => matches!(sub, "install" | "i" | "add" | "isntall"),
        "gem" => sub == "install",
        "pip" => sub == "install",
        _ => sub == "install",
    };
    if !is_install {
        return None;
    }
    let post: Vec<String> = rest[i + 1..].to_vec();
    let mut packages = Vec::new();
    let mut j = 0;
    let mut constrained = false;
    let mut gem_version = false;
    while j < post.len() {
        let a = &post[j];
        if a == "--" {
            j += 1;
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            if tool == "pip"
                && (matches!(
                    a.as_str(),
                    "-r" | "--requirement" | "-c" | "--constraint" | "-e" | "--editable"
                ) || a.starts_with("--requirement=")
                    || a.starts_with("--constraint=")
                    || a.starts_with("-r"))
            {
                if a.starts_with("-c") || a.starts_with("--constraint") {
                    constrained = true;
                }
                // The requirement/editable value is not a package.
                j += if a.contains('=') || (a.len() > 2 && !a.starts_with("--")) {
                    1
                } else {
                    2
                };
                continue;
            }
            if tool == "gem" && (a == "-v" || a == "--version" || a.starts_with("--version=")) {
                gem_version = true;
            }
            j += if takes_value(tool, a) { 2 } else { 1 };
            continue;
        }
        if !is_skipped_package(a) {
            packages.push(a.clone());
        }
        j += 1;
    }
    let unpinned = if constrained || gem_version {
        Vec::new()
    } else {
        packages
            .iter()
            .filter(|p| !pinned(tool, p))
            .cloned()
            .collect()
    };
    let mut args: Vec<String> = rest[..i].to_vec();
    args.extend(post);
    Some(Install {
        tool,
        args,
        packages,
        unpinned,
    })
}

/// Every install in a RUN.
pub fn installs(inst: &Instruction) -> Vec<Install> {
    run_commands(inst).iter().filter_map(install_of).collect()
}

/// The RUN has a BuildKit cache mount on a path starting with one of these.
pub fn has_cache_mount(inst: &Instruction, prefixes: &[&str]) -> bool {
    inst.flag_values("mount").any(|m| {
        let mut is_cache = false;
        let mut target = "";
        for part in m.split(',') {
            match part.split_once('=') {
                Some(("type", "cache")) => is_cache = true,
                Some(("target" | "dst" | "destination", t)) => target = t,
                _ => {}
            }
        }
        is_cache && prefixes.iter().any(|p| target.starts_with(p))
    })
}

/// The ARG defaults and ENV values the stages `stage` builds on set before
/// `line` (base stage first; a later one wins), each expanded with the
/// values before it as the builder does. An ARG without a default takes the
/// default of the global ARG of that name (before the first FROM), else has
/// no known value.
pub fn stage_vars(
    df: &crate::dockerfile::Dockerfile,
    stage: usize,
    line: u32,
) -> std::collections::HashMap<String, Option<String>> {
    use crate::dockerfile::{expand_vars, parse_key_values};
    let escape = df.escape.chars().next().unwrap_or('\\');
    let first_from = df.stages.first().map_or(0, |s| s.line);
    let mut globals = std::collections::HashMap::new();
    for i in df
        .instructions
        .iter()
        .filter(|i| i.keyword == "ARG" && i.line < first_from)
    {
        for (k, v) in parse_key_values(&i.args, escape, false) {
            let v = v.and_then(|v| expand_vars(&v, &|n| globals.get(n).cloned().flatten()));
            globals.insert(k, v);
        }
    }
    let mut vars: std::collections::HashMap<String, Option<String>> = Default::default();
    for s in df.ancestry(stage).into_iter().rev() {
        for i in df.stage_instructions(s).filter(|i| i.line < line) {
            if matches!(i.keyword.as_str(), "ARG" | "ENV") {
                let legacy = i.keyword == "ENV";
                for (k, v) in parse_key_values(&i.args, escape, legacy) {
                    let v = match v {
                        Some(v) => expand_vars(&v, &|n| vars.get(n).cloned().flatten()),
                        None if i.keyword == "ARG" => globals.get(&k).cloned().flatten(),
                        None => None,
                    };
                    vars.insert(k, v);
                }
            }
        }
    }
    vars
}

/// `text` of `inst` with the variables its stage sets before it (see
/// [`stage_vars`]) expanded; None when one has no value known from the
/// file. Text without `$` is returned as it is.
pub fn expand_at(df: &Dockerfile, inst: &Instruction, text: &str) -> Option<String> {
    if !text.contains('$') {
        return Some(text.to_string());
    }
    let vars = stage_vars(df, inst.stage?, inst.line);
    crate::dockerfile::expand_vars(text, &|n| vars.get(n).cloned().flatten())
}

/// Ports of an EXPOSE argument word: `80`, `80/tcp`, `8000-8010/udp`.
pub fn expose_ports(word: &str) -> Option<(u64, u64)> {
    let w = word.split('/').next().unwrap_or(word);
    if w.contains('$') {
        return None;
    }
    let (a, b) = match w.split_once('-') {
        Some((a, b)) => (a, b),
        None => (w, w),
    };
    Some((a.parse().ok()?, b.parse().ok()?))
}

pub fn is_remote(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("git@")
        || s.starts_with("git://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(s: &str) -> Instruction {
        let df = crate::dockerfile::parse("t", format!("FROM a\nRUN {s}\n").as_bytes());
        df.instructions[1].clone()
    }

    fn unpinned(s: &str) -> Vec<String> {
        installs(&inst(s))
            .into_iter()
            .flat_map(|i| i.unpinned)
            .collect()
    }

    #[test]
    fn pins_per_tool() {
        assert_eq!(
            unpinned("apt-get install -y --no-install-recommends curl=7.88 git"),
            ["git"]
        );
        assert_eq!(
            unpinned("apt-get -o Dpkg::Options::=--force-confdef install -y ./x.deb $PKGS"),
            Vec::<String>::new()
        );
        assert_eq!(
            unpinned("apk add --no-cache --virtual .deps curl~8 gcc=12.2 make"),
            ["make"]
        );
        assert_eq!(unpinned("yum install -y httpd-2.4.57 vim"), ["vim"]);
        assert_eq!(
            unpinned(
                "pip install --no-cache-dir -r requirements.txt flask==3.0 'requests[socks]' ."
            ),
            ["requests[socks]"]
        );
        assert_eq!(
            unpinned("python3 -m pip install -c constraints.txt flask"),
            Vec::<String>::new()
        );
        assert_eq!(
            unpinned("npm install -g @scope/pkg@1.2.3 left-pad typescript@5"),
            ["left-pad"]
        );
        assert_eq!(unpinned("npm ci"), Vec::<String>::new());
        assert_eq!(unpinned("gem install bundler:2.4.0 rake"), ["rake"]);
        assert_eq!(unpinned("gem install rails -v 7.1.0"), Vec::<String>::new());
        assert_eq!(unpinned("sudo apt-get install -y vim"), ["vim"]);
    }

    #[test]
    fn cache_mounts() {
        let i = inst("--mount=type=cache,target=/var/cache/apt apt-get install -y x");
        assert!(has_cache_mount(&i, &["/var/cache/apt"]));
        assert!(!has_cache_mount(&i, &["/root/.cache"]));
    }
}

/// The unit test of a Dockerfile check, as data: each `fail` Dockerfile must
/// give exactly that many findings, each `pass` Dockerfile none; each
/// `codes` Dockerfile (optional) gives one finding per list, carrying
/// exactly those peer codes, in order. Expands to a test module beside the
/// check (`super::CHECK`).
macro_rules! examples {
    (
        fail: [$(($fail:expr, $findings:expr)),* $(,)?],
        pass: [$($pass:expr),* $(,)?]
        $(, codes: [$(($text:expr, [$([$($code:expr),* $(,)?]),* $(,)?] $(,)?)),* $(,)?])?
        $(,)?
    ) => {
        #[cfg(test)]
        mod examples {
            #[test]
            fn fail_and_pass() {
                crate::checks::support::dockerfile::testing::judge_examples(
                    &super::CHECK,
                    &[$(($fail, $findings)),*],
                    &[$($pass),*],
                );
            }

            $(
                #[test]
                fn peer_codes() {
                    crate::checks::support::dockerfile::testing::judge_codes(
                        &super::CHECK,
                        &[$(($text, &[$(&[$($code),*][..]),*][..])),*],
                    );
                }
            )?
        }
    };
}
pub(crate) use examples;

#[cfg(test)]
pub mod testing {
    use crate::checks::{self, AuditConfig, Check, Ctx, Finding, Outcome};
    use crate::facts::{Facts, Source};

    pub fn facts_for(text: &str) -> Facts {
        let mut facts = Facts::new();
        facts.dockerfiles = Source::Present(vec![crate::dockerfile::parse(
            "Dockerfile",
            text.as_bytes(),
        )]);
        facts
    }

    /// The check's findings (empty on pass); panics on skipped or error.
    pub fn run_df(check: &Check, text: &str) -> Vec<Finding> {
        let facts = facts_for(text);
        let cfg = AuditConfig::default();
        let ctx = Ctx::new(&facts, &cfg);
        match checks::run(check, &ctx) {
            Outcome::Fail { findings, .. } => findings,
            Outcome::Pass { .. } | Outcome::NotApplicable(_) => Vec::new(),
            other => panic!("{}: {other:?}", check.id),
        }
    }

    /// Judges a check's examples: each failing Dockerfile gives exactly its
    /// number of findings, each passing one none.
    pub fn judge_examples(check: &Check, fail: &[(&str, usize)], pass: &[&str]) {
        for (text, findings) in fail {
            let got = run_df(check, text);
            assert_eq!(got.len(), *findings, "{} on {text:?}: {got:?}", check.id);
        }
        for text in pass {
            let got = run_df(check, text);
            assert!(got.is_empty(), "{} on {text:?}: {got:?}", check.id);
        }
    }

    /// Judges a check's peer codes: each Dockerfile gives one finding per
    /// list, carrying exactly those codes in that order.
    pub fn judge_codes(check: &Check, cases: &[(&str, &[&[&str]])]) {
        for (text, want) in cases {
            let got: Vec<Vec<String>> =
                run_df(check, text).into_iter().map(|f| f.aliases).collect();
            assert_eq!(got, *want, "{} on {text:?}", check.id);
        }
    }
}
