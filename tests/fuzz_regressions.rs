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

#[test]
fn toml_escaped_carriage_return_in_body() {
    // A `\r` escape in a TOML string became a control character after the
    // file text had been cleaned; parsed fields are now cleaned as well.
    harness::parse(
        broadsheet::library::FileType::Toml,
        include_bytes!("fuzz-regressions/toml-escaped-carriage-return.bin"),
    );
}

#[test]
fn escaped_control_characters_in_markdown_and_json() {
    // The same bug in the other structured formats: escapes in front
    // matter or JSON strings decoded to control characters after cleaning.
    use broadsheet::library::FileType;
    harness::parse(FileType::Markdown, include_bytes!("fuzz-regressions/markdown-escaped-control.bin"));
    harness::parse(FileType::Json, include_bytes!("fuzz-regressions/json-escaped-control.bin"));
    harness::parse(FileType::JsonLines, include_bytes!("fuzz-regressions/jsonl-escaped-control.bin"));
}
