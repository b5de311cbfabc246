//! A small POSIX shell reader for RUN scripts: splits a script into simple
//! commands (words with quotes removed) joined by `&&`, `||`, `;`, `|`,
//! newlines. Enough to find package installs, pipes and flags; not a shell.

/// One simple command of a script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    /// Words with quotes removed; leading variable assignments and words
    /// such as `if`, `then`, `do` are dropped.
    pub words: Vec<String>,
    /// Its output goes to the next command through `|`.
    pub pipes_to_next: bool,
}

impl Command {
    /// The words from the program on, past `sudo` (and its options), `env`,
    /// `nice`, `nohup`, `exec`, `command`, `time`.
    pub fn program(&self) -> &[String] {
        let mut w: &[String] = &self.words;
        loop {
            let Some(first) = w.first() else {
                return w;
            };
            match basename(first) {
                "sudo" | "doas" => {
                    w = &w[1..];
                    while let Some(f) = w.first() {
                        if !f.starts_with('-') {
                            break;
                        }
                        let takes_arg = matches!(f.as_str(), "-u" | "-g" | "-C" | "-p" | "-h");
                        w = &w[if takes_arg { 2.min(w.len()) } else { 1 }..];
                    }
                }
                "env" => {
                    w = &w[1..];
                    while w
                        .first()
                        .is_some_and(|f| f.starts_with('-') || is_assignment(f))
                    {
                        w = &w[1..];
                    }
                }
                "nice" | "nohup" | "exec" | "command" | "time" | "stdbuf" => w = &w[1..],
                _ => return w,
            }
        }
    }

    /// The program's name without its directory (`/usr/bin/apt-get` ->
    /// `apt-get`).
    pub fn name(&self) -> &str {
        self.program().first().map(|s| basename(s)).unwrap_or("")
    }
}

pub fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// Where the script starts in `<shell> [options] -c SCRIPT` given as words
/// (an exec-form RUN, a RUN as image history records it): the index of the
/// word after the options, each `o` in an option cluster taking the next
/// word (`bash -o pipefail -c`, `ash -eo pipefail -c`). None when the words
/// are not a POSIX shell's `-c`.
pub fn script_index<S: AsRef<str>>(words: &[S]) -> Option<usize> {
    let sh = basename(words.first()?.as_ref());
    if !matches!(sh, "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh") {
        return None;
    }
    let mut i = 1;
    loop {
        let w = words.get(i)?.as_ref();
        if w.starts_with("--") {
            i += 1; // --norc, --login
            continue;
        }
        if !w.starts_with(['-', '+']) {
            return None; // a script file, not `-c`
        }
        i += 1 + w.matches(['o', 'O']).count();
        if w.starts_with('-') && w.contains('c') {
            return Some(i);
        }
    }
}

pub fn is_assignment(w: &str) -> bool {
    match w.split_once('=') {
        Some((k, _)) => {
            !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !k.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "(", ")",
];

/// Splits a script into simple commands.
pub fn commands(script: &str) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    let mut cur = Command::default();
    let mut word = String::new();
    let mut in_word = false;
    let mut drop_next = false;
    // Inside `case ... in`: the `a|b)` pattern lists are not pipelines.
    let mut case_depth = 0usize;
    let mut case_pattern = false;
    let chars: Vec<char> = script.chars().collect();
    let n = chars.len();
    let mut i = 0;

    fn end_word(word: &mut String, in_word: &mut bool, cur: &mut Command, drop_next: &mut bool) {
        if *in_word {
            if *drop_next {
                *drop_next = false;
            } else if !(cur.words.is_empty()
                && (KEYWORDS.contains(&word.as_str()) || is_assignment(word)))
            {
                cur.words.push(std::mem::take(word));
            }
            word.clear();
            *in_word = false;
        }
    }
    fn end_cmd(out: &mut Vec<Command>, cur: &mut Command, pipe: bool) {
        if !cur.words.is_empty() {
            cur.pipes_to_next = pipe;
            out.push(std::mem::take(cur));
        }
    }

    fn enter_case(cur: &mut Command, case_pattern: &mut bool, case_depth: &mut usize) -> bool {
        let w = &cur.words;
        if w.len() >= 3 && w[0] == "case" && w[w.len() - 1] == "in" {
            cur.words.clear();
            *case_pattern = true;
            *case_depth += 1;
            return true;
        }
        false
    }

    while i < n {
        let c = chars[i];
        if case_pattern {
            match c {
                ')' => {
                    case_pattern = false;
                    cur.words.clear();
                    word.clear();
                    in_word = false;
                    drop_next = false;
                    i += 1;
                    continue;
                }
                '|' | ' ' | '\t' | '\n' | '\r' | ';' | '(' => {
                    end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
                    if cur.words.last().map(String::as_str) == Some("esac") {
                        case_pattern = false;
                        case_depth = case_depth.saturating_sub(1);
                        cur.words.clear();
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        match c {
            '\\' => {
                if chars.get(i + 1) == Some(&'\n') {
                    i += 2;
                    continue;
                }
                if let Some(&next) = chars.get(i + 1) {
                    word.push(next);
                    in_word = true;
                }
                i += 2;
            }
            '\'' => {
                in_word = true;
                i += 1;
                while i < n && chars[i] != '\'' {
                    word.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                in_word = true;
                i += 1;
                while i < n && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < n {
                        i += 1;
                    }
                    word.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            '$' if chars.get(i + 1) == Some(&'(') => {
                // Command substitution: kept inside the word, unparsed.
                in_word = true;
                let mut depth = 0;
                while i < n {
                    let ch = chars[i];
                    word.push(ch);
                    if ch == '(' {
                        depth += 1;
                    } else if ch == ')' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
                i += 1;
            }
            '#' if !in_word => {
                while i < n && chars[i] != '\n' {
                    i += 1;
                }
            }
            ' ' | '\t' | '\r' => {
                end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
                enter_case(&mut cur, &mut case_pattern, &mut case_depth);
                i += 1;
            }
            '\n' | ';' => {
                end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
                if cur.words.len() == 1 && cur.words[0] == "esac" {
                    cur.words.clear();
                    case_depth = case_depth.saturating_sub(1);
                }
                if !enter_case(&mut cur, &mut case_pattern, &mut case_depth) {
                    end_cmd(&mut out, &mut cur, false);
                }
                if c == ';' && chars.get(i + 1) == Some(&';') && case_depth > 0 {
                    case_pattern = true;
                    i += 1;
                }
                i += 1;
            }
            '&' | '|' => {
                if c == '&' && i > 0 && matches!(chars[i - 1], '>' | '<') {
                    word.push(c);
                    i += 1;
                    continue;
                }
                end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
                let double = chars.get(i + 1) == Some(&c);
                let pipe = c == '|' && !double;
                if c == '&' && chars.get(i + 1) == Some(&'>') {
                    // `&>file`
                    drop_next = true;
                    i += 2;
                    continue;
                }
                end_cmd(&mut out, &mut cur, pipe);
                i += if double { 2 } else { 1 };
            }
            '>' | '<' => {
                // A redirection: drop a pure-digit fd before it and its
                // target word after it.
                if in_word && word.chars().all(|ch| ch.is_ascii_digit()) {
                    word.clear();
                    in_word = false;
                } else {
                    end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
                }
                let mut j = i;
                while j < n && matches!(chars[j], '>' | '<') {
                    j += 1;
                }
                if j < n && chars[j] == '&' {
                    j += 1;
                    while j < n && (chars[j].is_ascii_digit() || chars[j] == '-') {
                        j += 1;
                    }
                    i = j;
                    continue;
                }
                if j < n && chars[j] == '(' {
                    // Process substitution `<(curl ...)`: keep as a word.
                    in_word = true;
                    let mut depth = 0;
                    let mut k = i;
                    while k < n {
                        word.push(chars[k]);
                        if chars[k] == '(' {
                            depth += 1;
                        } else if chars[k] == ')' {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        k += 1;
                    }
                    i = k + 1;
                    continue;
                }
                drop_next = true;
                i = j;
            }
            '(' | ')' if !in_word => {
                end_cmd(&mut out, &mut cur, false);
                i += 1;
            }
            _ => {
                word.push(c);
                in_word = true;
                i += 1;
            }
        }
    }
    end_word(&mut word, &mut in_word, &mut cur, &mut drop_next);
    end_cmd(&mut out, &mut cur, false);
    out
}

/// Splits on whitespace with quotes removed (backslash escapes).
pub fn words(s: &str) -> Vec<String> {
    words_with_escape(s, '\\')
}

/// Splits on whitespace with quotes removed; `escape` escapes the next
/// character outside single quotes (Dockerfile ENV/ARG/LABEL rules).
pub fn words_with_escape(s: &str, escape: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') => {
                if c == '\'' {
                    quote = None;
                } else {
                    word.push(c);
                }
            }
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == escape {
                    if let Some(n) = chars.next() {
                        if n != '"' && n != escape && n != '$' {
                            word.push(c);
                        }
                        word.push(n);
                    }
                } else {
                    word.push(c);
                }
            }
            None => {
                if c == escape {
                    in_word = true;
                    if let Some(n) = chars.next() {
                        word.push(n);
                    }
                } else if c == '"' || c == '\'' {
                    in_word = true;
                    quote = Some(c);
                } else if c.is_whitespace() {
                    if in_word {
                        out.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                } else {
                    in_word = true;
                    word.push(c);
                }
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<Vec<String>> {
        commands(s).into_iter().map(|c| c.words).collect()
    }

    #[test]
    fn splits_commands() {
        let c = names("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl \\\n  git; rm -rf /var/lib/apt/lists/*");
        assert_eq!(c[0], ["apt-get", "update"]);
        assert_eq!(c[1], ["apt-get", "install", "-y", "curl", "git"]);
        assert_eq!(c[2], ["rm", "-rf", "/var/lib/apt/lists/*"]);
    }

    #[test]
    fn pipes_and_redirections() {
        let c =
            commands("curl -fsSL https://x/install.sh 2>/dev/null | sh -s -- -y > /tmp/log 2>&1");
        assert_eq!(c.len(), 2);
        assert!(c[0].pipes_to_next);
        assert_eq!(c[0].words, ["curl", "-fsSL", "https://x/install.sh"]);
        assert_eq!(c[1].words, ["sh", "-s", "--", "-y"]);
        let c = commands("a || b | c");
        assert!(!c[0].pipes_to_next);
        assert!(c[1].pipes_to_next);
    }

    #[test]
    fn case_patterns_are_not_pipes() {
        let c = commands("arch=\"$(uname -m)\"; case \"$arch\" in\n  amd64|x86_64) a=1 ;;\n  'arm64' | aarch64) b=2; echo x ;;\n  *) echo no; exit 1 ;;\nesac; curl x | tar xz");
        let pipes: Vec<&str> = c
            .iter()
            .filter(|c| c.pipes_to_next)
            .map(|c| c.name())
            .collect();
        assert_eq!(pipes, ["curl"]);
        assert!(c.iter().any(|c| c.words == ["echo", "x"]));
        assert!(c.iter().any(|c| c.words == ["exit", "1"]));
        assert!(!c
            .iter()
            .any(|c| c.words.iter().any(|w| w == "amd64" || w == "esac")));
    }

    #[test]
    fn quotes_and_keywords() {
        let c = names("if [ -f x ]; then echo 'a b' \"c d\"; fi");
        assert_eq!(c[0], ["[", "-f", "x", "]"]);
        assert_eq!(c[1], ["echo", "a b", "c d"]);
        let c = commands("sudo -u app env A=1 /usr/bin/apt-get install x");
        assert_eq!(c[0].name(), "apt-get");
    }

    #[test]
    fn escape_words() {
        assert_eq!(
            words_with_escape(r#"A="a b" B=c\ d C='e f'"#, '\\'),
            ["A=a b", "B=c d", "C=e f"]
        );
        assert_eq!(
            words_with_escape(r#"P="C:\tools\bin" Q=`"x`""#, '`'),
            [r#"P=C:\tools\bin"#, r#"Q="x""#]
        );
    }
}
