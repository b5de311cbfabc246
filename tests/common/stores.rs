//! The history stores the tests run against: a SQLite file in a temporary
//! folder, and a fresh database in the PostgreSQL cluster that
//! DOCKAUDIT_TEST_POSTGRES_URL names (scripts/postgres.sh start gives
//! one). Included by the history test files with `#[path]`.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

/// One store for one test; the PostgreSQL database is dropped with it.
pub struct TestStore {
    pub spec: String,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((admin, db)) = &self.pg {
            if let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            }
        }
    }
}

pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("history.sqlite").display().to_string();
    TestStore {
        spec,
        backend: "sqlite",
        _dir: Some(dir),
        pg: None,
    }
}

/// The cluster's URL; None (with a printed note) when unset. In CI the
/// cluster is part of the test run: its absence is a failure.
pub fn postgres_url() -> Option<String> {
    match std::env::var("DOCKAUDIT_TEST_POSTGRES_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but DOCKAUDIT_TEST_POSTGRES_URL is not: the PostgreSQL tests must run"
            );
            println!(
                "note: PostgreSQL history tests skipped: set DOCKAUDIT_TEST_POSTGRES_URL \
                 (bash scripts/postgres.sh start prints it)"
            );
            None
        }
    }
}

/// `url` with another database name (the path of a URL, or `dbname=` for
/// the `postgresql:///db?host=...` form).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let slash = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let base = match slash {
        Some(i) => format!("{}/{db}", &base[..i]),
        None => format!("{base}/{db}"),
    };
    match query {
        Some(q) => format!("{base}?{q}"),
        None => base,
    }
}

/// A fresh database in the test cluster.
pub fn postgres() -> Option<TestStore> {
    static N: AtomicU32 = AtomicU32::new(0);
    let admin = postgres_url()?;
    let db = format!(
        "dockaudit_t{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut c = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to DOCKAUDIT_TEST_POSTGRES_URL: {e}"));
    c.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    Some(TestStore {
        spec: with_database(&admin, &db),
        backend: "postgres",
        _dir: None,
        pg: Some((admin, db)),
    })
}

/// Every backend available here: SQLite always, PostgreSQL when its URL is
/// set.
pub fn all() -> Vec<TestStore> {
    let mut v = vec![sqlite()];
    v.extend(postgres());
    v
}
