//! Daemon collector: the dockerd process's command line and daemon.json,
//! read from the host's /proc and files. Read-only.

use super::CollectOptions;
use crate::facts::{Facts, Source};

pub fn collect(_opts: &CollectOptions, facts: &mut Facts) {
    facts.daemon = Source::unavailable("daemon collector not implemented yet");
}
