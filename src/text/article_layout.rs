//! An article laid out for reading at one width: headline, byline, body
//! blocks and the authors' bios, as wrapped lines.

use crate::library::{Article, BlockKind, UNKNOWN_AUTHOR};

use super::marks::{Marks, Overlay};
use super::wrap::{WrapSpec, WrappedLine, wrap};

/// An article wrapped to `width` columns. Recomputed when the article or
/// the width changes; drawing only slices `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedArticle {
    pub width: u16,
    pub lines: Vec<WrappedLine>,
    /// The first line of each body block.
    pub block_lines: Vec<usize>,
    /// The first and last line of each of the article's quotations.
    pub quote_lines: Vec<(usize, usize)>,
    /// The line of each search match in [`Decorations::matches`].
    pub match_lines: Vec<usize>,
}

/// How the reader sets text (from `[reader]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReaderStyle {
    pub justify: bool,
    /// Blank lines between blocks.
    pub paragraph_spacing: u8,
    pub hyphenate: bool,
    pub show_bio: bool,
}

impl Default for ReaderStyle {
    fn default() -> Self {
        Self { justify: false, paragraph_spacing: 1, hyphenate: false, show_bio: true }
    }
}

/// A search match: a byte range of one body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextMatch {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// What the reader marks on top of the article's own styling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Decorations {
    /// The quotation `]` / `[` moved to.
    pub focused_quote: Option<usize>,
    pub matches: Vec<TextMatch>,
    /// The match `n` / `N` moved to.
    pub current_match: Option<usize>,
}

impl WrappedArticle {
    /// The line on which byte `offset` of body block `block` is drawn.
    pub fn line_of(&self, block: usize, offset: usize) -> Option<usize> {
        let first = *self.block_lines.get(block)?;
        let end = self.block_lines.get(block + 1).copied().unwrap_or(self.lines.len());
        let mut found = first;
        for (index, line) in self.lines.iter().enumerate().take(end).skip(first) {
            match line.source {
                Some((b, start)) if b == block && start <= offset => found = index,
                Some((b, start)) if b == block && start > offset => break,
                _ => {}
            }
        }
        Some(found)
    }
}

/// The byline as one line of text: "By A and B · Source · date · 3 min read".
pub fn byline_text(article: &Article) -> (String, String) {
    let names: Vec<&str> = article.author_names().collect();
    let authors = match names.as_slice() {
        [] => UNKNOWN_AUTHOR.to_owned(),
        [one] => format!("By {one}"),
        [init @ .., last] => format!("By {} and {last}", init.join(", ")),
    };
    let mut meta = Vec::new();
    if let Some(source) = &article.source {
        meta.push(source.clone());
    }
    if let Some(date) = article.date {
        meta.push(date.day().format("%-d %B %Y").to_string());
    }
    meta.push(format!("{} min read", article.reading_minutes.max(1)));
    let quotes = article.quotes.iter().filter(|q| q.depth == 0).count();
    if quotes > 0 {
        let mut speakers: Vec<&str> = article.quotes.iter().filter_map(|q| q.speaker.as_deref()).collect();
        speakers.sort_unstable();
        speakers.dedup();
        let plural =
            |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        let mut text = plural(quotes, "quote", "quotes");
        if !speakers.is_empty() {
            text.push_str(&format!(" from {}", plural(speakers.len(), "speaker", "speakers")));
        }
        meta.push(text);
    }
    (authors, meta.join(" · "))
}

/// The marks each body block carries for its quotations: quoted text,
/// the marks themselves, nesting, the speaker's name in the attribution,
/// and the focused quotation.
fn quote_overlays(article: &Article, focus: Option<usize>) -> Vec<Vec<Overlay>> {
    let mut overlays = vec![Vec::new(); article.body.len()];
    for (index, quote) in article.quotes.iter().enumerate() {
        let mut marks = Marks::QUOTE;
        if quote.depth > 0 {
            marks |= Marks::NESTED;
        }
        if focus == Some(index) {
            marks |= Marks::FOCUS;
        }
        for span in &quote.spans {
            let Some(block) = overlays.get_mut(span.paragraph) else { continue };
            block.push(Overlay::new(span.start, span.end, marks));
            for (start, end) in span.open_mark.into_iter().chain(span.close_mark) {
                block.push(Overlay::new(start, end, Marks::QUOTE_MARK));
            }
        }
        if let Some((paragraph, start, end)) = quote.speaker_span
            && let Some(block) = overlays.get_mut(paragraph)
        {
            block.push(Overlay::new(start, end, Marks::SPEAKER));
        }
    }
    overlays
}

/// Lays `article` out at `width` columns, with `decorations` marked.
pub fn layout_article(
    article: &Article,
    width: u16,
    decorations: &Decorations,
    style: ReaderStyle,
) -> WrappedArticle {
    let focus = decorations.focused_quote;
    let w = usize::from(width.max(1));
    let mut lines = Vec::new();
    lines.extend(wrap(&article.title, &[], WrapSpec::plain(w, Marks::HEADLINE)));
    let (authors, meta) = byline_text(article);
    let byline = format!("{authors} · {meta}");
    let authors_end = authors.len();
    lines.extend(wrap(
        &byline,
        &[Overlay::new(authors_end, byline.len(), Marks::META)],
        WrapSpec::plain(w, Marks::BYLINE),
    ));
    if !article.tags.is_empty() {
        let tags = article.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ");
        lines.extend(wrap(&tags, &[], WrapSpec::plain(w, Marks::META)));
    }

    let mut quote_marks = quote_overlays(article, focus);
    let mut block_lines = Vec::with_capacity(article.body.len());
    for (index, block) in article.body.iter().enumerate() {
        // The byline keeps one blank line above the body whatever the spacing.
        let gap = if index == 0 { 1 } else { usize::from(style.paragraph_spacing) };
        lines.extend(std::iter::repeat_n(WrappedLine::blank(), gap));
        block_lines.push(lines.len());
        let mut overlays: Vec<Overlay> = block
            .emphasis
            .iter()
            .map(|e| Overlay::new(e.start, e.end, if e.strong { Marks::STRONG } else { Marks::EMPHASIS }))
            .collect();
        overlays.append(&mut quote_marks[index]);
        for (n, found) in decorations.matches.iter().enumerate().filter(|(_, m)| m.block == index) {
            let current = decorations.current_match == Some(n);
            let marks = if current { Marks::MATCH | Marks::CURRENT } else { Marks::MATCH };
            overlays.push(Overlay::new(found.start, found.end, marks));
        }
        let marker;
        let (base, first, rest) = match block.kind {
            BlockKind::Paragraph => (Marks::NONE, ("", Marks::NONE), ("", Marks::NONE)),
            BlockKind::Heading(_) => (Marks::HEADING, ("", Marks::NONE), ("", Marks::NONE)),
            BlockKind::BlockQuote => {
                (Marks::BLOCKQUOTE, ("┃ ", Marks::DECORATION), ("┃ ", Marks::DECORATION))
            }
            BlockKind::Code => (Marks::CODE, ("  ", Marks::NONE), ("  ", Marks::NONE)),
            BlockKind::Caption => (Marks::META | Marks::EMPHASIS, ("", Marks::NONE), ("", Marks::NONE)),
            BlockKind::Image => (Marks::META, ("", Marks::NONE), ("", Marks::NONE)),
            BlockKind::ListItem(None) => (Marks::NONE, ("  • ", Marks::DECORATION), ("    ", Marks::NONE)),
            BlockKind::ListItem(Some(n)) => {
                marker = format!("{n:>3}. ");
                (Marks::NONE, (marker.as_str(), Marks::DECORATION), ("     ", Marks::NONE))
            }
        };
        let prose =
            matches!(block.kind, BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem(_));
        let spec = WrapSpec {
            width: w,
            base,
            first_prefix: first,
            rest_prefix: rest,
            block: Some(index),
            justify: style.justify && prose,
            hyphenate: style.hyphenate && prose,
        };
        lines.extend(wrap(&block.text, &overlays, spec));
    }

    let bios: Vec<(&str, &str)> =
        article.bylines.iter().filter_map(|b| b.bio.as_deref().map(|bio| (b.name.as_str(), bio))).collect();
    if style.show_bio && !bios.is_empty() {
        lines.push(WrappedLine::blank());
        lines.extend(wrap(&"─".repeat(w.min(12)), &[], WrapSpec::plain(w, Marks::DECORATION)));
        for (name, bio) in bios {
            lines.push(WrappedLine::blank());
            lines.extend(wrap(name, &[], WrapSpec::plain(w, Marks::BIO | Marks::STRONG)));
            lines.extend(wrap(bio, &[], WrapSpec::plain(w, Marks::BIO)));
        }
    }
    let mut wrapped =
        WrappedArticle { width, lines, block_lines, quote_lines: Vec::new(), match_lines: Vec::new() };
    wrapped.match_lines =
        decorations.matches.iter().map(|m| wrapped.line_of(m.block, m.start).unwrap_or(0)).collect();
    wrapped.quote_lines = article
        .quotes
        .iter()
        .map(|q| {
            let first = q.spans[0];
            let last = q.spans[q.spans.len() - 1];
            let start = wrapped.line_of(first.paragraph, first.start).unwrap_or(0);
            let end = wrapped.line_of(last.paragraph, last.end.saturating_sub(1)).unwrap_or(start);
            (start, end.max(start))
        })
        .collect();
    wrapped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn sample_article(title_part: &str) -> Article {
        let library = Library::sample();
        library.articles.iter().find(|a| a.title.contains(title_part)).cloned().expect("sample article")
    }

    #[test]
    fn headline_byline_body_and_bio_in_order() {
        let article = sample_article("seawall");
        let wrapped = layout_article(&article, 60, &Decorations::default(), ReaderStyle::default());
        let texts: Vec<String> = wrapped.lines.iter().map(WrappedLine::text).collect();
        assert!(texts[0].starts_with("Saltmere council backs"));
        assert!(texts.iter().any(|t| t.starts_with("By Mara Quist")));
        let bio_line = texts.iter().position(|t| t == "Mara Quist").expect("bio heading");
        let last_body = wrapped.block_lines.last().copied().unwrap();
        assert!(bio_line > last_body, "bio comes after the body");
        assert!(wrapped.lines.iter().all(|l| l.width() <= 60));
    }

    #[test]
    fn every_width_keeps_lines_within_bounds() {
        let article = sample_article("parking");
        for width in [1u16, 2, 5, 13, 40, 200] {
            let wrapped = layout_article(&article, width, &Decorations::default(), ReaderStyle::default());
            for line in &wrapped.lines {
                assert!(line.width() <= usize::from(width).max(4) + 5, "{width}: {:?}", line.text());
            }
        }
    }

    #[test]
    fn line_of_finds_offsets() {
        let article = sample_article("eelgrass");
        let wrapped = layout_article(&article, 30, &Decorations::default(), ReaderStyle::default());
        let block = 2;
        let first = wrapped.block_lines[block];
        assert_eq!(wrapped.line_of(block, 0), Some(first));
        let len = article.body[block].text.len();
        let last = wrapped.line_of(block, len - 1).unwrap();
        assert!(last > first);
        assert!(wrapped.lines[last].text().ends_with(article.body[block].text.rsplit(' ').next().unwrap()));
    }

    #[test]
    fn reader_style_changes_the_layout() {
        let article = sample_article("seawall");
        let plain = layout_article(&article, 50, &Decorations::default(), ReaderStyle::default());
        let airy = ReaderStyle { paragraph_spacing: 2, show_bio: false, ..ReaderStyle::default() };
        let spaced = layout_article(&article, 50, &Decorations::default(), airy);
        assert_eq!(
            spaced.block_lines[1] - spaced.block_lines[0],
            plain.block_lines[1] - plain.block_lines[0] + 1
        );
        assert!(!spaced.lines.iter().any(|l| l.text().starts_with("Mara Quist covers")));
        let justified = ReaderStyle { justify: true, ..ReaderStyle::default() };
        let wrapped = layout_article(&article, 50, &Decorations::default(), justified);
        let first_paragraph = &wrapped.lines[wrapped.block_lines[0]];
        assert_eq!(first_paragraph.width(), 50);
    }

    #[test]
    fn markdown_blocks_are_decorated() {
        let article = sample_article("parking");
        let wrapped = layout_article(&article, 70, &Decorations::default(), ReaderStyle::default());
        let texts: Vec<String> = wrapped.lines.iter().map(WrappedLine::text).collect();
        assert!(texts.iter().any(|t| t.starts_with("┃ Parking is not a right")));
        assert!(texts.iter().any(|t| t.starts_with("  • Café owner")));
        let strong = wrapped
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .any(|s| s.marks.contains(Marks::STRONG) && s.text.contains("opposite"));
        assert!(strong);
    }
}
