//! Checks that any input must pass, shared by the cargo-fuzz targets in
//! `fuzz/` and the bounded property tests run by `cargo test`. Each
//! function panics if an invariant breaks: nothing here may panic on its
//! own, whatever the bytes.

use std::path::Path;

use crate::config::Config;
use crate::library::article::FileType;
use crate::library::load::{FileKind, parse_bytes};
use crate::library::quotes::quotes_of;
use crate::library::sanitize::{clean, is_clean};
use crate::library::search::Query;

/// The sanitiser: its output is clean and cleaning it again changes
/// nothing.
pub fn sanitize(text: &str) {
    let once = clean(text);
    assert!(is_clean(&once), "unclean output for {text:?}");
    assert_eq!(clean(&once), once, "not idempotent for {text:?}");
}

/// A file of any format: loading never panics and everything it yields
/// is clean text.
pub fn parse(file_type: FileType, bytes: &[u8]) {
    let outcome = parse_bytes(Path::new("fuzz"), FileKind::Articles(file_type), bytes, false);
    for article in &outcome.articles {
        assert!(is_clean(&article.title) && !article.title.contains('\n'));
        for block in &article.body {
            assert!(is_clean(&block.text));
        }
        for byline in &article.bylines {
            assert!(is_clean(&byline.name));
        }
    }
    for diagnostic in &outcome.diagnostics {
        assert!(is_clean(&diagnostic.message) && !diagnostic.message.contains('\n'));
    }
}

/// The HTML converter on markup whose words are known: no tag or entity
/// that was markup is left in any block, every visible word is there, and
/// nothing from a script or style is.
pub fn html(html: &str, visible: &[String], hidden: &[String]) {
    for options in [crate::library::html::Options::default(), crate::library::html::Options { images: true }]
    {
        let blocks = crate::library::html::blocks(html, options);
        let text: String = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
        for block in &blocks {
            assert!(
                !crate::library::html::has_markup(&block.text),
                "markup left in {:?} from {html:?}",
                block.text
            );
            assert!(is_clean(&block.text) || block.text.contains('\n'), "unclean block {:?}", block.text);
        }
        for word in visible {
            assert!(text.contains(word.as_str()), "{word:?} lost from {html:?}: {text:?}");
        }
        for word in hidden {
            assert!(!text.contains(word.as_str()), "{word:?} from a script leaked: {text:?}");
        }
    }
}

/// The quote finder on any paragraphs: spans lie inside their paragraph,
/// on character boundaries, in order, and the text is what they enclose.
pub fn quotes(paragraphs: &[&str]) {
    for quote in quotes_of(paragraphs) {
        for span in &quote.spans {
            let text = paragraphs[span.paragraph];
            assert!(span.start <= span.end && span.end <= text.len(), "span out of its paragraph");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        if let Some((p, start, end)) = quote.speaker_span {
            assert!(start <= end && end <= paragraphs[p].len() && paragraphs[p].is_char_boundary(start));
        }
        assert!(quote.spans.windows(2).all(|w| w[0].paragraph < w[1].paragraph));
    }
}

/// The query parser: anything parses, and matching an empty article
/// neither panics nor finds a word that is not there (a term without a
/// letter or digit is no condition).
pub fn query(input: &str) {
    use crate::library::search::query::TermKind;
    let query = Query::parse(input);
    let empty = crate::library::search::FoldedArticle::default();
    let has_a_word = query
        .terms
        .iter()
        .any(|t| matches!(&t.kind, TermKind::Text { text, .. } if text.chars().any(char::is_alphanumeric)));
    if query.terms.iter().all(|t| !t.negated) && has_a_word {
        assert!(!query.matches_text(&empty), "matched nothing with {input:?}");
    }
    let _ = query.highlights();
}

/// The config loader: any text is a config or an error with a position
/// inside the text.
pub fn config(text: &str) {
    if let Err(error) = Config::parse(Path::new("config.toml"), text) {
        if let Some(line) = error.line {
            assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line} outside the file");
        }
        assert!(!error.message.is_empty());
    }
}
