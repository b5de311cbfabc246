//! Turns each check's metadata (`src/checks/<subject>/<name>.toml`: id,
//! titles, controls, severity, rationale, remediation) into the check's
//! `Check` static, `checks::registry::<subject>::<NAME>`, whose judgement is
//! `evaluate` in `<name>.rs` beside it, and lists them all, sorted by id, in
//! `checks::registry`. The metadata is data an auditor reviews and the docs
//! are made from; the Rust file keeps only the judgement, and a check with
//! metadata cannot be left out of the registry. Any mistake (an unknown key,
//! a wrong type, a missing field, metadata without its check file) stops the
//! build with the file and key named.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The keys a check's metadata may have: (key, required).
const KEYS: &[(&str, bool)] = &[
    ("id", true),
    ("slug", true),
    ("title", true),
    ("section", false),
    ("scope", false),
    ("severity", true),
    ("mode", false),
    ("cis", false),
    ("item", false),
    ("needs", false),
    ("aliases", false),
    ("references", false),
    ("rationale", true),
    ("remediation", true),
];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let checks = root.join("src/checks");
    println!("cargo:rerun-if-changed=src/checks");
    let mut subjects: Vec<PathBuf> = fs::read_dir(&checks)
        .unwrap_or_else(|e| panic!("{}: {e}", checks.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subjects.sort();
    let mut errors = Vec::new();
    let mut modules = String::new();
    // (id, path of the static) of every check.
    let mut listed: Vec<(String, String)> = Vec::new();
    for dir in subjects {
        let subject = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        if files.is_empty() {
            continue;
        }
        let _ = writeln!(modules, "pub mod {subject} {{");
        for toml_path in files {
            let stem = toml_path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let shown = format!("src/checks/{subject}/{stem}.toml");
            if !toml_path.with_extension("rs").is_file() {
                errors.push(format!(
                    "{shown}: no {stem}.rs beside it to judge the check"
                ));
                continue;
            }
            let name = stem.to_ascii_uppercase();
            match generate(&toml_path, &subject, &stem, &name) {
                Ok((id, code)) => {
                    modules.push_str(&code);
                    listed.push((id, format!("{subject}::{name}")));
                }
                Err(e) => errors.push(format!("{shown}: {e}")),
            }
        }
        modules.push_str("}\n");
    }
    if !errors.is_empty() {
        panic!("check metadata:\n  {}", errors.join("\n  "));
    }
    listed.sort();
    let _ = writeln!(
        modules,
        "/// Every check made from metadata, sorted by id.\npub static FROM_METADATA: &[&crate::checks::Check] = &["
    );
    for (_, path) in &listed {
        let _ = writeln!(modules, "    &{path},");
    }
    modules.push_str("];\n");
    // The check of a check file's module, for the unit tests a macro
    // expands beside it.
    modules.push_str(
        "/// The check judged in module `path` (a check file's `module_path!()`).\n\
         pub fn by_module(path: &str) -> Option<&'static crate::checks::Check> {\n    \
         match path.split_once(\"::checks::\")?.1 {\n",
    );
    for (_, path) in &listed {
        let (subject, name) = path.split_once("::").unwrap();
        let _ = writeln!(
            modules,
            "        \"{subject}::{}\" => Some(&{path}),",
            name.to_ascii_lowercase()
        );
    }
    modules.push_str("        _ => None,\n    }\n}\n");
    write_if_changed(&out.join("registry.rs"), &modules);
}

fn write_if_changed(path: &Path, code: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(code) {
        fs::write(path, code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// The check's static (`pub static NAME`, in the subject's module of the
/// registry), and its id.
fn generate(
    path: &Path,
    subject: &str,
    stem: &str,
    name: &str,
) -> Result<(String, String), String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    for key in table.keys() {
        if !KEYS.iter().any(|(k, _)| k == key) {
            return Err(format!("unknown key `{key}`"));
        }
    }
    let mut code = format!("pub static {name}: crate::checks::Check = crate::checks::Check {{\n");
    let mut id = String::new();
    for (key, required) in KEYS {
        let Some(value) = table.get(*key) else {
            if *required {
                return Err(format!("`{key}` is required"));
            }
            continue;
        };
        let rust = match *key {
            "section" => variant("Section", key, value)?,
            "scope" => variant("Scope", key, value)?,
            "severity" => variant("Severity", key, value)?,
            "mode" => variant("Mode", key, value)?,
            "needs" => {
                let items = strings(key, value)?;
                let v = items
                    .iter()
                    .map(|s| variant("Need", key, &toml::Value::String(s.clone())))
                    .collect::<Result<Vec<_>, _>>()?;
                format!("&[{}]", v.join(", "))
            }
            "cis" | "aliases" | "references" => {
                let items = strings(key, value)?;
                let v: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
                format!("&[{}]", v.join(", "))
            }
            _ => {
                let s = value
                    .as_str()
                    .ok_or_else(|| format!("`{key}` must be a string"))?;
                if s.trim().is_empty() {
                    return Err(format!("`{key}` is empty"));
                }
                if *key == "id" {
                    id = s.to_string();
                }
                format!("{s:?}")
            }
        };
        let _ = writeln!(code, "    {key}: {rust},");
    }
    let _ = writeln!(
        code,
        "    evaluate: crate::checks::{subject}::{stem}::evaluate,\n    ..crate::checks::{subject}::RULE\n}};"
    );
    Ok((id, code))
}

fn variant(ty: &str, key: &str, value: &toml::Value) -> Result<String, String> {
    let s = value
        .as_str()
        .ok_or_else(|| format!("`{key}` must be a string"))?;
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(format!("`{key}` = {s:?}: expected a kebab-case name"));
    }
    Ok(format!("crate::checks::{ty}::{}", camel(s)))
}

fn strings(key: &str, value: &toml::Value) -> Result<Vec<String>, String> {
    let arr = value
        .as_array()
        .ok_or_else(|| format!("`{key}` must be a list of strings"))?;
    arr.iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("`{key}` must be a list of strings"))
        })
        .collect()
}

/// `non-root` -> `NonRoot`.
fn camel(s: &str) -> String {
    s.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
