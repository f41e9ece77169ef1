//! The quote finder and speaker attribution on any paragraphs.
#![no_main]

use broadsheet::harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    harness::quotes(&paragraphs);
});
