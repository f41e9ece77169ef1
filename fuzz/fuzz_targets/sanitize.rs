//! The sanitiser: clean and idempotent for any text.
#![no_main]

use broadsheet::harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| harness::sanitize(&String::from_utf8_lossy(data)));
