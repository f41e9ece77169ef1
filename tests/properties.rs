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

/// A piece of HTML with the words a reader must see and must not see.
#[derive(Debug, Clone)]
struct Markup {
    html: String,
    visible: Vec<String>,
    hidden: Vec<String>,
}

/// Random HTML trees: block and inline elements, entities, images and
/// scripts, with numbered words so each one can be looked for.
fn markup() -> impl Strategy<Value = Markup> {
    let word = (0u32..100_000).prop_map(|n| Markup {
        html: format!("w{n} "),
        visible: vec![format!("w{n}")],
        hidden: vec![],
    });
    let entity = prop::sample::select(vec![
        ("&amp; ", "&"),
        ("&lt;x&gt; ", "<x>"),
        ("&nbsp;", ""),
        ("&#8220;q&#8221; ", "“q”"),
        ("&eacute;t&eacute; ", "été"),
        ("&mdash; ", "—"),
    ])
    .prop_map(|(html, text)| Markup {
        html: html.to_owned(),
        visible: if text.is_empty() { vec![] } else { vec![text.to_owned()] },
        hidden: vec![],
    });
    let hidden = (0u32..100_000).prop_map(|n| Markup {
        html: format!("<script>var h{n} = 1;</script><style>.h{n}{{}}</style>"),
        visible: vec![],
        hidden: vec![format!("h{n}")],
    });
    let leaf = prop_oneof![4 => word, 1 => entity, 1 => hidden, 1 => Just(Markup { html: "<br>".into(), visible: vec![], hidden: vec![] })];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let tags = prop::sample::select(vec![
            "p",
            "div",
            "span",
            "a href=\"/x\"",
            "strong",
            "em",
            "b",
            "i",
            "li",
            "ul",
            "ol",
            "h2",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "table",
            "tr",
            "td",
            "section",
            "q",
            "sup",
            "code",
        ]);
        (tags, prop::collection::vec(inner, 1..5)).prop_map(|(tag, children)| {
            let name = tag.split(' ').next().unwrap_or(tag);
            let mut markup = Markup { html: format!("<{tag}>"), visible: vec![], hidden: vec![] };
            for child in children {
                markup.html.push_str(&child.html);
                markup.visible.extend(child.visible);
                markup.hidden.extend(child.hidden);
            }
            markup.html.push_str(&format!("</{name}>"));
            markup
        })
    })
}

/// Escapes markup once, as feeds that double-escape their HTML do.
fn escaped(html: &str) -> String {
    html.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn html_converter_leaves_no_markup_and_loses_no_word(markup in markup()) {
        harness::html(&markup.html, &markup.visible, &markup.hidden);
    }

    #[test]
    fn html_escaped_twice_converts_the_same(markup in markup()) {
        // Words only: the entities themselves read differently once escaped.
        let words: Vec<String> = markup.visible.iter().filter(|w| w.starts_with('w')).cloned().collect();
        harness::html(&escaped(&markup.html), &words, &markup.hidden);
    }

    #[test]
    fn html_converter_survives_any_text(text in nasty_text()) {
        let _ = broadsheet::library::html::blocks(&text, broadsheet::library::html::Options { images: true });
    }

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
