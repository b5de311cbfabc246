//! Fuzzes per-ecosystem version ordering: the first byte picks the scheme,
//! the rest splits at the first NUL into two versions. Comparing never
//! panics, a version that parses equals itself, and swapping the operands
//! reverses the order.
#![no_main]

use dockaudit::vuln::version::{compare, Scheme};
use libfuzzer_sys::fuzz_target;
use std::cmp::Ordering;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let scheme = Scheme::ALL[usize::from(pick) % Scheme::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let ab = compare(scheme, a, b);
    let ba = compare(scheme, b, a);
    if let (Ok(ab), Ok(ba)) = (&ab, &ba) {
        assert_eq!(*ab, ba.reverse(), "{scheme:?} {a:?} {b:?}");
    }
    // An error names one of the operands, whichever order they came in.
    assert_eq!(ab.is_err(), ba.is_err(), "{scheme:?} {a:?} {b:?}");
    for v in [a, b] {
        if let Ok(o) = compare(scheme, v, v) {
            assert_eq!(o, Ordering::Equal, "{scheme:?} {v:?}");
        }
    }
});
