//! The fuzz harnesses of `src/harness.rs` as bounded property tests, and
//! properties of the UI: random sizes and keys never panic or leave the
//! selection or scroll out of bounds. PROPTEST_CASES raises the count for
//! long runs.

use broadsheet::harness;
use broadsheet::library::article::FileType;
use proptest::prelude::*;

/// Text that looks like articles and attacks: quote marks, escapes,
/// controls, bidi, combining marks, wide characters, line breaks.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "„",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "‹",
        "›",
        "‚",
        "`",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\x1b[2J",
        "\x1b]0;t\x07",
        "\u{9b}",
        "\u{202e}",
        "\u{301}",
        "\u{200d}",
        "日本",
        "👩‍👩‍👧",
        "\0",
        "said",
        "Peskov",
        "Jane Doe",
        "By ",
        "he",
        "told reporters",
        ",",
        ".",
        ":",
        "-",
        "a",
        "Z",
        "é",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitizer_output_is_clean_and_stable(text in any::<String>()) {
        harness::sanitize(&text);
    }

    #[test]
    fn sanitizer_on_nasty_text(text in nasty_text()) {
        harness::sanitize(&text);
    }

    #[test]
    fn printable_ascii_passes_unchanged(text in "[ -~]*") {
        prop_assert_eq!(broadsheet::library::sanitize::clean(&text), text.as_str());
    }

    #[test]
    fn every_parser_survives_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in FileType::ALL {
            harness::parse(format, &bytes);
        }
    }

    #[test]
    fn every_parser_survives_nasty_text(text in nasty_text()) {
        for format in FileType::ALL {
            harness::parse(format, text.as_bytes());
        }
    }

    #[test]
    fn quote_spans_stay_in_their_paragraphs(paragraphs in prop::collection::vec(nasty_text(), 0..6)) {
        let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        harness::quotes(&paragraphs);
    }

    #[test]
    fn any_query_parses(input in any::<String>()) {
        harness::query(&input);
    }

    #[test]
    fn any_config_text_is_a_config_or_a_located_error(text in any::<String>()) {
        harness::config(&text);
    }

    #[test]
    fn config_like_text_is_a_config_or_a_located_error(
        lines in prop::collection::vec(
            prop::sample::select(vec![
                "[reader]", "[keys.global]", "[theme.palette]", "max_width = 70", "quit = [\"x\"]",
                "accent = \"#12\"", "mode = \"stacked\"", "[layout]", "list_width = 5", "= =", "\"", "[[",
                "justify = true", "move_down = [\"ctrl-\"]",
            ]),
            0..12,
        )
    ) {
        harness::config(&lines.join("\n"));
    }
}
