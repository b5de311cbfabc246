//! The JSON report writer: the report model as documented in
//! docs/report-schema.md, pretty-printed with a trailing newline.

use std::io::{self, Write};

use super::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Serialised first so a closed pipe surfaces as the writer's own error
    // (exit 0), not as a serialisation error.
    let text = serde_json::to_string_pretty(report).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)
}
