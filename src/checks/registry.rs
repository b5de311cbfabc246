//! The one list of all checks, sorted by id: it drives `--select`, `checks`,
//! `explain`, the docs and the reports. build.rs makes each check's static
//! from its metadata file (`registry::<subject>::<NAME>`, e.g.
//! `registry::container::PRIVILEGED`) and lists them; the table-shaped
//! checks (file permissions, audit rules) add their rows. A check cannot be
//! left out: `tests/registry.rs` still fails for a table row not listed.

use std::sync::LazyLock;

use super::Check;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

pub static CHECKS: LazyLock<Vec<&'static Check>> = LazyLock::new(|| {
    let mut all: Vec<&'static Check> = FROM_METADATA.to_vec();
    all.extend(super::host::file_permissions::ALL);
    all.extend(super::host::audit_rules::ALL);
    all.sort_by_key(|c| c.id);
    all
});
