//! Reading the JSON report in the binary's tests: a check by id, its
//! findings. Included with `#[path]` by the tests that need them.

use serde_json::Value;

/// The check `id` of a report; a missing check fails the test.
pub fn check<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the report: {r}"))
}

/// A check's findings (none when it has no `findings`).
pub fn findings(c: &Value) -> Vec<&Value> {
    c["findings"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}
