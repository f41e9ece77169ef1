//! `.md` articles: optional TOML front matter between `+++` lines, then a
//! Markdown body turned into blocks (paragraphs, headings, block quotes,
//! list items, code) with emphasis kept as ranges.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::ParseError;
use super::fields::RawFields;
use crate::library::article::{Block, BlockKind, Emphasis, ParsedArticle};

const FENCE: &str = "+++";

pub fn parse(text: &str) -> Result<ParsedArticle, ParseError> {
    let text = text.trim_start_matches('\u{feff}');
    let (front, body_text) = split_front_matter(text)?;
    let (raw, unknown) = match front {
        Some(front) => super::toml::read_fields(front, 1)?,
        None => (empty_fields(), Vec::new()),
    };
    let mut blocks = blocks(body_text);
    let mut raw = raw;
    // Without a title in the front matter, the first top-level heading is
    // the title; with one, a first heading repeating it is dropped.
    match (&raw.title, blocks.first()) {
        (None, Some(Block { kind: BlockKind::Heading(1), text, .. })) => {
            raw.title = Some(text.clone());
            blocks.remove(0);
        }
        (Some(title), Some(Block { kind: BlockKind::Heading(_), text, .. }))
            if text.trim() == title.trim() =>
        {
            blocks.remove(0);
        }
        _ => {}
    }
    if raw.title.is_none() {
        return Err(ParseError::new(
            Some(1),
            "no title: give `title` in +++ front matter or start with a `# Heading`",
        ));
    }
    if raw.body.is_some() {
        return Err(ParseError::new(Some(1), "`body` belongs below the front matter in a Markdown file"));
    }
    super::toml::finish(raw, blocks, unknown)
}

fn empty_fields() -> RawFields<toml::Value> {
    RawFields {
        title: None,
        author: None,
        bio: None,
        date: None,
        source: None,
        url: None,
        tags: Vec::new(),
        body: None,
        language: None,
        feed: None,
        guid: None,
    }
}

/// Splits `+++` front matter from the body.
fn split_front_matter(text: &str) -> Result<(Option<&str>, &str), ParseError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return Ok((None, text)) };
    if first.trim_end() != FENCE {
        return Ok((None, text));
    }
    let front_start = first.len();
    let mut offset = front_start;
    for line in lines {
        if line.trim_end() == FENCE {
            return Ok((Some(&text[front_start..offset]), &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(ParseError::new(Some(1), "the front matter opened by +++ is never closed"))
}

/// Turns a Markdown body into blocks.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut builder = BlockBuilder::default();
    for event in Parser::new(markdown) {
        builder.event(event);
    }
    builder.flush();
    builder.blocks
}

#[derive(Default)]
struct BlockBuilder {
    blocks: Vec<Block>,
    current: Option<Block>,
    quote_depth: usize,
    /// One entry per open list: the next number for ordered lists.
    lists: Vec<Option<u64>>,
    /// The marker waiting for the first paragraph of a list item.
    pending_item: Option<Option<u64>>,
    emphasis_starts: Vec<(usize, bool)>,
    image_depth: usize,
}

impl BlockBuilder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.push_text(&text),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule => {}
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.context_kind();
                self.open(kind);
            }
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(heading_level(level))),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => self.open(BlockKind::Code),
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = Some(*n);
                        *n += 1;
                        marker
                    }
                    _ => None,
                };
                self.pending_item = Some(marker);
                // Tight lists have no paragraph tags: open the item now.
                let kind = self.context_kind();
                self.open(kind);
            }
            Tag::Emphasis | Tag::Strong => {
                let offset = self.current_len();
                self.emphasis_starts.push((offset, matches!(tag, Tag::Strong)));
            }
            Tag::Image { .. } => {
                self.push_text("[image: ");
                self.image_depth += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong => {
                if let (Some((start, strong)), Some(block)) =
                    (self.emphasis_starts.pop(), self.current.as_mut())
                {
                    let end = block.text.len();
                    if end > start {
                        block.emphasis.push(Emphasis { start, end, strong });
                    }
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.push_text("]");
            }
            _ => {}
        }
    }

    /// The kind a new paragraph gets where it stands.
    fn context_kind(&mut self) -> BlockKind {
        if let Some(marker) = self.pending_item.take() {
            BlockKind::ListItem(marker)
        } else if self.quote_depth > 0 {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        }
    }

    fn open(&mut self, kind: BlockKind) {
        match &mut self.current {
            // A paragraph tag right after a tight item opened it: keep it.
            Some(block) if block.text.is_empty() => {
                if !matches!(block.kind, BlockKind::ListItem(_)) {
                    block.kind = kind;
                }
            }
            _ => {
                self.flush();
                self.current = Some(Block { kind, text: String::new(), emphasis: Vec::new() });
            }
        }
    }

    fn current_len(&self) -> usize {
        self.current.as_ref().map_or(0, |b| b.text.len())
    }

    fn push_text(&mut self, text: &str) {
        if self.current.is_none() {
            let kind = self.context_kind();
            self.open(kind);
        }
        if let Some(block) = self.current.as_mut() {
            block.text.push_str(text);
        }
    }

    fn flush(&mut self) {
        let Some(mut block) = self.current.take() else { return };
        self.emphasis_starts.clear();
        if block.kind != BlockKind::Code {
            let trimmed_start = block.text.len() - block.text.trim_start().len();
            if trimmed_start > 0 {
                block.text.drain(..trimmed_start);
                for e in &mut block.emphasis {
                    e.start = e.start.saturating_sub(trimmed_start);
                    e.end = e.end.saturating_sub(trimmed_start);
                }
            }
        }
        block.text.truncate(block.text.trim_end().len());
        let len = block.text.len();
        block.emphasis.retain_mut(|e| {
            e.end = e.end.min(len);
            e.start < e.end
        });
        if !block.text.is_empty() {
            self.blocks.push(block);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(article: &ParsedArticle) -> Vec<(BlockKind, &str)> {
        article.body.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn front_matter_and_body() {
        let text = "+++\ntitle = \"Night market\"\nauthor = \"Ann Lee\"\ndate = 2024-06-01\n+++\n\nFirst *warm* paragraph.\n\n## Stalls\n\n> A quoted\n> block.\n\n- one\n- two\n\n1. first\n2. second\n";
        let a = parse(text).unwrap();
        assert_eq!(a.title, "Night market");
        assert_eq!(a.bylines[0].name, "Ann Lee");
        assert_eq!(
            kinds(&a),
            [
                (BlockKind::Paragraph, "First warm paragraph."),
                (BlockKind::Heading(2), "Stalls"),
                (BlockKind::BlockQuote, "A quoted block."),
                (BlockKind::ListItem(None), "one"),
                (BlockKind::ListItem(None), "two"),
                (BlockKind::ListItem(Some(1)), "first"),
                (BlockKind::ListItem(Some(2)), "second"),
            ]
        );
        assert_eq!(a.body[0].emphasis, [Emphasis { start: 6, end: 10, strong: false }]);
    }

    #[test]
    fn heading_as_title_without_front_matter() {
        let a = parse("# The title\n\nBody **bold**.").unwrap();
        assert_eq!(a.title, "The title");
        assert_eq!(kinds(&a), [(BlockKind::Paragraph, "Body bold.")]);
        assert!(a.body[0].emphasis[0].strong);
    }

    #[test]
    fn repeated_title_heading_is_dropped() {
        let a = parse("+++\ntitle = \"Same\"\n+++\n# Same\n\nText.").unwrap();
        assert_eq!(kinds(&a), [(BlockKind::Paragraph, "Text.")]);
    }

    #[test]
    fn no_title_is_an_error() {
        assert!(parse("Just text.").is_err());
    }

    #[test]
    fn unclosed_front_matter() {
        let err = parse("+++\ntitle = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn front_matter_error_line_is_file_line() {
        let err = parse("+++\ntitle = \"x\"\ntags = 3\n+++\nBody").unwrap_err();
        assert_eq!(err.line, Some(3), "{err:?}");
    }

    #[test]
    fn html_is_dropped_and_code_kept() {
        let a = parse("# T\n\n<div>raw</div>\n\n```\nlet x = 1;\nlet y = 2;\n```\n").unwrap();
        assert_eq!(kinds(&a), [(BlockKind::Code, "let x = 1;\nlet y = 2;")]);
    }

    #[test]
    fn links_keep_their_text() {
        let a = parse("# T\n\nSee [the report](https://x.example) now.").unwrap();
        assert_eq!(a.body[0].text, "See the report now.");
    }
}
