//! The JSON report writer: the report model as documented in
//! docs/report-schema.md, pretty-printed with a trailing newline.

use std::io::{self, Write};

use super::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io_error)?;
    writeln!(out)
}

/// Keeps the kind of an I/O error met while serialising (a closed pipe is
/// not a crash: the CLI checks for BrokenPipe).
pub fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}
