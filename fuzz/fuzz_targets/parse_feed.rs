//! A feed (RSS, RDF or Atom), through decoding and sanitising, on any bytes.
#![no_main]

use broadsheet::harness;
use broadsheet::library::article::FileType;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| harness::parse(FileType::Feed, data));
