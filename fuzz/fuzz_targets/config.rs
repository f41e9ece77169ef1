//! The config loader: a config or an error located inside the text.
#![no_main]

use broadsheet::harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        harness::config(text);
    }
});
