//! The search query parser and matcher.
#![no_main]

use broadsheet::harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| harness::query(&String::from_utf8_lossy(data)));
