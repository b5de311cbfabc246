//! Host collector: reads host files under --host-root. Read-only.

use super::CollectOptions;
use crate::facts::{Facts, HostFacts, Source};

pub fn collect(opts: &CollectOptions, facts: &mut Facts) {
    facts.host = Source::Present(HostFacts {
        root: opts.host_root.display().to_string(),
    });
}
