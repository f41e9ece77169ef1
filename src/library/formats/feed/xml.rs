//! A small, forgiving XML tree for feeds: elements with their namespace
//! (resolved, or guessed from a conventional prefix a feed forgot to
//! declare), attributes, text and the byte offset where each starts.
//! Feeds are small, so a tree is simpler than streaming and costs little.
//!
//! Forgiving: mismatched end tags close what they can, a bare `&` stays
//! text, and an entity XML does not know (`&nbsp;`, `&eacute;`) is kept as
//! written for the HTML converter to decode.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The namespaces feeds use, by meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ns {
    /// No namespace, or one that is not an extension (RSS 1.0 or 0.90,
    /// RSS 2.0 in a default namespace): the feed's own elements.
    Core,
    Atom,
    /// Atom 0.3.
    Atom03,
    Rdf,
    Content,
    Dc,
    DcTerms,
    Itunes,
    Media,
    Other,
}

impl Ns {
    fn from_uri(uri: &[u8]) -> Self {
        let uri = String::from_utf8_lossy(uri).to_ascii_lowercase();
        let uri = uri.trim_end_matches(['/', '#']);
        match uri {
            "http://www.w3.org/2005/atom" => Self::Atom,
            "http://purl.org/atom/ns" => Self::Atom03,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns" => Self::Rdf,
            "http://purl.org/rss/1.0/modules/content" => Self::Content,
            "http://purl.org/dc/elements/1.1" => Self::Dc,
            "http://purl.org/dc/terms" => Self::DcTerms,
            "http://www.itunes.com/dtds/podcast-1.0.dtd" => Self::Itunes,
            "http://search.yahoo.com/mrss" | "http://search.yahoo.com/rss" => Self::Media,
            "http://purl.org/rss/1.0"
            | "http://my.netscape.com/rdf/simple/0.9"
            | "http://backend.userland.com/rss2"
            | "http://backend.userland.com/rss"
            | "http://purl.org/net/rss1.1" => Self::Core,
            _ if uri.contains("podcast") || uri.contains("itunes") => Self::Itunes,
            _ => Self::Other,
        }
    }

    /// For a prefix used without a declaration: what it conventionally means.
    fn from_prefix(prefix: &str) -> Self {
        match prefix.to_ascii_lowercase().as_str() {
            "atom" | "a10" => Self::Atom,
            "rdf" => Self::Rdf,
            "content" => Self::Content,
            "dc" => Self::Dc,
            "dcterms" => Self::DcTerms,
            "itunes" => Self::Itunes,
            "media" => Self::Media,
            _ => Self::Other,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Attr {
    /// The local name, lowercase.
    pub name: String,
    /// The prefix as written (`xml` for `xml:base`).
    pub prefix: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    /// The local name as written.
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    /// Where the start tag begins, in bytes.
    pub offset: usize,
    /// False when the file ended (or broke) before the element closed.
    pub complete: bool,
}

impl Element {
    /// Whether this is `name` (case-insensitive) in namespace `ns`.
    pub fn is(&self, ns: &Ns, name: &str) -> bool {
        &self.ns == ns && self.name.eq_ignore_ascii_case(name)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements called `name` in namespace `ns`.
    pub fn all<'a>(&'a self, ns: &'a Ns, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.is(ns, name))
    }

    pub fn first(&self, ns: &Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// An attribute by local name (and prefix, for `xml:base`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && a.prefix.as_deref() != Some("xml"))
            .map(|a| a.value.as_str())
    }

    pub fn xml_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && a.prefix.as_deref() == Some("xml"))
            .map(|a| a.value.as_str())
    }

    /// The text of the element and everything in it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(text) => out.push_str(text),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The element's content as HTML source: its text when it holds only
    /// text (escaped or CDATA HTML), else its children written back as
    /// tags (HTML put into a feed without escaping it).
    pub fn html(&self) -> String {
        if self.elements().next().is_none() {
            return self.text();
        }
        let mut out = String::new();
        for child in &self.children {
            write_html(child, &mut out);
        }
        out
    }

    /// The trimmed text, if there is any.
    pub fn non_empty_text(&self) -> Option<String> {
        let text = self.text();
        let trimmed = text.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }
}

fn write_html(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => escape_into(text, out),
        Node::Element(e) => {
            out.push('<');
            out.push_str(&e.name);
            for attr in &e.attrs {
                out.push(' ');
                out.push_str(&attr.name);
                out.push_str("=\"");
                escape_into(&attr.value, out);
                out.push('"');
            }
            out.push('>');
            if is_void(&e.name) {
                return;
            }
            for child in &e.children {
                write_html(child, out);
            }
            out.push_str("</");
            out.push_str(&e.name);
            out.push('>');
        }
    }
}

/// HTML elements that have no end tag (`</br>` would read as a second break).
fn is_void(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "br" | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "source"
            | "wbr"
            | "col"
            | "area"
            | "base"
            | "embed"
            | "param"
            | "track"
    )
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// A parsed document: its root, and the problem that cut it short, if any.
pub struct Document {
    pub root: Element,
    /// A syntax error, with its line: what came before it is kept.
    pub error: Option<(usize, String)>,
}

/// Parses `text` into a tree. Fails only when there is no root element.
pub fn parse(text: &str) -> Result<Document, (usize, String)> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    config.expand_empty_elements = true;
    config.check_comments = false;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut error = None;
    loop {
        let offset = reader.buffer_position() as usize;
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(e) => {
                error = Some((line_at(text, reader.error_position() as usize), e.to_string()));
                break;
            }
        };
        match event {
            (ns, Event::Start(start)) => {
                let ns = match ns {
                    ResolveResult::Bound(uri) => Ns::from_uri(uri.as_ref().as_bytes()),
                    ResolveResult::Unbound => Ns::Core,
                    ResolveResult::Unknown(prefix) => Ns::from_prefix(&prefix),
                };
                stack.push(element(&start, ns, offset));
            }
            (_, Event::End(end)) => {
                let name = end.local_name().as_ref().to_owned();
                // Close up to the matching element; an end tag that matches
                // nothing open is ignored.
                if let Some(depth) = stack.iter().rposition(|e| e.name.eq_ignore_ascii_case(&name)) {
                    while stack.len() > depth {
                        let done = stack.pop().expect("depth is within the stack");
                        match stack.last_mut() {
                            Some(parent) => parent.children.push(Node::Element(done)),
                            None => root = Some(done),
                        }
                    }
                }
                if root.is_some() && stack.is_empty() {
                    break;
                }
            }
            (_, Event::Text(t)) => push_text(&mut stack, &t.xml10_content()),
            (_, Event::CData(c)) => push_text(&mut stack, &c.xml10_content()),
            (_, Event::GeneralRef(r)) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(s) => s.to_owned(),
                        // Unknown to XML: keep it for the HTML converter.
                        None => format!("&{name};"),
                    },
                };
                push_text(&mut stack, &resolved);
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    // Whatever is still open at the end (a cut-off file) is closed, and
    // known to be incomplete.
    if let Some(open) = stack.last()
        && error.is_none()
    {
        let name = &open.name;
        let shown = if name.chars().all(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')) {
            format!("<{name}>")
        } else {
            "an element".to_owned()
        };
        error = Some((line_at(text, text.len()), format!("the file ends before {shown} is closed")));
    }
    while let Some(mut done) = stack.pop() {
        done.complete = false;
        match stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(done)),
            None => root = Some(done),
        }
    }
    match root {
        Some(root) => Ok(Document { root, error }),
        None => Err(error.unwrap_or((1, "no XML element found".to_owned()))),
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    let Some(current) = stack.last_mut() else { return };
    match current.children.last_mut() {
        Some(Node::Text(previous)) => previous.push_str(text),
        _ => current.children.push(Node::Text(text.to_owned())),
    }
}

fn element(start: &BytesStart<'_>, ns: Ns, offset: usize) -> Element {
    let name = start.local_name().as_ref().to_owned();
    let attrs = start
        .html_attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key;
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            Attr {
                name: key.local_name().as_ref().to_ascii_lowercase(),
                prefix: key.prefix().map(|p| p.as_ref().to_owned()),
                value,
            }
        })
        .collect();
    Element { ns, name, attrs, children: Vec::new(), offset, complete: true }
}

/// The 1-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_resolved_or_guessed() {
        let doc = parse(
            r#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><dc:creator>A</dc:creator><content:encoded>x</content:encoded></item></channel></rss>"#,
        )
        .unwrap();
        let item = doc.root.first(&Ns::Core, "channel").unwrap().first(&Ns::Core, "item").unwrap();
        assert_eq!(item.first(&Ns::Dc, "creator").unwrap().text(), "A");
        assert_eq!(item.first(&Ns::Content, "encoded").unwrap().text(), "x");
    }

    #[test]
    fn entities_cdata_and_unescaped_html() {
        let doc = parse("<d>a &amp; b &nbsp; &#233; <![CDATA[<p>c</p>]]><p>d<br/></p></d>").unwrap();
        assert_eq!(doc.root.text(), "a & b &nbsp; é <p>c</p>d");
        assert_eq!(doc.root.html(), "a &amp; b &amp;nbsp; é &lt;p&gt;c&lt;/p&gt;<p>d<br></p>");
    }

    #[test]
    fn forgiving_about_broken_files() {
        let doc = parse("<rss><channel><title>AT&T news</title><item><title>One</item></channel>").unwrap();
        let channel = doc.root.first(&Ns::Core, "channel").unwrap();
        assert_eq!(channel.first(&Ns::Core, "title").unwrap().text(), "AT&T news");
        assert_eq!(
            channel.first(&Ns::Core, "item").unwrap().first(&Ns::Core, "title").unwrap().text(),
            "One"
        );
        let cut = parse("<rss><channel><item><title>Cut").unwrap();
        let channel = cut.root.first(&Ns::Core, "channel").unwrap();
        assert!(!channel.first(&Ns::Core, "item").unwrap().complete);
        assert!(cut.error.unwrap().1.contains("ends before <title> is closed"));
        assert!(parse("just text").is_err());
    }

    #[test]
    fn offsets_point_at_start_tags() {
        let text = "<a>\n  <b/>\n</a>";
        let doc = parse(text).unwrap();
        let b = doc.root.first(&Ns::Core, "b").unwrap();
        assert_eq!(&text[b.offset..b.offset + 2], "<b");
        assert_eq!(line_at(text, b.offset), 2);
    }
}
