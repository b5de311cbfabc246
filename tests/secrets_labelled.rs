//! Precision and recall of the secrets detector on the labelled set in
//! tests/secrets/labelled: every folder holds files and a `labels.tsv`
//! (`FILE<TAB>LINE<TAB>RULE`, one line per line that holds a secret; every
//! other line holds none). A line counts as found when any finding starts
//! on it. Prints the figures; fails below the targets (precision 0.95,
//! recall 0.75) or on any finding in a file marked clean.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.tp as f64 / ((self.tp + self.fp) as f64).max(1.0)
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / ((self.tp + self.fn_) as f64).max(1.0)
    }
}

#[test]
fn labelled_set_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/secrets/labelled");
    let Ok(folders) = std::fs::read_dir(&root) else {
        panic!("{} is missing", root.display());
    };
    let mut total = Tally::default();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    let mut folders: Vec<_> = folders.flatten().filter(|e| e.path().is_dir()).collect();
    folders.sort_by_key(|e| e.file_name());
    for folder in folders {
        let dir = folder.path();
        let labels_text = std::fs::read_to_string(dir.join("labels.tsv")).unwrap_or_default();
        let mut labels: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (i, l) in labels_text.lines().enumerate() {
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                cols.len() >= 2,
                "{}:{}: FILE<TAB>LINE<TAB>RULE",
                dir.display(),
                i + 1
            );
            let line: u32 = cols[1].trim().parse().unwrap_or_else(|_| {
                panic!("{}:{}: bad line number {:?}", dir.display(), i + 1, cols[1])
            });
            labels.entry(cols[0].to_string()).or_default().insert(line);
        }
        let mut tally = Tally::default();
        let mut files: Vec<_> = walk(&dir);
        files.sort();
        for f in &files {
            let rel = f
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "labels.tsv" {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let found: BTreeSet<u32> = dockaudit::secrets::scan::scan_shown(&rel, &text)
                .iter()
                .map(|s| s.line)
                .collect();
            let expected = labels.remove(&rel).unwrap_or_default();
            for l in &found {
                if expected.contains(l) {
                    tally.tp += 1;
                } else {
                    tally.fp += 1;
                    false_alarms.push(format!("{}/{rel}:{l}", dir.display()));
                }
            }
            for l in expected.difference(&found) {
                tally.fn_ += 1;
                misses.push(format!("{}/{rel}:{l}", dir.display()));
            }
        }
        assert!(
            labels.is_empty(),
            "labels name files that do not exist: {:?}",
            labels.keys().collect::<Vec<_>>()
        );
        println!(
            "{:<10} positives {:>4}  found {:>4}  false {:>3}  precision {:.3}  recall {:.3}",
            folder.file_name().to_string_lossy(),
            tally.tp + tally.fn_,
            tally.tp,
            tally.fp,
            tally.precision(),
            tally.recall()
        );
        total.tp += tally.tp;
        total.fp += tally.fp;
        total.fn_ += tally.fn_;
    }
    println!(
        "all        positives {:>4}  found {:>4}  false {:>3}  precision {:.3}  recall {:.3}",
        total.tp + total.fn_,
        total.tp,
        total.fp,
        total.precision(),
        total.recall()
    );
    for m in &misses {
        println!("missed: {m}");
    }
    for f in &false_alarms {
        println!("false alarm: {f}");
    }
    assert!(
        total.tp + total.fn_ >= 100,
        "the labelled set is too small to measure"
    );
    assert!(
        total.precision() >= 0.95,
        "precision {:.3} < 0.95",
        total.precision()
    );
    assert!(
        total.recall() >= 0.75,
        "recall {:.3} < 0.75",
        total.recall()
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
