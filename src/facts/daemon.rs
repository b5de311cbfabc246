//! Facts about the engine daemon's own configuration: its process command
//! line, daemon.json and the service files that start it.

use serde::{Deserialize, Serialize};

use super::Source;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonFacts {
    /// The dockerd process serving the audited endpoint.
    pub process: Source<DaemonProcess>,
    /// daemon.json (path from --config-file, else the default).
    pub config_file: Source<ConfigFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonProcess {
    pub pid: i64,
    /// argv, argv[0] included.
    pub args: Vec<String>,
    pub uid: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigFile {
    pub path: String,
    pub exists: bool,
    /// The parsed document, when it parsed.
    pub content: Option<serde_json::Value>,
    /// Why it did not parse: message, line and column.
    pub parse_error: Option<ParseError>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParseError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}
