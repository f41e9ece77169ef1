//! Wrapping styled text into lines of at most a given display width.
//!
//! Text carries [`Overlay`]s (byte ranges with [`Marks`]); words are wrapped
//! with textwrap's optimal-fit algorithm and each line comes out as spans
//! whose marks are exactly those of the bytes they came from, so styling
//! survives any width. Widths are display columns (CJK and emoji count two).

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::marks::{Marks, Overlay};

/// A run of text with one set of marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub marks: Marks,
}

/// One wrapped line, ready to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WrappedLine {
    pub spans: Vec<Span>,
    /// Where the line's text starts in its source: (block, byte offset).
    pub source: Option<(usize, usize)>,
}

impl WrappedLine {
    pub fn blank() -> Self {
        Self::default()
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| s.text.width()).sum()
    }

    fn push(&mut self, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.marks == marks => last.text.push_str(text),
            _ => self.spans.push(Span { text: text.to_owned(), marks }),
        }
    }
}

/// How to wrap one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct WrapSpec<'a> {
    pub width: usize,
    /// Marks for the whole text.
    pub base: Marks,
    /// Drawn before the first line (e.g. a list bullet) and before the others.
    pub first_prefix: (&'a str, Marks),
    pub rest_prefix: (&'a str, Marks),
    /// Index of the source block, recorded on each line.
    pub block: Option<usize>,
    /// Stretch every line but the last to the full width.
    pub justify: bool,
    /// Allow breaks after the hyphens inside words.
    pub hyphenate: bool,
}

impl WrapSpec<'_> {
    pub fn plain(width: usize, base: Marks) -> Self {
        Self {
            width,
            base,
            first_prefix: ("", Marks::NONE),
            rest_prefix: ("", Marks::NONE),
            block: None,
            justify: false,
            hyphenate: false,
        }
    }
}

/// A word and the whitespace after it, as byte ranges of the text.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    /// End of the whitespace that follows the word.
    space_end: usize,
    width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        if self.space_end > self.end { 1.0 } else { 0.0 }
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps `text` with `overlays` into lines. Line breaks in the text are kept.
pub fn wrap(text: &str, overlays: &[Overlay], spec: WrapSpec<'_>) -> Vec<WrappedLine> {
    let marks = MarkMap::new(text.len(), spec.base, overlays);
    let mut lines = Vec::new();
    let mut offset = 0;
    for piece in text.split('\n') {
        wrap_piece(text, offset, offset + piece.len(), &marks, &spec, &mut lines);
        offset += piece.len() + 1;
    }
    lines
}

fn wrap_piece(
    text: &str,
    start: usize,
    end: usize,
    marks: &MarkMap,
    spec: &WrapSpec<'_>,
    out: &mut Vec<WrappedLine>,
) {
    let first_width = spec.width.saturating_sub(spec.first_prefix.0.width()).max(1);
    let rest_width = spec.width.saturating_sub(spec.rest_prefix.0.width()).max(1);
    let words = split_words(text, start, end, first_width.min(rest_width), spec.hyphenate);
    let line_widths = [first_width as f64, rest_width as f64];
    let penalties = Penalties::new();
    let wrapped: Vec<&[Word]> = match wrap_optimal_fit(&words, &line_widths, &penalties) {
        Ok(lines) => lines,
        Err(_) => wrap_first_fit(&words, &line_widths),
    };
    if wrapped.is_empty() {
        let mut line = WrappedLine { source: spec.block.map(|b| (b, start)), ..WrappedLine::default() };
        let prefix = if out.is_empty() { spec.first_prefix } else { spec.rest_prefix };
        line.push(prefix.0, prefix.1);
        out.push(line);
        return;
    }
    let last = wrapped.len() - 1;
    for (index, words) in wrapped.into_iter().enumerate() {
        let first_line = index == 0 && start == 0;
        let prefix = if first_line { spec.first_prefix } else { spec.rest_prefix };
        let target = if first_line { first_width } else { rest_width };
        let line_start = words.first().map_or(start, |w| w.start);
        let mut line = WrappedLine { source: spec.block.map(|b| (b, line_start)), ..WrappedLine::default() };
        line.push(prefix.0, prefix.1);
        let gaps = words[..words.len().saturating_sub(1)].iter().filter(|w| w.space_end > w.end).count();
        let used: usize = words.iter().map(|w| w.width).sum::<usize>() + gaps;
        let extra = if spec.justify && index < last && gaps > 0 { target.saturating_sub(used) } else { 0 };
        let mut gap = 0;
        for (i, word) in words.iter().enumerate() {
            marks.push_range(text, word.start, word.end, &mut line);
            if i + 1 < words.len() && word.space_end > word.end {
                // Spaces between words, styled like the text they replace;
                // justified lines share the slack out from the left.
                let wide = 1 + extra / gaps + usize::from(gap < extra % gaps);
                line.push(&" ".repeat(wide), marks.at(word.end));
                gap += 1;
            }
        }
        out.push(line);
    }
}

/// Splits into words at spaces (and after inner hyphens with `hyphenate`);
/// a word wider than `max_width` is cut into pieces that fit, at grapheme
/// boundaries.
fn split_words(text: &str, start: usize, end: usize, max_width: usize, hyphenate: bool) -> Vec<Word> {
    let mut words = Vec::new();
    let slice = &text[start..end];
    let mut word_start: Option<usize> = None;
    let push_piece = |words: &mut Vec<Word>, ws: usize, we: usize, space_end: usize| {
        let word = &text[ws..we];
        let width = word.width();
        if width <= max_width {
            words.push(Word { start: ws, end: we, space_end, width });
            return;
        }
        let mut piece_start = ws;
        let mut piece_width = 0;
        for (i, g) in word.grapheme_indices(true) {
            let gw = g.width();
            if piece_width + gw > max_width && piece_width > 0 {
                words.push(Word { start: piece_start, end: ws + i, space_end: ws + i, width: piece_width });
                piece_start = ws + i;
                piece_width = 0;
            }
            piece_width += gw;
        }
        words.push(Word { start: piece_start, end: we, space_end, width: piece_width });
    };
    // "well-known" may break as "well-" / "known".
    let push_word = |words: &mut Vec<Word>, ws: usize, we: usize, space_end: usize| {
        let word = &text[ws..we];
        let mut from = ws;
        if hyphenate {
            for (i, _) in word.match_indices('-') {
                let cut = ws + i + 1;
                if cut > from + 1 && cut < we {
                    push_piece(words, from, cut, cut);
                    from = cut;
                }
            }
        }
        push_piece(words, from, we, space_end);
    };
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c == ' ' {
            if let Some(ws) = word_start.take() {
                let mut space_end = at + 1;
                while let Some(&(j, ' ')) = chars.peek() {
                    space_end = start + j + 1;
                    chars.next();
                }
                push_word(&mut words, ws, at, space_end);
            }
        } else if word_start.is_none() {
            word_start = Some(at);
        }
    }
    if let Some(ws) = word_start {
        push_word(&mut words, ws, end, end);
    }
    words
}

/// The marks of every byte, as sorted segments.
struct MarkMap {
    /// (segment start, marks) sorted by start; the first starts at 0.
    segments: Vec<(usize, Marks)>,
}

impl MarkMap {
    fn new(len: usize, base: Marks, overlays: &[Overlay]) -> Self {
        let mut bounds: Vec<usize> = vec![0];
        for o in overlays {
            bounds.push(o.start.min(len));
            bounds.push(o.end.min(len));
        }
        bounds.sort_unstable();
        bounds.dedup();
        let segments = bounds
            .into_iter()
            .filter(|&b| b < len || len == 0)
            .map(|b| {
                let marks =
                    overlays.iter().filter(|o| o.start <= b && b < o.end).fold(base, |m, o| m | o.marks);
                (b, marks)
            })
            .collect();
        Self { segments }
    }

    fn index_at(&self, byte: usize) -> usize {
        self.segments.partition_point(|&(start, _)| start <= byte).saturating_sub(1)
    }

    fn at(&self, byte: usize) -> Marks {
        self.segments.get(self.index_at(byte)).map_or(Marks::NONE, |s| s.1)
    }

    /// Appends `text[start..end]` to the line, split where marks change.
    fn push_range(&self, text: &str, start: usize, end: usize, line: &mut WrappedLine) {
        let mut index = self.index_at(start);
        let mut from = start;
        while from < end {
            let next = self.segments.get(index + 1).map_or(end, |s| s.0.min(end));
            let to = if next > from { next } else { end };
            line.push(&text[from..to], self.segments.get(index).map_or(Marks::NONE, |s| s.1));
            from = to;
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[WrappedLine]) -> Vec<String> {
        lines.iter().map(WrappedLine::text).collect()
    }

    #[test]
    fn wraps_to_width() {
        let lines =
            wrap("the quick brown fox jumps over the lazy dog", &[], WrapSpec::plain(15, Marks::NONE));
        assert!(lines.iter().all(|l| l.width() <= 15), "{:?}", texts(&lines));
        assert_eq!(texts(&lines).join(" "), "the quick brown fox jumps over the lazy dog");
    }

    #[test]
    fn styled_range_survives_a_line_break() {
        let text = "he said “this is a long quoted sentence” and left";
        let start = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        let lines = wrap(text, &[Overlay::new(start, end, Marks::QUOTE)], WrapSpec::plain(20, Marks::NONE));
        let quoted: String = lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.marks.contains(Marks::QUOTE))
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("|");
        assert!(lines.len() >= 3);
        assert_eq!(
            quoted.replace('|', " ").split_whitespace().collect::<Vec<_>>().join(" "),
            "“this is a long quoted sentence”"
        );
        // Unquoted words keep no quote mark.
        assert!(lines[0].spans[0].text.starts_with("he said") && lines[0].spans[0].marks == Marks::NONE);
    }

    #[test]
    fn style_changes_inside_a_word() {
        let text = "“Indeed,” she said";
        let lines = wrap(
            text,
            &[Overlay::new(0, 3, Marks::QUOTE_MARK), Overlay::new(0, 13, Marks::QUOTE)],
            WrapSpec::plain(40, Marks::NONE),
        );
        let spans = &lines[0].spans;
        assert_eq!(spans[0], Span { text: "“".into(), marks: Marks::QUOTE | Marks::QUOTE_MARK });
        assert_eq!(spans[1].text, "Indeed,”");
        assert_eq!(spans[2].text, " she said");
    }

    #[test]
    fn justified_lines_reach_the_margin() {
        let spec = WrapSpec { justify: true, ..WrapSpec::plain(20, Marks::NONE) };
        let lines = wrap("the quick brown fox jumps over the lazy dog again", &[], spec);
        let (last, rest) = lines.split_last().unwrap();
        assert!(rest.iter().all(|l| l.width() == 20), "{:?}", texts(&lines));
        assert!(last.width() < 20 || last.text().split(' ').count() == 1);
        assert_eq!(
            texts(&lines).join(" ").split_whitespace().collect::<Vec<_>>().join(" "),
            "the quick brown fox jumps over the lazy dog again"
        );
    }

    #[test]
    fn hyphenated_words_can_break() {
        let text = "a state-of-the-art lighthouse";
        let plain = wrap(text, &[], WrapSpec::plain(12, Marks::NONE));
        assert!(
            texts(&plain).contains(&"state-of-the".to_owned())
                || texts(&plain).iter().any(|l| l.starts_with("state-of-the-a"))
        );
        let spec = WrapSpec { hyphenate: true, ..WrapSpec::plain(12, Marks::NONE) };
        let lines = wrap(text, &[], spec);
        assert_eq!(texts(&lines).concat().replace(' ', ""), text.replace(' ', ""));
        assert!(texts(&lines).iter().any(|l| l.ends_with('-')), "{:?}", texts(&lines));
        assert!(lines.iter().all(|l| l.width() <= 12));
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap("日本語 日本語 日本語", &[], WrapSpec::plain(8, Marks::NONE));
        assert_eq!(texts(&lines), ["日本語", "日本語", "日本語"]);
    }

    #[test]
    fn overlong_words_are_cut_to_fit() {
        let lines =
            wrap("https://example.org/a/very/long/path/indeed ok", &[], WrapSpec::plain(10, Marks::NONE));
        assert!(lines.iter().all(|l| l.width() <= 10), "{:?}", texts(&lines));
        assert_eq!(texts(&lines).concat().replace(' ', ""), "https://example.org/a/very/long/path/indeedok");
    }

    #[test]
    fn prefixes_and_sources() {
        let spec = WrapSpec {
            first_prefix: ("• ", Marks::DECORATION),
            rest_prefix: ("  ", Marks::NONE),
            block: Some(4),
            ..WrapSpec::plain(12, Marks::NONE)
        };
        let lines = wrap("one two three four", &[], spec);
        assert_eq!(texts(&lines), ["• one two", "  three four"]);
        assert_eq!(lines[0].source, Some((4, 0)));
        assert_eq!(lines[1].source, Some((4, 8)));
    }

    #[test]
    fn line_breaks_are_kept_and_empty_text_gives_one_line() {
        assert_eq!(texts(&wrap("a\nb", &[], WrapSpec::plain(10, Marks::NONE))), ["a", "b"]);
        assert_eq!(wrap("", &[], WrapSpec::plain(10, Marks::NONE)).len(), 1);
    }

    #[test]
    fn width_one_never_loops_or_panics() {
        let lines = wrap("ab 日本 c", &[], WrapSpec::plain(1, Marks::NONE));
        assert!(!lines.is_empty());
    }
}
