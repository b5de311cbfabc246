//! Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`,
//! `${VAR+alt}`, `$$` for a literal dollar, defaults that nest
//! (`${A:-${B}}`); and the `.env` file format. Pure functions: the caller
//! supplies the variables.

use std::collections::BTreeMap;

/// What interpolating one string ran into.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Interpolated {
    pub text: String,
    /// Variables used without a value and without a default (replaced by
    /// the empty string, as compose does).
    pub unset: Vec<String>,
    /// `${VAR:?message}` errors.
    pub errors: Vec<String>,
}

/// Nesting of `${...}` defaults accepted.
const MAX_NESTING: usize = 8;

pub fn interpolate(s: &str, vars: &BTreeMap<String, String>) -> Interpolated {
    let mut out = Interpolated::default();
    out.text = expand(s, vars, &mut out.unset, &mut out.errors, 0);
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn expand(
    s: &str,
    vars: &BTreeMap<String, String>,
    unset: &mut Vec<String>,
    errors: &mut Vec<String>,
    depth: usize,
) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => {
                out.push('$');
                i += 2;
            }
            Some('{') => {
                let Some(j) = crate::parse::closing_brace(&chars, i + 1) else {
                    errors.push(format!("unclosed ${{ in {s:?}"));
                    out.extend(&chars[i..]);
                    break;
                };
                let inner: String = chars[i + 2..j].iter().collect();
                out.push_str(&expand_braced(&inner, vars, unset, errors, depth));
                i = j + 1;
            }
            Some(&n) if n == '_' || n.is_ascii_alphabetic() => {
                let mut j = i + 1;
                while j < chars.len() && is_name_char(chars[j]) {
                    j += 1;
                }
                let name: String = chars[i + 1..j].iter().collect();
                match vars.get(&name) {
                    Some(v) => out.push_str(v),
                    None => unset.push(name),
                }
                i = j;
            }
            _ => {
                out.push('$');
                i += 1;
            }
        }
    }
    out
}

fn expand_braced(
    inner: &str,
    vars: &BTreeMap<String, String>,
    unset: &mut Vec<String>,
    errors: &mut Vec<String>,
    depth: usize,
) -> String {
    let name_end = inner
        .char_indices()
        .find(|(_, c)| !is_name_char(*c))
        .map(|(i, _)| i)
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let rest = &inner[name_end..];
    let value = vars.get(name);
    let mut sub = |t: &str| {
        if depth >= MAX_NESTING {
            errors.push(format!("variables nested deeper than {MAX_NESTING} levels"));
            String::new()
        } else {
            expand(t, vars, unset, errors, depth + 1)
        }
    };
    if name.is_empty() {
        errors.push(format!("invalid interpolation ${{{inner}}}"));
        return String::new();
    }
    let (op, arg) = if let Some(a) = rest.strip_prefix(":-") {
        (":-", a)
    } else if let Some(a) = rest.strip_prefix(":?") {
        (":?", a)
    } else if let Some(a) = rest.strip_prefix(":+") {
        (":+", a)
    } else if let Some(a) = rest.strip_prefix('-') {
        ("-", a)
    } else if let Some(a) = rest.strip_prefix('?') {
        ("?", a)
    } else if let Some(a) = rest.strip_prefix('+') {
        ("+", a)
    } else if rest.is_empty() {
        ("", "")
    } else {
        errors.push(format!("invalid interpolation ${{{inner}}}"));
        return String::new();
    };
    let set_nonempty = value.is_some_and(|v| !v.is_empty());
    match op {
        "" => match value {
            Some(v) => v.clone(),
            None => {
                unset.push(name.to_string());
                String::new()
            }
        },
        ":-" => {
            if set_nonempty {
                value.cloned().unwrap_or_default()
            } else {
                sub(arg)
            }
        }
        "-" => match value {
            Some(v) => v.clone(),
            None => sub(arg),
        },
        ":?" | "?" => {
            let ok = if op == ":?" {
                set_nonempty
            } else {
                value.is_some()
            };
            if ok {
                value.cloned().unwrap_or_default()
            } else {
                let msg = sub(arg);
                errors.push(format!(
                    "required variable {name} is missing a value: {msg}"
                ));
                String::new()
            }
        }
        ":+" => {
            if set_nonempty {
                sub(arg)
            } else {
                String::new()
            }
        }
        _ => {
            if value.is_some() {
                sub(arg)
            } else {
                String::new()
            }
        }
    }
}

/// Reads a `.env` file: `NAME=value`, `export NAME=value`, comments, single
/// quotes (literal), double quotes (with `\n` escapes), inline ` #`
/// comments after unquoted values. Values may refer to variables defined
/// above them.
pub fn parse_env_file(text: &str) -> BTreeMap<String, String> {
    let mut vars = BTreeMap::new();
    for (name, v) in crate::parse::assignments(text) {
        let value = if let Some(q) = v.strip_prefix('\'') {
            q.split_once('\'').map(|(a, _)| a).unwrap_or(q).to_string()
        } else if let Some(q) = v.strip_prefix('"') {
            let body = q.rsplit_once('"').map(|(a, _)| a).unwrap_or(q);
            let body = body.replace("\\n", "\n").replace("\\\"", "\"");
            interpolate(&body, &vars).text
        } else {
            let v = match v.find(" #") {
                Some(i) => v[..i].trim_end(),
                None => v,
            };
            interpolate(v, &vars).text
        };
        vars.insert(name.to_string(), value);
    }
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> BTreeMap<String, String> {
        [("SET", "v"), ("EMPTY", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn t(s: &str) -> String {
        interpolate(s, &vars()).text
    }

    #[test]
    fn forms() {
        for (text, want) in [
            ("a-${SET}-$SET-b", "a-v-v-b"),
            ("${UNSET:-d}", "d"),
            ("${EMPTY:-d}", "d"),
            ("${EMPTY-d}", ""),
            ("${UNSET-d}", "d"),
            ("${SET:-d}", "v"),
            ("${SET:+alt}", "alt"),
            ("${UNSET:+alt}", ""),
            ("${UNSET:-${SET}}", "v"),
            ("${UNSET:-${NOPE:-deep}}", "deep"),
            ("$$SET and $${SET}", "$SET and ${SET}"),
            ("cost: 5$", "cost: 5$"),
            ("127.0.0.1:${PORT:-8080}:80", "127.0.0.1:8080:80"),
        ] {
            assert_eq!(t(text), want, "{text}");
        }
    }

    #[test]
    fn unset_and_required() {
        let r = interpolate("x${UNSET}y", &vars());
        assert_eq!(r.text, "xy");
        assert_eq!(r.unset, vec!["UNSET"]);
        let r = interpolate("${UNSET:?set it}", &vars());
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].contains("set it"));
        assert!(interpolate("${EMPTY?x}", &vars()).errors.is_empty());
        assert_eq!(interpolate("${EMPTY:?x}", &vars()).errors.len(), 1);
        assert_eq!(interpolate("${oops", &vars()).errors.len(), 1);
    }

    #[test]
    fn env_files() {
        let v = parse_env_file(
            "# c\nA=1\nexport B='lit $A'\nC=\"x${A}\"\nD=plain # comment\nbad line\nE=${A}2\n",
        );
        assert_eq!(v["A"], "1");
        assert_eq!(v["B"], "lit $A");
        assert_eq!(v["C"], "x1");
        assert_eq!(v["D"], "plain");
        assert_eq!(v["E"], "12");
        assert_eq!(v.len(), 5);
    }
}
