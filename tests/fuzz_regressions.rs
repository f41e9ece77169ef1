//! Inputs the fuzzers found crashes with, kept so the bugs stay fixed.

use broadsheet::harness;

#[test]
fn quotes_speaker_span_in_another_paragraph() {
    // The speaker of a quotation over several paragraphs was placed in the
    // wrong paragraph, past its end.
    let text = String::from_utf8_lossy(include_bytes!("fuzz-regressions/quotes-speaker-span.bin"));
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    harness::quotes(&paragraphs);
}
