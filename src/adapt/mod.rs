//! Adapters: turn each input format into the subject model the checks
//! judge, so a rule is written once over the subject and a new input format
//! is a new adapter, never a copy of the rules. Pure functions of the facts:
//! no I/O, no verdicts.

pub mod history;
pub mod image;
