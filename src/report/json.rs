//! The JSON report writer: the report model as documented in
//! docs/report-schema.md, pretty-printed with a trailing newline. Owns the
//! one pretty printer every JSON document of the reports goes through.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_pretty(out, report)?;
    writeln!(out)
}

/// Writes `value` as serde_json's pretty printer does (two spaces a level),
/// byte for byte, but buffered and with each line break and its indentation
/// written at once: serde_json writes the indentation one level at a time,
/// each a call through `dyn Write`, and that was most of the time spent
/// writing a large SARIF log.
pub fn write_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut buf = io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Pretty::default());
    value.serialize(&mut ser).map_err(io_error)?;
    buf.flush()
}

/// A line break followed by indentation, sliced to the depth needed.
const BREAK: &[u8] = b"\n                                                                                                                                ";

#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        let width = self.depth * 2;
        if width < BREAK.len() {
            w.write_all(&BREAK[..=width])
        } else {
            w.write_all(b"\n")?;
            (0..self.depth).try_for_each(|_| w.write_all(b"  "))
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Keeps the kind of an I/O error met while serialising (a closed pipe is
/// not a crash: the CLI checks for BrokenPipe).
pub fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The same bytes as serde_json's own pretty printer, nesting deeper
    /// than the prepared indentation included.
    #[test]
    fn pretty_matches_serde_json() {
        let mut deep = json!("leaf");
        for i in 0..70 {
            deep = if i % 2 == 0 {
                json!([deep, 1, {"k": []}])
            } else {
                json!({"a": deep, "b": {}, "c": [null, "x\n\"y"]})
            };
        }
        for v in [
            json!({}),
            json!([]),
            json!(1),
            json!({"a": [1, {"b": [[], {}]}]}),
            deep,
        ] {
            let mut ours = Vec::new();
            super::write_pretty(&mut ours, &v).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }
}
