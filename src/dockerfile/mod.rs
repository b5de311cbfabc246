//! The Dockerfile model and its parser (BuildKit syntax). Pure: it reads a
//! byte slice and returns the model; reading files is the collector's job.
//! Every instruction keeps its line span so findings can point at it.

mod parse;
pub mod shell;

use serde::{Deserialize, Serialize};

pub use parse::{expand_vars, key_values as parse_key_values, parse};

/// Files larger than this are refused with a parse error (no instruction is
/// read), which keeps memory bounded.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// One parsed Dockerfile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dockerfile {
    /// The path as given (or found under a searched folder).
    pub path: String,
    /// The `# syntax=` parser directive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub syntax: Option<String>,
    /// The escape character (`\` unless `# escape=` says otherwise).
    pub escape: String,
    /// Instructions in file order (ONBUILD triggers nested in theirs).
    pub instructions: Vec<Instruction>,
    /// Build stages, one per FROM.
    pub stages: Vec<Stage>,
    /// Lines that could not be parsed; the rest of the file still was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ParseError>,
    /// `# dockaudit ignore=ID reason` comments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    /// Physical lines in the file.
    pub lines: u32,
    /// Instructions per stage and stages by name, built on first use: the
    /// checks walk every stage, which must cost the file's size, not its
    /// size times its stages.
    #[serde(skip)]
    pub index: StageIndex,
}

/// The lazily built index of [`Dockerfile::index`]. Never part of a comparison: it is derived
/// from the instructions, which are compared.
#[derive(Clone, Debug, Default)]
pub struct StageIndex(std::sync::OnceLock<StageIndexData>);

#[derive(Clone, Debug, Default)]
struct StageIndexData {
    /// Positions in `instructions` of each stage's instructions.
    by_stage: Vec<Vec<usize>>,
    /// Stage name (lower-case) to the first stage of that name.
    by_name: std::collections::HashMap<String, usize>,
}

impl PartialEq for StageIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// One instruction with its 1-based line span.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Instruction {
    /// Upper-case keyword (FROM, RUN, ...).
    pub keyword: String,
    pub line: u32,
    pub end_line: u32,
    /// Index into `Dockerfile::stages`; None before the first FROM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<usize>,
    /// Leading `--name[=value]` flags (RUN, COPY, ADD, FROM, HEALTHCHECK).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// The arguments after the flags: continuation lines joined, comment
    /// lines inside them dropped.
    pub args: String,
    /// The exec (JSON array) form, when the arguments are one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exec: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub heredocs: Vec<Heredoc>,
    /// The trigger instruction of an ONBUILD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onbuild: Option<Box<Instruction>>,
    /// For RUN: the SHELL in effect, when a SHELL instruction set one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shell: Option<Vec<String>>,
    /// The RUN script split into commands, computed once for all checks.
    #[serde(skip)]
    pub commands_cache: std::sync::OnceLock<Vec<shell::Command>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Heredoc {
    pub delimiter: String,
    /// `<<-`: leading tabs stripped.
    pub strip_tabs: bool,
    /// A quoted delimiter: no expansion in the body.
    pub quoted: bool,
    pub content: String,
    /// Line of the first body line and of the closing delimiter.
    pub line: u32,
    pub end_line: u32,
}

/// A build stage: one FROM and the instructions up to the next.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stage {
    pub index: usize,
    /// The `AS name`, lower-cased as BuildKit compares it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The image reference as written.
    pub base: String,
    /// The reference after substituting global ARG defaults; None when a
    /// variable has no value known from the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The earlier stage this one builds on (`FROM builder`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Line of the FROM and of the stage's last instruction.
    pub line: u32,
    pub end_line: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
}

/// An inline suppression comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Suppression {
    /// Line of the comment.
    pub line: u32,
    pub ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The whole file (a comment before the first instruction, followed by
    /// a blank line or another comment) or the span of the next instruction.
    pub whole_file: bool,
    pub start_line: u32,
    pub end_line: u32,
    /// The tool whose comment syntax it was written in: "hadolint",
    /// "checkov"; none for dockaudit's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
}

impl Dockerfile {
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The instructions of a stage, in order (ONBUILD triggers not expanded).
    pub fn stage_instructions(&self, stage: usize) -> impl Iterator<Item = &Instruction> {
        self.stage_index()
            .by_stage
            .get(stage)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(move |&i| &self.instructions[i])
    }

    fn stage_index(&self) -> &StageIndexData {
        self.index.0.get_or_init(|| {
            let mut by_stage = vec![Vec::new(); self.stages.len()];
            for (i, inst) in self.instructions.iter().enumerate() {
                if let Some(list) = inst.stage.and_then(|s| by_stage.get_mut(s)) {
                    list.push(i);
                }
            }
            let mut by_name = std::collections::HashMap::new();
            for (i, st) in self.stages.iter().enumerate() {
                if let Some(n) = &st.name {
                    by_name.entry(n.clone()).or_insert(i);
                }
            }
            StageIndexData { by_stage, by_name }
        })
    }

    /// The stage and the stages it builds on through `FROM <stage>`,
    /// nearest first.
    pub fn ancestry(&self, stage: usize) -> Vec<usize> {
        let mut out = vec![stage];
        let mut cur = stage;
        while let Some(parent) = self.stages.get(cur).and_then(|s| s.from_stage) {
            if out.contains(&parent) {
                break;
            }
            out.push(parent);
            cur = parent;
        }
        out
    }

    /// The last `keyword` instruction that applies to `stage`: its own, else
    /// the nearest stage it builds on that has one (USER, HEALTHCHECK, ...
    /// carry over through `FROM <stage>`).
    pub fn last_inherited(&self, stage: usize, keyword: &str) -> Option<&Instruction> {
        self.ancestry(stage).into_iter().find_map(|s| {
            self.stage_instructions(s)
                .filter(|i| i.keyword == keyword)
                .last()
        })
    }

    /// Stages whose content ends up in the final image: the final stage and
    /// its ancestry (COPY --from copies files, not the stage's layers).
    pub fn shipped_stages(&self) -> Vec<usize> {
        match self.stages.len() {
            0 => Vec::new(),
            n => self.ancestry(n - 1),
        }
    }

    /// The stage a `--from` value names: a stage name or index.
    pub fn stage_by_ref(&self, r: &str) -> Option<usize> {
        if let Some(&i) = self.stage_index().by_name.get(&r.to_ascii_lowercase()) {
            return Some(i);
        }
        r.parse::<usize>().ok().filter(|i| *i < self.stages.len())
    }
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn flag_value(&self, name: &str) -> Option<&str> {
        self.flag(name).and_then(|f| f.value.as_deref())
    }

    /// All flag values of a repeated flag (`--mount`).
    pub fn flag_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
            .filter_map(|f| f.value.as_deref())
    }

    /// The script a RUN gives its shell: the shell-form arguments and the
    /// heredoc bodies, or the exec words joined.
    /// A heredoc's body counts as script when it is the RUN's own script
    /// (`RUN <<EOF`, `RUN <<EOF bash`) or fed to a shell (`RUN bash <<EOF`,
    /// `RUN cat <<EOF | sh`); a body fed to another program (`cat <<EOF >
    /// file`) is data.
    pub fn script(&self) -> String {
        let mut s = match &self.exec {
            Some(words) => words.join(" "),
            None => self.args.clone(),
        };
        for (h, script) in self.heredocs.iter().zip(self.heredocs_are_script()) {
            if script {
                s.push('\n');
                s.push_str(&h.content);
            }
        }
        s
    }

    /// For each heredoc, whether its body is script (see [`Self::script`]):
    /// the command its marker belongs to is a shell, or there is none. One
    /// pass over the arguments: markers are found in order, each command
    /// is parsed once however many markers it holds (10,000 heredocs on
    /// one RUN cost no more than their text).
    pub fn heredocs_are_script(&self) -> Vec<bool> {
        let args = self.args.as_str();
        // Markers come in order, so each search starts after the last
        // marker: the command's start is found by scanning only what lies
        // between this marker and the last, its end is reused while it
        // lies ahead.
        let (mut from, mut scanned, mut start) = (0, 0, 0);
        let mut known_end: Option<usize> = None;
        let mut parsed: Option<((usize, usize), bool)> = None;
        let mut out = Vec::with_capacity(self.heredocs.len());
        for h in &self.heredocs {
            let marker = |m: String| args[from..].find(&m).map(|p| from + p);
            let Some(pos) = marker(format!("<<{}", h.delimiter))
                .or_else(|| marker(format!("<<-{}", h.delimiter)))
                .or_else(|| marker("<<".to_string()))
            else {
                out.push(true);
                continue;
            };
            if let Some(p) = args[scanned..pos].rfind([';', '|', '&', '(']) {
                start = scanned + p + 1;
            }
            scanned = pos;
            from = pos + 2;
            let end = match known_end {
                Some(e) if e >= pos => e,
                _ => args[pos..]
                    .find([';', '|', '&', ')', '\n'])
                    .map_or(args.len(), |p| pos + p),
            };
            known_end = Some(end);
            let script = match parsed {
                Some((span, script)) if span == (start, end) => script,
                _ => {
                    // The command the marker belongs to, redirections dropped;
                    // a body piped into a shell (`cat <<EOF | sh`) is script
                    // as well.
                    let is_shell = |text: &str| {
                        shell::commands(text).first().is_some_and(|c| {
                            matches!(c.name(), "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh")
                        })
                    };
                    let piped_to_shell = args[end..]
                        .strip_prefix('|')
                        .filter(|rest| !rest.starts_with('|'))
                        .is_some_and(|rest| {
                            let next = rest.find([';', '|', '&', ')', '\n']).unwrap_or(rest.len());
                            is_shell(&rest[..next])
                        });
                    let script = match shell::commands(&args[start..end]).first() {
                        None => true,
                        Some(_) => is_shell(&args[start..end]) || piped_to_shell,
                    };
                    parsed = Some(((start, end), script));
                    script
                }
            };
            out.push(script);
        }
        out
    }

    /// Whether this RUN is run by a POSIX shell (no SHELL switched to
    /// PowerShell or cmd). A shell started through a wrapper
    /// (`["conda", "run", "-n", "app", "/bin/bash", "-c"]`,
    /// `["/usr/bin/env", "bash", "-c"]`) still runs the script.
    pub fn posix_shell(&self) -> bool {
        let name = |s: &str| {
            let s = s
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(s)
                .to_ascii_lowercase();
            s.trim_end_matches(".exe").to_string()
        };
        let posix = |s: &str| {
            matches!(
                name(s).as_str(),
                "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "busybox"
            )
        };
        match &self.shell {
            None => true,
            Some(sh) => {
                let first = sh.first().map(|s| name(s)).unwrap_or_default();
                !matches!(first.as_str(), "powershell" | "pwsh" | "cmd")
                    && sh.iter().any(|s| posix(s))
            }
        }
    }

    /// COPY/ADD sources and destination (shell or exec form, flags
    /// removed). Heredoc sources are left out.
    pub fn copy_paths(&self) -> Option<(Vec<String>, String)> {
        let words: Vec<String> = match &self.exec {
            Some(w) => w.clone(),
            None => shell::words(&self.args),
        };
        let mut words = words;
        let dest = words.pop()?;
        let heredoc_names: Vec<&str> = self.heredocs.iter().map(|h| h.delimiter.as_str()).collect();
        let sources = words
            .into_iter()
            .filter(|w| {
                !(w.starts_with("<<")
                    && heredoc_names.iter().any(|d| {
                        w.trim_start_matches("<<")
                            .trim_start_matches('-')
                            .trim_matches(|c| c == '"' || c == '\'')
                            == *d
                    }))
            })
            .collect();
        Some((sources, dest))
    }
}

/// An image reference split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    pub name: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    pub fn parse(s: &str) -> ImageRef {
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (s, None),
        };
        let slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[slash..].rfind(':') {
            Some(i) => (
                rest[..slash + i].to_string(),
                Some(rest[slash + i + 1..].to_string()),
            ),
            None => (rest.to_string(), None),
        };
        ImageRef { name, tag, digest }
    }
}
