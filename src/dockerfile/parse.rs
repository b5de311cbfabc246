//! The Dockerfile parser: parser directives, escape-aware line
//! continuations, comments inside continued lines, flags, exec and shell
//! forms, heredocs, stages and ARG substitution in FROM. One pass over the
//! lines (linear time); an unparseable line is an error with its number and
//! parsing resumes at the next instruction.

use std::collections::HashMap;

use super::{
    shell, Dockerfile, Flag, Heredoc, Instruction, ParseError, Stage, Suppression, MAX_FILE_BYTES,
};

const KEYWORDS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parses a Dockerfile's bytes. Never fails: problems are `errors`.
pub fn parse(path: &str, bytes: &[u8]) -> Dockerfile {
    let mut df = Dockerfile {
        path: path.to_string(),
        escape: "\\".to_string(),
        ..Dockerfile::default()
    };
    if bytes.len() > MAX_FILE_BYTES {
        df.errors.push(ParseError {
            line: 1,
            message: format!(
                "file is {} bytes, over the {} byte limit for a Dockerfile: not parsed",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        });
        return df;
    }
    if let Some(pos) = memchr0(bytes) {
        let line = bytes[..pos].iter().filter(|b| **b == b'\n').count() as u32 + 1;
        df.errors.push(ParseError {
            line,
            message: format!("binary file (NUL byte on line {line}): not a Dockerfile"),
        });
        return df;
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    df.lines = lines.len() as u32;
    let escape = directives(&lines, &mut df);
    df.escape = escape.to_string();

    let mut p = Parser {
        lines: &lines,
        escape,
        df: &mut df,
        pending: Vec::new(),
        seen_instruction: false,
    };
    p.run();
    finish(&mut df);
    if df.instructions.is_empty() && df.errors.is_empty() {
        df.errors.push(ParseError {
            line: 1,
            message: "the file has no instructions".to_string(),
        });
    }
    df
}

fn memchr0(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == 0)
}

/// Reads the parser directives at the top of the file; returns the escape
/// character.
fn directives(lines: &[&str], df: &mut Dockerfile) -> char {
    let mut escape = '\\';
    let mut seen: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let Some(body) = t.strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = body.split_once('=') else {
            break;
        };
        let key = k.trim().to_ascii_lowercase();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        let value = v.trim();
        // An unknown directive is a comment, and a comment ends the
        // directives (as the builder reads them): `# foo=bar` then
        // `# escape=`` leaves the escape at `\`.
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            break;
        }
        if seen.contains(&key) {
            df.errors.push(ParseError {
                line: i as u32 + 1,
                message: format!("parser directive {key:?} given twice"),
            });
            break;
        }
        seen.push(key.clone());
        match key.as_str() {
            "syntax" => df.syntax = Some(value.to_string()),
            "escape" => match value {
                "\\" => escape = '\\',
                "`" => escape = '`',
                other => df.errors.push(ParseError {
                    line: i as u32 + 1,
                    message: format!("invalid escape directive {other:?}: must be \\ or `"),
                }),
            },
            // `check` is accepted and ignored.
            _ => {}
        }
    }
    escape
}

struct Parser<'a, 'b> {
    lines: &'a [&'a str],
    escape: char,
    df: &'b mut Dockerfile,
    pending: Vec<Suppression>,
    seen_instruction: bool,
}

impl Parser<'_, '_> {
    fn run(&mut self) {
        let mut i = 0;
        let n = self.lines.len();
        while i < n {
            let line = self.lines[i];
            let t = line.trim();
            if t.is_empty() {
                if !self.seen_instruction {
                    // hadolint's comment covers only the line after it.
                    for mut s in self.pending.drain(..).filter(|s| s.tool.is_none()) {
                        s.whole_file = true;
                        self.df.suppressions.push(s);
                    }
                }
                i += 1;
                continue;
            }
            if let Some(comment) = t.strip_prefix('#') {
                if let Some(s) = suppression(comment, i as u32 + 1) {
                    if s.whole_file {
                        self.df.suppressions.push(s);
                    } else {
                        self.pending.push(s);
                    }
                }
                i += 1;
                continue;
            }
            // Assemble the logical line.
            let start = i;
            let mut buf = String::new();
            loop {
                let l = self.lines[i];
                let lt = l.trim();
                if i > start && (lt.is_empty() || lt.starts_with('#')) {
                    // Empty lines and comments inside a continued line.
                    i += 1;
                    if i >= n {
                        break;
                    }
                    continue;
                }
                let trimmed = l.trim_end_matches([' ', '\t']);
                if let Some(head) = trimmed.strip_suffix(self.escape) {
                    buf.push_str(head);
                    i += 1;
                    if i >= n {
                        break;
                    }
                } else {
                    buf.push_str(l);
                    i += 1;
                    break;
                }
            }
            let line_no = start as u32 + 1;
            let end_line = i as u32; // i is one past the last line used
            match parse_instruction(&buf, line_no, end_line, self.escape) {
                Ok(mut inst) => {
                    let mut errs = Vec::new();
                    i = self.read_heredocs(&mut inst, i, &mut errs);
                    // `ONBUILD RUN <<EOF`: the body follows the trigger.
                    if let Some(t) = inst.onbuild.as_mut() {
                        i = self.read_heredocs(t, i, &mut errs);
                    }
                    self.df.errors.extend(errs);
                    self.attach(&inst);
                    self.seen_instruction = true;
                    self.df.instructions.push(inst);
                }
                Err(e) => {
                    self.pending.clear();
                    self.seen_instruction = true;
                    self.df.errors.push(e);
                }
            }
        }
        self.pending.clear();
    }

    fn attach(&mut self, inst: &Instruction) {
        for mut s in self.pending.drain(..) {
            // hadolint: the comment on the line right before the instruction.
            if s.tool.as_deref() == Some("hadolint") && inst.line != s.line + 1 {
                continue;
            }
            s.start_line = inst.line;
            s.end_line = inst.end_line;
            self.df.suppressions.push(s);
        }
    }

    /// Reads the bodies of the instruction's heredocs from line index `i`
    /// on; returns the index after the last body. A heredoc whose
    /// delimiter never comes is an error and its lines are not consumed.
    fn read_heredocs(
        &self,
        inst: &mut Instruction,
        mut i: usize,
        errs: &mut Vec<ParseError>,
    ) -> usize {
        if inst.heredocs.is_empty() {
            return i;
        }
        let mut done = Vec::new();
        for mut h in std::mem::take(&mut inst.heredocs) {
            let mut j = i;
            let mut found = None;
            while j < self.lines.len() {
                let l = self.lines[j];
                let cmp = if h.strip_tabs {
                    l.trim_start_matches('\t')
                } else {
                    l
                };
                if cmp == h.delimiter {
                    found = Some(j);
                    break;
                }
                j += 1;
            }
            match found {
                Some(end) => {
                    let mut content = String::new();
                    for l in &self.lines[i..end] {
                        let l = if h.strip_tabs {
                            l.trim_start_matches('\t')
                        } else {
                            l
                        };
                        content.push_str(l);
                        content.push('\n');
                    }
                    h.content = content;
                    h.line = i as u32 + 1;
                    h.end_line = end as u32 + 1;
                    inst.end_line = h.end_line;
                    i = end + 1;
                    done.push(h);
                }
                None => {
                    errs.push(ParseError {
                        line: inst.line,
                        message: format!(
                            "heredoc <<{} is never closed: its body is read as instructions",
                            h.delimiter
                        ),
                    });
                    break;
                }
            }
        }
        inst.heredocs = done;
        i
    }
}

/// `# hadolint ignore=DL3008,DL3015` (the next line), `# hadolint global
/// ignore=DL3008` (whole file) and `# checkov:skip=CKV_DOCKER_2: reason`
/// (whole file, as checkov reads it). Their ids are peer codes; a comment
/// without a reason gets one naming the comment (neither tool asks for one).
fn peer_suppression(comment: &str, line: u32) -> Option<Suppression> {
    let c = comment.trim();
    let ids = |s: &str| -> Vec<String> {
        s.split(',')
            .map(|i| i.trim().to_ascii_uppercase())
            .filter(|i| !i.is_empty())
            .collect()
    };
    let (tool, whole_file, ids, reason, default) = if let Some(rest) = c.strip_prefix("hadolint") {
        let rest = rest.trim_start();
        let (whole_file, rest) = match rest.strip_prefix("global") {
            Some(r) => (true, r.trim_start()),
            None => (false, rest),
        };
        let rest = rest.strip_prefix("ignore=")?;
        let (list, reason) = match rest.find(char::is_whitespace) {
            Some(p) => (&rest[..p], rest[p..].trim()),
            None => (rest, ""),
        };
        (
            "hadolint",
            whole_file,
            ids(list),
            reason,
            "hadolint ignore comment",
        )
    } else {
        let rest = c.strip_prefix("checkov")?.trim_start();
        let rest = rest.strip_prefix(':')?.trim_start().strip_prefix("skip=")?;
        let (id, reason) = match rest.split_once(':') {
            Some((id, r)) => (id, r.trim()),
            None => (rest, ""),
        };
        ("checkov", true, ids(id), reason, "checkov skip comment")
    };
    let reason = if reason.is_empty() { default } else { reason };
    Some(Suppression {
        line,
        ids,
        reason: Some(reason.to_string()),
        whole_file,
        start_line: 0,
        end_line: 0,
        tool: Some(tool.to_string()),
    })
}

/// `# dockaudit ignore=DF-003,DF-004 reason` (next instruction) or
/// `# dockaudit ignore-file=DF-003 reason` (whole file); hadolint's and
/// checkov's comments (`peer_suppression`).
fn suppression(comment: &str, line: u32) -> Option<Suppression> {
    if let Some(s) = peer_suppression(comment, line) {
        return Some(s);
    }
    let rest = comment.trim_start().strip_prefix("dockaudit")?;
    if !rest.starts_with(char::is_whitespace) && !rest.starts_with(':') {
        return None;
    }
    let rest = rest.trim_start_matches(':').trim_start();
    let (whole_file, rest) = if let Some(r) = rest.strip_prefix("ignore-file=") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore=") {
        (false, r)
    } else {
        return None;
    };
    let (ids, reason) = match rest.find(char::is_whitespace) {
        Some(p) => (&rest[..p], rest[p..].trim()),
        None => (rest, ""),
    };
    let reason = reason
        .trim_start_matches(['-', ':', '—'])
        .trim()
        .to_string();
    Some(Suppression {
        line,
        ids: ids
            .split(',')
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect(),
        reason: (!reason.is_empty()).then_some(reason),
        whole_file,
        start_line: 0,
        end_line: 0,
        tool: None,
    })
}

fn err(line: u32, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        message: message.into(),
    }
}

/// Parses one logical line into an instruction.
fn parse_instruction(
    text: &str,
    line: u32,
    end_line: u32,
    escape: char,
) -> Result<Instruction, ParseError> {
    let t = text.trim_start();
    let kw_len = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let kw = &t[..kw_len];
    let rest = &t[kw_len..];
    if kw.is_empty() || !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        let shown: String = t.chars().take(40).collect();
        return Err(err(
            line,
            format!("unparseable line {shown:?}: expected an instruction"),
        ));
    }
    let keyword = kw.to_ascii_uppercase();
    if !KEYWORDS.contains(&keyword.as_str()) {
        return Err(err(line, format!("unknown instruction {kw:?}")));
    }
    let mut rest = rest.trim();
    let mut inst = Instruction {
        keyword: keyword.clone(),
        line,
        end_line,
        ..Instruction::default()
    };
    if matches!(
        keyword.as_str(),
        "FROM" | "RUN" | "COPY" | "ADD" | "HEALTHCHECK"
    ) {
        while rest.starts_with("--") {
            let end = flag_end(rest);
            let tok = &rest[2..end];
            let (name, value) = match tok.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(unquote(v))),
                None => (tok.to_string(), None),
            };
            inst.flags.push(Flag { name, value });
            rest = rest[end..].trim_start();
        }
    }
    inst.args = rest.to_string();
    if rest.is_empty() && keyword != "HEALTHCHECK" {
        return Err(err(
            line,
            format!("{keyword} requires at least one argument"),
        ));
    }
    match keyword.as_str() {
        "ONBUILD" => {
            let trigger = parse_instruction(rest, line, end_line, escape)?;
            if matches!(trigger.keyword.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
                return Err(err(
                    line,
                    format!("{} is not allowed as an ONBUILD trigger", trigger.keyword),
                ));
            }
            inst.onbuild = Some(Box::new(trigger));
        }
        "RUN" | "CMD" | "ENTRYPOINT" | "SHELL" | "COPY" | "ADD" | "VOLUME" => {
            inst.exec = exec_form(rest);
            if keyword == "SHELL" && inst.exec.is_none() {
                return Err(err(line, "SHELL requires the JSON (exec) form"));
            }
            if inst.exec.is_none() && matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
                inst.heredocs = heredoc_markers(rest, escape);
            }
        }
        "HEALTHCHECK" => {
            let upper = rest.to_ascii_uppercase();
            if let Some(cmd) = upper.strip_prefix("CMD") {
                inst.exec = exec_form(rest[rest.len() - cmd.len()..].trim());
            } else if upper != "NONE" {
                return Err(err(line, "HEALTHCHECK takes CMD <command> or NONE"));
            }
        }
        "FROM" => {
            let w = shell::words(rest);
            let ok = w.len() == 1 || (w.len() == 3 && w[1].eq_ignore_ascii_case("as"));
            if !ok {
                return Err(err(
                    line,
                    format!("FROM takes an image and an optional AS name, got {rest:?}"),
                ));
            }
        }
        _ => {}
    }
    Ok(inst)
}

/// End of a `--flag[=value]` token: the first whitespace outside quotes.
fn flag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => return i,
            None => {}
        }
    }
    s.len()
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// The JSON array form: only when the whole argument is an array of
/// strings (otherwise it is shell form, as BuildKit reads it).
fn exec_form(rest: &str) -> Option<Vec<String>> {
    let r = rest.trim();
    if !(r.starts_with('[') && r.ends_with(']')) {
        return None;
    }
    serde_json::from_str::<Vec<String>>(r).ok()
}

/// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` outside quotes, in order.
fn heredoc_markers(s: &str, escape: char) -> Vec<Heredoc> {
    let b: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else if c == escape && q == '"' {
                i += 1;
            }
            i += 1;
            continue;
        }
        if c == escape {
            i += 2;
            continue;
        }
        if c == '\'' || c == '"' {
            quote = Some(c);
            i += 1;
            continue;
        }
        if c == '<'
            && b.get(i + 1) == Some(&'<')
            && b.get(i + 2) != Some(&'<')
            && (i == 0 || b[i - 1] != '<')
        {
            let mut j = i + 2;
            let strip_tabs = b.get(j) == Some(&'-');
            if strip_tabs {
                j += 1;
            }
            let (name, quoted, next) = match b.get(j) {
                Some(&q) if q == '"' || q == '\'' => {
                    let start = j + 1;
                    let mut k = start;
                    while k < b.len() && b[k] != q {
                        k += 1;
                    }
                    (
                        b[start..k.min(b.len())].iter().collect::<String>(),
                        true,
                        k + 1,
                    )
                }
                _ => {
                    let start = j;
                    let mut k = start;
                    while k < b.len()
                        && (b[k].is_ascii_alphanumeric() || matches!(b[k], '_' | '.' | '-'))
                    {
                        k += 1;
                    }
                    (b[start..k].iter().collect::<String>(), false, k)
                }
            };
            let starts_ok = quoted
                || name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
            if !name.is_empty() && starts_ok {
                out.push(Heredoc {
                    delimiter: name,
                    strip_tabs,
                    quoted,
                    ..Heredoc::default()
                });
            }
            i = next.max(i + 2);
            continue;
        }
        i += 1;
    }
    out
}

/// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:+alt}`, `${VAR+alt}`. `lookup` gives a variable's value or None
/// when it has none known; the result is None when a needed value is
/// unknown.
pub fn expand_vars(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '\\' && b.get(i + 1) == Some(&'$') {
            out.push('$');
            i += 2;
            continue;
        }
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&'{') {
            let k = crate::parse::closing_brace(&b, i + 1)?;
            let inner: String = b[i + 2..k].iter().collect();
            let name_len = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let name = &inner[..name_len];
            let op = &inner[name_len..];
            let val = lookup(name);
            let (colon, rest) = match op.strip_prefix(':') {
                Some(r) => (true, r),
                None => (false, op),
            };
            let set = |v: &Option<String>| match v {
                Some(v) => !colon || !v.is_empty(),
                None => false,
            };
            let piece = if op.is_empty() {
                val?
            } else if let Some(word) = rest.strip_prefix('-') {
                if set(&val) {
                    val.unwrap_or_default()
                } else {
                    expand_vars(word, lookup)?
                }
            } else if let Some(word) = rest.strip_prefix('+') {
                if set(&val) {
                    expand_vars(word, lookup)?
                } else {
                    String::new()
                }
            } else if rest.starts_with('?') {
                val?
            } else {
                return None;
            };
            out.push_str(&piece);
            i = k + 1;
            continue;
        }
        let start = i + 1;
        let mut k = start;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == '_') {
            k += 1;
        }
        if k == start {
            out.push('$');
            i += 1;
            continue;
        }
        let name: String = b[start..k].iter().collect();
        out.push_str(&lookup(&name)?);
        i = k;
    }
    Some(out)
}

/// `ARG a=1 b` / `ENV a=1 b="x y"` / `ENV a value` pairs.
pub fn key_values(
    args: &str,
    escape: char,
    legacy_space_form: bool,
) -> Vec<(String, Option<String>)> {
    let words = shell::words_with_escape(args, escape);
    if legacy_space_form && !words.first().is_some_and(|w| w.contains('=')) {
        // `ENV NAME value with spaces`
        let t = args.trim();
        return match t.find(char::is_whitespace) {
            Some(p) => vec![(t[..p].to_string(), Some(unquote(t[p..].trim())))],
            None => vec![(t.to_string(), None)],
        };
    }
    words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (w, None),
        })
        .collect()
}

/// Builds the stages, resolves FROM references against global ARGs and
/// earlier stage names, and records the SHELL in effect for each RUN.
fn finish(df: &mut Dockerfile) {
    let escape = df.escape.chars().next().unwrap_or('\\');
    let mut globals: HashMap<String, Option<String>> = HashMap::new();
    let mut stage: Option<usize> = None;
    let mut stages: Vec<Stage> = Vec::new();
    // Stage name to the first stage of that name.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut shells: Vec<Option<Vec<String>>> = Vec::new();
    let mut errors = Vec::new();
    for inst in df.instructions.iter_mut() {
        match inst.keyword.as_str() {
            "ARG" if stage.is_none() => {
                for (k, v) in key_values(&inst.args, escape, false) {
                    let v = v.and_then(|v| expand_vars(&v, &|n| globals.get(n).cloned().flatten()));
                    globals.insert(k, v);
                }
            }
            "FROM" => {
                let w = shell::words(&inst.args);
                let base = w.first().cloned().unwrap_or_default();
                let name = w.get(2).map(|n| n.to_ascii_lowercase());
                let image = expand_vars(&base, &|n| globals.get(n).cloned().flatten());
                let from_stage = image
                    .as_ref()
                    .and_then(|img| names.get(&img.to_ascii_lowercase()).copied());
                let idx = stages.len();
                if let Some(n) = &name {
                    names.entry(n.clone()).or_insert(idx);
                }
                let shell = from_stage.and_then(|p| shells[p].clone());
                stages.push(Stage {
                    index: idx,
                    name,
                    base,
                    image,
                    from_stage,
                    platform: inst.flag_value("platform").map(str::to_string),
                    line: inst.line,
                    end_line: inst.end_line,
                });
                shells.push(shell);
                stage = Some(idx);
            }
            _ => {}
        }
        inst.stage = stage;
        if let Some(s) = stage {
            stages[s].end_line = stages[s].end_line.max(inst.end_line);
            if inst.keyword == "SHELL" {
                shells[s] = inst.exec.clone();
            }
            if inst.keyword == "RUN" {
                inst.shell = shells[s].clone();
            }
        } else if !matches!(inst.keyword.as_str(), "ARG") {
            errors.push(err(
                inst.line,
                format!(
                    "{} before the first FROM (only ARG may come before FROM)",
                    inst.keyword
                ),
            ));
        }
    }
    df.stages = stages;
    df.errors.extend(errors);
    df.errors.sort_by_key(|e| e.line);
}

#[cfg(test)]
mod tests;
