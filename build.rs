//! Turns each check's metadata (`src/checks/<subject>/<name>.toml`: id,
//! titles, controls, severity, rationale, remediation) into the `CHECK`
//! static its `<name>.rs` takes in with `crate::checks::meta!()`. The
//! metadata is data an auditor reviews and the docs are made from; the Rust
//! file keeps only the judgement. Any mistake (an unknown key, a wrong type,
//! a missing field, metadata without its check file) stops the build with the
//! file and key named.

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
    // module_path!() in the check file starts with the library's name.
    let crate_name = std::env::var("CARGO_PKG_NAME")
        .expect("CARGO_PKG_NAME")
        .replace('-', "_");
    let checks = root.join("src/checks");
    println!("cargo:rerun-if-changed=src/checks");
    let mut subjects: Vec<PathBuf> = fs::read_dir(&checks)
        .unwrap_or_else(|e| panic!("{}: {e}", checks.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subjects.sort();
    let mut errors = Vec::new();
    for dir in subjects {
        let subject = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
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
            match generate(&toml_path) {
                Ok(code) => {
                    let name = format!("{crate_name}::checks::{subject}::{stem}.rs");
                    write_if_changed(&out.join(name), &code);
                }
                Err(e) => errors.push(format!("{shown}: {e}")),
            }
        }
    }
    if !errors.is_empty() {
        panic!("check metadata:\n  {}", errors.join("\n  "));
    }
}

fn write_if_changed(path: &Path, code: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(code) {
        fs::write(path, code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn generate(path: &Path) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    for key in table.keys() {
        if !KEYS.iter().any(|(k, _)| k == key) {
            return Err(format!("unknown key `{key}`"));
        }
    }
    let mut code =
        String::from("pub static CHECK: crate::checks::Check = crate::checks::Check {\n");
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
                format!("{s:?}")
            }
        };
        let _ = writeln!(code, "    {key}: {rust},");
    }
    code.push_str("    evaluate,\n    ..super::RULE\n};\n");
    Ok(code)
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
