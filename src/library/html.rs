//! HTML to article blocks: the one converter shared by web pages, feed
//! items and HTML bodies in scraper output.
//!
//! Paragraphs, headings, list items, block quotes, preformatted code,
//! figure captions and (for pages) images as "[image: alt]" keep their
//! kind; `<strong>`/`<em>` become emphasis ranges. Links add their text
//! only (no brackets, no addresses); scripts, styles, frames, forms and
//! other furniture are dropped; whitespace is collapsed; entities are
//! decoded, also when a feed escaped its HTML twice.

use dom_query::{Document, NodeRef};

use super::article::{Block, BlockKind, Emphasis};

/// What to keep besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Images with alt text become "[image: alt]" blocks (for web pages;
    /// feed summaries leave them out, their alt text is not the story).
    pub images: bool,
}

/// A block and how much of its text sat inside links: a page's trailing
/// "read more" lists are mostly links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub block: Block,
    pub link_bytes: usize,
}

impl Converted {
    /// The share of the block's text that is link text.
    pub fn link_density(&self) -> f32 {
        if self.block.text.is_empty() { 0.0 } else { self.link_bytes as f32 / self.block.text.len() as f32 }
    }
}

/// Converts an HTML fragment (or a whole document) into blocks.
///
/// ```
/// use broadsheet::library::html::{blocks, Options};
///
/// let body = blocks("<p>One &amp; <a href='/x'>two</a>.</p><ul><li>Three</li></ul><script>x()</script>", Options::default());
/// let texts: Vec<&str> = body.iter().map(|b| b.text.as_str()).collect();
/// assert_eq!(texts, ["One & two.", "Three"]);
/// ```
pub fn blocks(html: &str, options: Options) -> Vec<Block> {
    convert(html, options).into_iter().map(|c| c.block).collect()
}

/// Like [`blocks`], with each block's link share.
pub fn convert(html: &str, options: Options) -> Vec<Converted> {
    convert_depth(html, options, 0)
}

/// Converts the children of a node of a parsed document.
pub fn convert_node(node: &NodeRef<'_>, options: Options) -> Vec<Converted> {
    let mut converter = Converter::new(options);
    converter.children(node);
    converter.flush();
    unescape_leftovers(converter.blocks, options, 0)
}

/// Text only, on one line: for titles and names that may hold markup.
pub fn inline_text(html: &str) -> String {
    if !has_markup(html) {
        return html.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let texts: Vec<String> = blocks(html, Options::default()).into_iter().map(|b| b.text).collect();
    texts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How often escaped markup is unescaped and converted again.
const MAX_DEPTH: usize = 2;

fn convert_depth(html: &str, options: Options, depth: usize) -> Vec<Converted> {
    if !has_markup(html) {
        // Plain text: paragraphs at blank lines, as a browser would not,
        // but as every feed that sends plain text means it.
        return super::formats::fields::paragraphs(html)
            .into_iter()
            .map(|mut block| {
                block.text = normalise_spaces(&block.text);
                Converted { block, link_bytes: 0 }
            })
            .filter(|c| !c.block.text.is_empty())
            .collect();
    }
    let document = Document::fragment(html);
    let mut converter = Converter::new(options);
    converter.children(&document.root());
    converter.flush();
    unescape_leftovers(converter.blocks, options, depth)
}

/// Blocks whose text still holds markup (HTML escaped twice, as some
/// feeds send it) are converted once more.
fn unescape_leftovers(blocks: Vec<Converted>, options: Options, depth: usize) -> Vec<Converted> {
    if depth >= MAX_DEPTH || !blocks.iter().any(|c| has_markup(&c.block.text)) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for converted in blocks {
        if has_markup(&converted.block.text) && converted.block.kind != BlockKind::Code {
            let kind = converted.block.kind;
            for mut again in convert_depth(&converted.block.text, options, depth + 1) {
                if again.block.kind == BlockKind::Paragraph {
                    again.block.kind = kind;
                }
                out.push(again);
            }
        } else {
            out.push(converted);
        }
    }
    out
}

/// Tags a browser would have read, or entities it would have decoded.
pub fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'<', b'&', bytes).any(|i| {
        let rest = &text[i + 1..];
        if bytes[i] == b'<' {
            let rest = rest.strip_prefix('/').unwrap_or(rest);
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let after = rest[name.len()..].chars().next();
            is_known_tag(&name) && after.is_none_or(|c| c == '>' || c == '/' || c.is_whitespace())
        } else {
            let Some(end) = rest.find(';').filter(|&e| e > 0 && e <= 10) else { return false };
            let entity = &rest[..end];
            let numeric = entity.strip_prefix('#').is_some_and(|n| {
                !n.is_empty()
                    && n.strip_prefix(['x', 'X']).map_or(n.bytes().all(|b| b.is_ascii_digit()), |h| {
                        h.bytes().all(|b| b.is_ascii_hexdigit())
                    })
            });
            numeric || is_common_entity(entity)
        }
    })
}

fn is_known_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "span"
            | "a"
            | "b"
            | "i"
            | "u"
            | "s"
            | "em"
            | "strong"
            | "img"
            | "ul"
            | "ol"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "code"
            | "iframe"
            | "script"
            | "style"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "small"
            | "sup"
            | "sub"
            | "font"
            | "hr"
            | "center"
            | "picture"
            | "source"
            | "video"
            | "audio"
            | "embed"
            | "object"
            | "noscript"
            | "q"
            | "cite"
            | "abbr"
            | "time"
            | "mark"
            | "html"
            | "body"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "main"
            | "aside"
            | "dl"
            | "dt"
            | "dd"
            | "caption"
            | "label"
            | "button"
            | "form"
            | "input"
            | "svg"
            | "address"
            | "del"
            | "ins"
            | "big"
            | "tt"
            | "kbd"
            | "wbr"
            | "details"
            | "summary"
            | "thead"
            | "tbody"
            | "tfoot"
            | "strike"
            | "var"
    )
}

fn is_common_entity(name: &str) -> bool {
    matches!(
        name,
        "amp"
            | "lt"
            | "gt"
            | "quot"
            | "apos"
            | "nbsp"
            | "mdash"
            | "ndash"
            | "hellip"
            | "rsquo"
            | "lsquo"
            | "rdquo"
            | "ldquo"
            | "laquo"
            | "raquo"
            | "bdquo"
            | "copy"
            | "reg"
            | "trade"
            | "eacute"
            | "egrave"
            | "aacute"
            | "agrave"
            | "ouml"
            | "uuml"
            | "auml"
            | "szlig"
            | "ccedil"
            | "euro"
            | "pound"
            | "middot"
            | "bull"
            | "shy"
            | "zwnj"
            | "thinsp"
            | "ensp"
            | "emsp"
    )
}

/// Collapses whitespace to single spaces; no-break and odd spaces become
/// plain ones, zero-width characters and soft hyphens go.
fn normalise_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, '\u{200b}' | '\u{00ad}' | '\u{feff}' | '\u{200c}') {
            continue;
        }
        if c.is_whitespace() && c != '\n' {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('\n') && c != '\n' {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Walks the DOM, collecting inline text into the block being built and
/// starting a new block at every block-level element.
struct Converter {
    options: Options,
    blocks: Vec<Converted>,
    text: String,
    emphasis: Vec<Emphasis>,
    link_bytes: usize,
    link_depth: usize,
    heading: Option<u8>,
    quote_depth: usize,
    pre_depth: usize,
    caption_depth: usize,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    /// The list marker for the block being built.
    item: Option<Option<u64>>,
}

impl Converter {
    fn new(options: Options) -> Self {
        Self {
            options,
            blocks: Vec::new(),
            text: String::new(),
            emphasis: Vec::new(),
            link_bytes: 0,
            link_depth: 0,
            heading: None,
            quote_depth: 0,
            pre_depth: 0,
            caption_depth: 0,
            lists: Vec::new(),
            item: None,
        }
    }

    fn children(&mut self, node: &NodeRef<'_>) {
        for child in node.children_it(false) {
            self.node(&child);
        }
    }

    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            let text = node.text();
            self.push_text(&text);
            return;
        }
        if !node.is_element() {
            return;
        }
        let Some(name) = node.node_name() else { return };
        match name.as_ref() {
            "script" | "style" | "noscript" | "iframe" | "frame" | "frameset" | "svg" | "canvas"
            | "template" | "button" | "input" | "select" | "textarea" | "option" | "object" | "embed"
            | "audio" | "video" | "source" | "track" | "map" | "head" | "title" | "meta" | "link"
            | "base" | "math" | "dialog" => {}
            "br" => self.push_raw("\n"),
            "hr" => self.flush(),
            "img" => self.image(node),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name.as_bytes()[1] - b'0';
                let outer = self.heading.replace(level);
                self.children(node);
                self.flush();
                self.heading = outer;
            }
            "blockquote" => {
                self.flush();
                self.quote_depth += 1;
                self.children(node);
                self.flush();
                self.quote_depth -= 1;
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                let start = (name.as_ref() == "ol")
                    .then(|| node.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1));
                self.lists.push(start);
                self.children(node);
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(next)) => {
                        let n = *next;
                        *next += 1;
                        Some(n)
                    }
                    _ => None,
                };
                self.item = Some(marker);
                self.children(node);
                self.flush();
                self.item = None;
            }
            "pre" => {
                self.flush();
                self.pre_depth += 1;
                self.children(node);
                self.flush();
                self.pre_depth -= 1;
            }
            "figcaption" | "caption" => {
                self.flush();
                self.caption_depth += 1;
                self.children(node);
                self.flush();
                self.caption_depth -= 1;
            }
            "td" | "th" => {
                if !self.text.trim().is_empty() {
                    self.push_raw(" · ");
                }
                self.children(node);
            }
            "a" => {
                let before = self.text.len();
                self.link_depth += 1;
                self.children(node);
                self.link_depth -= 1;
                if self.link_depth == 0 {
                    self.link_bytes += self.text.len().saturating_sub(before);
                }
            }
            "strong" | "b" => self.emphasised(node, true),
            "em" | "i" => self.emphasised(node, false),
            "q" => {
                self.push_text("“");
                self.children(node);
                self.push_raw("”");
            }
            name if is_block(name) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn emphasised(&mut self, node: &NodeRef<'_>, strong: bool) {
        let start = self.text.len();
        self.children(node);
        let end = self.text.trim_end().len();
        if end > start && self.pre_depth == 0 {
            self.emphasis.push(Emphasis { start, end, strong });
        }
    }

    fn image(&mut self, node: &NodeRef<'_>) {
        if !self.options.images {
            return;
        }
        let alt = node.attr("alt").map(|a| normalise_spaces(&a)).unwrap_or_default();
        let alt = alt.trim();
        if alt.is_empty() {
            return;
        }
        self.flush();
        self.blocks.push(Converted {
            block: Block { kind: BlockKind::Image, text: format!("[image: {alt}]"), emphasis: Vec::new() },
            link_bytes: 0,
        });
    }

    /// Text from the document: whitespace collapses outside `<pre>`.
    fn push_text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.text.push_str(text);
            return;
        }
        for c in text.chars() {
            if matches!(c, '\u{200b}' | '\u{00ad}' | '\u{feff}' | '\u{200c}') {
                continue;
            }
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    /// Text of our own (a line break, a cell separator), never collapsed.
    fn push_raw(&mut self, text: &str) {
        if text == "\n" {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
        }
        self.text.push_str(text);
    }

    /// Ends the block being built, if it has any text.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let emphasis = std::mem::take(&mut self.emphasis);
        let link_bytes = std::mem::take(&mut self.link_bytes);
        let kind = if self.pre_depth > 0 {
            BlockKind::Code
        } else if let Some(level) = self.heading {
            BlockKind::Heading(level)
        } else if self.caption_depth > 0 {
            BlockKind::Caption
        } else if let Some(marker) = self.item.take() {
            BlockKind::ListItem(marker)
        } else if self.quote_depth > 0 {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        };
        if kind == BlockKind::Code {
            let code = text.trim_matches('\n').trim_end();
            if !code.trim().is_empty() {
                self.blocks
                    .push(Converted { block: Block { kind, text: code.to_owned(), emphasis }, link_bytes });
            }
            return;
        }
        // A blank line (two breaks) inside one element separates paragraphs,
        // as in feed summaries written with <br><br>.
        let mut offset = 0;
        let mut kind = kind;
        for piece in text.split("\n\n") {
            let start = offset;
            offset += piece.len() + 2;
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let from = start + lead;
            let to = from + trimmed.len();
            let emphasis = emphasis
                .iter()
                .filter(|e| e.start >= from && e.end <= to)
                .map(|e| Emphasis { start: e.start - from, end: e.end - from, strong: e.strong })
                .collect();
            let links = if text.len() == trimmed.len() {
                link_bytes
            } else {
                link_bytes * trimmed.len() / text.len()
            };
            self.blocks.push(Converted {
                block: Block { kind, text: trimmed.trim_matches('\n').to_owned(), emphasis },
                link_bytes: links.min(trimmed.len()),
            });
            // Only the first piece of a list item carries the marker; the
            // rest continue it as paragraphs.
            if let BlockKind::ListItem(_) = kind {
                kind = BlockKind::Paragraph;
            }
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "address"
            | "center"
            | "dl"
            | "dt"
            | "dd"
            | "details"
            | "summary"
            | "figure"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "form"
            | "fieldset"
            | "hgroup"
            | "body"
            | "html"
            | "picture"
            | "legend"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        blocks(html, Options { images: true }).into_iter().map(|b| b.text).collect()
    }

    fn kinds(html: &str) -> Vec<BlockKind> {
        blocks(html, Options { images: true }).into_iter().map(|b| b.kind).collect()
    }

    #[test]
    fn block_kinds_are_kept() {
        let html = "<h2>Head</h2><p>Para</p><blockquote><p>Quoted</p></blockquote>\
                    <ol start=3><li>three</li><li>four</li></ol><ul><li>dot</li></ul>\
                    <pre>  code\n    indented</pre><figure><img alt='A boat'><figcaption>Caption</figcaption></figure>";
        assert_eq!(
            kinds(html),
            [
                BlockKind::Heading(2),
                BlockKind::Paragraph,
                BlockKind::BlockQuote,
                BlockKind::ListItem(Some(3)),
                BlockKind::ListItem(Some(4)),
                BlockKind::ListItem(None),
                BlockKind::Code,
                BlockKind::Image,
                BlockKind::Caption,
            ]
        );
        let t = texts(html);
        assert_eq!(t[6], "  code\n    indented");
        assert_eq!(t[7], "[image: A boat]");
    }

    #[test]
    fn links_add_text_only_and_furniture_goes() {
        let t = texts(
            "<p>Read <a href='https://x.example/very/long'>the report</a> now.</p>\
             <script>alert(1)</script><style>p{}</style><iframe src=x>frame</iframe><form><input value=v></form>",
        );
        assert_eq!(t, ["Read the report now."]);
    }

    #[test]
    fn whitespace_and_entities() {
        assert_eq!(texts("<p>  a\n\t b&nbsp;&amp;&#8220;c&#x201d; \u{200b}</p>"), ["a b &“c”"]);
        assert_eq!(texts("<div>one<br><br>two<br>three</div>"), ["one", "two\nthree"]);
    }

    #[test]
    fn html_escaped_twice_is_unescaped() {
        assert_eq!(
            texts("&lt;p&gt;First &amp;amp; best&lt;/p&gt;&lt;p&gt;Second&lt;/p&gt;"),
            ["First & best", "Second"]
        );
        assert_eq!(texts("<p>&lt;b&gt;Bold&lt;/b&gt; claim</p>"), ["Bold claim"]);
    }

    #[test]
    fn a_list_item_broken_twice_keeps_all_its_text() {
        let b = blocks("<li>one<br><br>two</li>", Options::default());
        assert_eq!(
            b.iter().map(|b| (b.kind, b.text.as_str())).collect::<Vec<_>>(),
            [(BlockKind::ListItem(None), "one"), (BlockKind::Paragraph, "two")]
        );
    }

    #[test]
    fn plain_text_is_split_at_blank_lines() {
        assert_eq!(texts("One line\nwrapped.\n\nTwo."), ["One line wrapped.", "Two."]);
        assert_eq!(texts("x < y and y > z"), ["x < y and y > z"]);
    }

    #[test]
    fn emphasis_ranges_point_at_their_words() {
        let b = &blocks("<p>A <strong>bold</strong> and <em>soft</em> word</p>", Options::default())[0];
        let words: Vec<&str> = b.emphasis.iter().map(|e| &b.text[e.start..e.end]).collect();
        assert_eq!(words, ["bold", "soft"]);
    }

    #[test]
    fn tables_read_row_by_row() {
        assert_eq!(
            texts("<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Rovers</td><td>12</td></tr></table>"),
            ["Team · Pts", "Rovers · 12"]
        );
    }

    #[test]
    fn markup_detection() {
        assert!(has_markup("a <p>b"));
        assert!(has_markup("AT&amp;T"));
        assert!(has_markup("&#8220;"));
        assert!(!has_markup("x < y, R&D; 3 > 2"));
        assert!(!has_markup("<3 you"));
    }

    #[test]
    fn images_only_when_asked() {
        assert!(
            blocks("<p>x<img alt='y'></p>", Options::default()).iter().all(|b| !b.text.contains("image"))
        );
        assert_eq!(texts("<p>x<img alt=''></p>"), ["x"]);
    }

    #[test]
    fn link_density_of_a_related_list() {
        let converted = convert(
            "<p><a href=a>One story</a> · <a href=b>Another</a></p><p>Plain text.</p>",
            Options::default(),
        );
        assert!(converted[0].link_density() > 0.7);
        assert_eq!(converted[1].link_density(), 0.0);
    }
}
