//! A YAML document as a tree of nodes that keep their line, built from the
//! parser's events. Anchors, aliases and merge keys (`<<: *x`) are resolved
//! here, under bounds on depth and on the number of nodes aliases expand
//! to, so that a hostile document (an alias bomb, ten thousand nested
//! brackets) ends with a clear error in bounded time and memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// Deepest nesting accepted (a compose file needs about 8).
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may hold once its aliases are expanded.
pub const MAX_NODES: usize = 250_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    /// The text, and whether it was written plain (unquoted): only plain
    /// scalars are read as booleans, numbers and null.
    Scalar(String, bool),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    /// 1-based line.
    pub line: u32,
    /// Which file the node was read from (0: the audited file; set by
    /// `extends` for nodes from other files).
    pub file: u32,
    /// The compose merge tag written on the value, if any.
    pub tag: Tag,
}

/// Compose's merge tags: `!reset` drops what the value would merge with
/// (the key is reset to its default), `!override` replaces it whole
/// instead of merging or appending. Other tags are not merge tags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tag {
    #[default]
    None,
    Reset,
    Override,
}

fn merge_tag(t: Option<&saphyr_parser::Tag>) -> Tag {
    match t {
        Some(t) if t.handle == "!" && t.suffix == "reset" => Tag::Reset,
        Some(t) if t.handle == "!" && t.suffix == "override" => Tag::Override,
        _ => Tag::None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub message: String,
}

impl Node {
    pub fn null(line: u32) -> Node {
        Node {
            value: Value::Null,
            line,
            file: 0,
            tag: Tag::None,
        }
    }
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }
    /// A scalar's text (numbers and booleans as written).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) => Some(s),
            _ => None,
        }
    }
    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }
    pub fn key_line(&self, key: &str) -> Option<u32> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, _)| k.line)
    }
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
    /// A YAML boolean (plain true/false in the usual spellings, quoted
    /// "true"/"false" too: the compose tooling accepts both).
    pub fn as_bool(&self) -> Option<bool> {
        match self.as_str()?.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        }
    }
    /// The number of nodes in this subtree.
    fn size(&self) -> usize {
        match &self.value {
            Value::Null | Value::Scalar(..) => 1,
            Value::Seq(s) => 1 + s.iter().map(Node::size).sum::<usize>(),
            Value::Map(m) => 1 + m.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }
    /// Sets the file index on every node of the subtree.
    pub fn set_file(&mut self, file: u32) {
        self.file = file;
        match &mut self.value {
            Value::Seq(s) => s.iter_mut().for_each(|n| n.set_file(file)),
            Value::Map(m) => m.iter_mut().for_each(|(k, v)| {
                k.set_file(file);
                v.set_file(file);
            }),
            _ => {}
        }
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        line: u32,
        anchor: usize,
        tag: Tag,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        line: u32,
        anchor: usize,
        tag: Tag,
    },
}

fn err(line: u32, message: impl Into<String>) -> YamlError {
    YamlError {
        line,
        message: message.into(),
    }
}

fn scalar_node(text: &str, style: ScalarStyle, line: u32, tag: Tag) -> Node {
    let plain = style == ScalarStyle::Plain;
    let value = if plain && matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        Value::Null
    } else {
        Value::Scalar(text.to_string(), plain)
    };
    Node {
        value,
        line,
        file: 0,
        tag,
    }
}

/// Applies merge keys: `<<: *base` or `<<: [*a, *b]` adds the entries of
/// the merged mappings whose keys the mapping does not set itself (the
/// first merged mapping wins among several).
fn apply_merge(entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, YamlError> {
    if !entries
        .iter()
        .any(|(k, _)| matches!(&k.value, Value::Scalar(s, true) if s == "<<"))
    {
        return Ok(entries);
    }
    let mut own: Vec<(Node, Node)> = Vec::new();
    let mut merged: Vec<Node> = Vec::new();
    for (k, v) in entries {
        if matches!(&k.value, Value::Scalar(s, true) if s == "<<") {
            match v.value {
                Value::Map(_) => merged.push(v),
                Value::Seq(items) => {
                    for i in items {
                        if i.as_map().is_none() {
                            return Err(err(
                                i.line,
                                "merge key `<<` lists a value that is not a mapping",
                            ));
                        }
                        merged.push(i);
                    }
                }
                _ => {
                    return Err(err(
                        v.line,
                        "merge key `<<` needs a mapping or a list of mappings",
                    ))
                }
            }
        } else {
            own.push((k, v));
        }
    }
    for m in merged {
        if let Value::Map(es) = m.value {
            for (k, v) in es {
                let exists = own
                    .iter()
                    .any(|(ok, _)| ok.as_str().is_some() && ok.as_str() == k.as_str());
                if !exists {
                    own.push((k, v));
                }
            }
        }
    }
    Ok(own)
}

/// Parses the first document of `text` into a node tree. An empty
/// document gives a Null node.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    // Compose reads one document; later ones are ignored.
    let mut docs = Vec::new();
    parse_stream(text, true, &mut docs)?;
    Ok(docs.pop().unwrap_or_else(|| Node::null(1)))
}

/// Parses every document of a `---`-separated stream (Kubernetes
/// manifests, helm output). An empty document gives a Null node at the
/// line of its start; text with no document at all (comments only) gives
/// no node. The bounds on depth and on the nodes aliases expand to hold
/// for the whole stream, not per document. On a syntax error, the
/// documents read in full before it are returned with the error.
pub fn parse_all(text: &str) -> (Vec<Node>, Option<YamlError>) {
    let mut docs = Vec::new();
    let e = parse_stream(text, false, &mut docs).err();
    (docs, e)
}

/// The event loop of `parse` and `parse_all`: pushes each document read in
/// full to `docs`; stops after the first one when `first_only`.
fn parse_stream(text: &str, first_only: bool, docs: &mut Vec<Node>) -> Result<(), YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut anchor_sizes: HashMap<usize, usize> = HashMap::new();
    let mut total: usize = 0;
    let mut root: Option<Node> = None;
    // The line where the current document started (None: outside one).
    let mut doc_line: Option<u32> = None;

    while let Some(ev) = parser.next_event() {
        let (event, span) = ev.map_err(|e| {
            let msg = if e.info().contains("recursion limit") {
                format!("nested deeper than the YAML reader allows ({})", e.info())
            } else {
                format!("not valid YAML: {}", e.info())
            };
            err(e.marker().line() as u32, msg)
        })?;
        let line = span.start.line() as u32;
        let (node, anchor) = match event {
            Event::StreamStart | Event::Nothing => continue,
            Event::DocumentEnd => {
                if let Some(l) = doc_line.take() {
                    docs.push(root.take().unwrap_or_else(|| Node::null(l)));
                }
                continue;
            }
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                if let Some(l) = doc_line.take() {
                    docs.push(root.take().unwrap_or_else(|| Node::null(l)));
                }
                if first_only && !docs.is_empty() {
                    break;
                }
                // Anchors are scoped to their document.
                anchors.clear();
                anchor_sizes.clear();
                doc_line = Some(line.max(1));
                continue;
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(line, format!("nested deeper than {MAX_DEPTH} levels")));
                }
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    line,
                    anchor,
                    tag: merge_tag(tag.as_deref()),
                });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(line, format!("nested deeper than {MAX_DEPTH} levels")));
                }
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    line,
                    anchor,
                    tag: merge_tag(tag.as_deref()),
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    line,
                    anchor,
                    tag,
                }) => (
                    Node {
                        value: Value::Seq(items),
                        line,
                        file: 0,
                        tag,
                    },
                    anchor,
                ),
                _ => return Err(err(line, "unbalanced sequence")),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    entries,
                    line,
                    anchor,
                    tag,
                    ..
                }) => (
                    Node {
                        value: Value::Map(apply_merge(entries)?),
                        line,
                        file: 0,
                        tag,
                    },
                    anchor,
                ),
                _ => return Err(err(line, "unbalanced mapping")),
            },
            Event::Scalar(text, style, anchor, tag) => {
                total += 1;
                (
                    scalar_node(&text, style, line, merge_tag(tag.as_deref())),
                    anchor,
                )
            }
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(err(line, "alias to an unknown anchor"));
                };
                let size = *anchor_sizes.get(&id).unwrap_or(&1);
                total = total.saturating_add(size);
                if total > MAX_NODES {
                    return Err(err(
                        line,
                        format!(
                            "aliases expand to more than {MAX_NODES} nodes (an alias bomb?): not read"
                        ),
                    ));
                }
                let mut n = target.clone();
                n.line = line;
                (n, 0)
            }
        };
        if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            total += 1;
        }
        if total > MAX_NODES {
            return Err(err(
                line,
                format!("more than {MAX_NODES} YAML nodes: too large to audit"),
            ));
        }
        if anchor > 0 {
            anchor_sizes.insert(anchor, node.size());
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    if let Some(l) = doc_line {
        docs.push(root.unwrap_or_else(|| Node::null(l)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_scalars() {
        let n = parse("a: 1\nb:\n  - x\n  - 'true'\nc: ~\n").unwrap();
        assert_eq!(n.key_line("b"), Some(2));
        let b = n.get("b").unwrap().as_seq().unwrap();
        assert_eq!(b[1].line, 4);
        assert_eq!(b[1].value, Value::Scalar("true".into(), false));
        assert!(n.get("c").unwrap().is_null());
    }

    #[test]
    fn anchors_and_merge_keys() {
        let doc = "x: &base\n  a: 1\n  b: 2\ny:\n  <<: *base\n  b: 3\nz:\n  <<: [*base, {c: 4}]\n";
        let n = parse(doc).unwrap();
        let y = n.get("y").unwrap();
        assert_eq!(y.get("a").unwrap().as_str(), Some("1"));
        assert_eq!(y.get("b").unwrap().as_str(), Some("3"));
        let z = n.get("z").unwrap();
        assert_eq!(z.get("c").unwrap().as_str(), Some("4"));
        assert_eq!(z.get("a").unwrap().as_str(), Some("1"));
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in "bcdefghijklmnop".chars() {
            doc.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        let t = std::time::Instant::now();
        let e = parse(&doc).unwrap_err();
        assert!(e.message.contains("alias bomb"), "{e:?}");
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let doc = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = parse(&doc).unwrap_err();
        assert!(e.message.contains("nested deeper"), "{e:?}");
        let doc = (0..200)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect::<String>();
        assert!(parse(&doc).is_err());
    }

    #[test]
    fn parse_reads_the_first_document_only() {
        let n = parse("a: 1\n---\nb: [\n").unwrap();
        assert_eq!(n.get("a").unwrap().as_str(), Some("1"));
        assert!(parse("# only a comment\n").unwrap().is_null());
    }

    #[test]
    fn parse_all_reads_every_document() {
        let text = "# Source: x\n---\na: 1\n---\n---\n# Source: y\nb: &x 2\nc: *x\n";
        let (docs, e) = parse_all(text);
        assert!(e.is_none(), "{e:?}");
        assert_eq!(docs.len(), 3, "{docs:?}");
        assert_eq!(docs[0].key_line("a"), Some(3));
        assert!(docs[1].is_null());
        assert_eq!(docs[2].key_line("b"), Some(7));
        assert_eq!(docs[2].get("c").unwrap().as_str(), Some("2"));
        let (docs, e) = parse_all("# comments only\n");
        assert!(docs.is_empty() && e.is_none());
        // Anchors do not cross documents.
        let (docs, e) = parse_all("a: &x 1\n---\nb: *x\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(e.unwrap().line, 3);
    }

    #[test]
    fn parse_all_bounds_hold_for_the_whole_stream() {
        // Each document alone is under the bound; together they are not.
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in "bcd".chars() {
            doc.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        assert!(parse(&doc).is_ok());
        let stream = vec![doc; 30].join("---\n");
        let (docs, e) = parse_all(&stream);
        assert!(e.unwrap().message.contains("alias bomb"));
        assert!(docs.len() < 30);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(parse("").unwrap().is_null());
    }
}
