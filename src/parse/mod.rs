//! Parsers over bytes or text already read: no I/O here. Collectors read,
//! then hand the text to one parser per format.

pub mod osdb;
pub mod packages;
