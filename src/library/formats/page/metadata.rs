//! What a web page declares about its article, read before extraction
//! (which rewrites the document): JSON-LD, OpenGraph and `article:` meta
//! tags, `<meta name="author">` and its many cousins, `rel="author"`
//! links, byline elements, `<time datetime>`, the canonical link.
//!
//! Candidates are kept in order of trust; the page module picks.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use dom_query::{Document, NodeRef};
use serde_json::Value;

use crate::library::byline;

/// Everything found, best first within each list.
#[derive(Debug, Default, Clone)]
pub struct Metadata {
    /// The `<title>` element's text.
    pub document_title: Option<String>,
    pub titles: Vec<String>,
    /// Author names from structured sources (JSON-LD, meta tags).
    pub authors: Vec<String>,
    /// Author names read from the page's own byline elements and links.
    pub byline_authors: Vec<String>,
    /// Text of the byline elements, for a date written there.
    pub byline_texts: Vec<String>,
    pub dates: Vec<String>,
    /// Dates of last change, used only when nothing gives the first.
    pub modified: Vec<String>,
    pub urls: Vec<String>,
    pub site_names: Vec<String>,
    pub tags: Vec<String>,
    /// The sections the page says the article is in (`article:section`,
    /// JSON-LD `articleSection`): labels that may open its text.
    pub sections: Vec<String>,
    /// The first-level headings outside navigation and sidebars.
    pub headings: Vec<String>,
    /// The page's language (`<html lang>`).
    pub language: Option<String>,
    /// Languages with a region the meta tags give (`og:locale` "en_GB",
    /// `content-language`), for when `<html lang>` names no region.
    pub locales: Vec<String>,
}

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: [&str; 16] = [
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "livebloggposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "satiricalarticle",
    "askpublicnewsarticle",
];

/// Words in a class or id that mark furniture around the article: what
/// sits inside such an element is not about this article.
const ELSEWHERE: [&str; 16] = [
    "related",
    "recommend",
    "sidebar",
    "more-",
    "promo",
    "teaser",
    "comment",
    "newsletter",
    "footer",
    "popular",
    "trending",
    "widget",
    "outbrain",
    "taboola",
    "read-next",
    "also-",
];

/// The elements metadata is read from, gathered in one walk over the page.
#[derive(Default)]
struct Found<'a> {
    metas: Vec<NodeRef<'a>>,
    json_ld: Vec<NodeRef<'a>>,
    links: Vec<NodeRef<'a>>,
    titles: Vec<NodeRef<'a>>,
    headings: Vec<NodeRef<'a>>,
    times: Vec<NodeRef<'a>>,
    /// `itemprop="author"`, `rel="author"`: the page says "this is the author".
    marked_authors: Vec<NodeRef<'a>>,
    /// A class or id saying byline or author.
    bylines: Vec<NodeRef<'a>>,
    /// A class or id that only says "author" ("auteur", "autor",
    /// "firma"): in article templates the writer's name, but also a
    /// comment's or a bio's, so read last and only as a short line.
    author_marks: Vec<NodeRef<'a>>,
    /// A class saying date, time, meta or info: where a date may be written.
    dated: Vec<NodeRef<'a>>,
    /// `<html lang>`.
    language: Option<String>,
}

pub fn read(document: &Document) -> Metadata {
    let found = walk(document);
    let mut meta = Metadata::default();
    json_ld(&found.json_ld, &mut meta);
    meta_tags(&found.metas, &mut meta);
    links(&found.links, &mut meta);
    bylines(&found, &mut meta);
    times(&found.times, &mut meta);
    dated_lines(&found.dated, &mut meta);
    meta.language.clone_from(&found.language);
    meta.document_title = found.titles.first().map(|t| squeeze(&t.text())).filter(|t| !t.is_empty());
    for heading in &found.headings {
        if !is_elsewhere(heading) {
            let text = squeeze(&heading.text());
            if text.is_empty() {
                continue;
            }
            // A heading that is a link to the home page is the site's logo.
            if links_home(heading, &text) {
                meta.site_names.push(text);
            } else {
                meta.headings.push(text);
            }
        }
    }
    meta
}

/// Whether all of `heading` (whose text is `text`) is one link to a home
/// page: "/", a site's root address, or a link marked `rel="home"`.
fn links_home(heading: &NodeRef<'_>, text: &str) -> bool {
    let Some(link) = heading.descendants_it().find(|d| d.node_name().as_deref() == Some("a")) else {
        return false;
    };
    if squeeze(&link.text()) != text {
        return false;
    }
    let home = |href: &str| {
        let href = href.trim();
        href == "/" || url::Url::parse(href).is_ok_and(|u| u.path() == "/" && u.query().is_none())
    };
    link.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("home")))
        || link.attr("href").is_some_and(|h| home(&h))
}

/// One pass over every element, sorting out the ones metadata comes from.
/// Each element's name and attributes are read where they are, without
/// copies: a page has thousands of elements.
fn walk(document: &Document) -> Found<'_> {
    let mut found = Found::default();
    let mut marks = String::new();
    for node in document.root().descendants_it() {
        let Some(element) = node.element_ref() else { continue };
        let attr = |name: &str| element.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value);
        let name: &str = &element.name.local;
        match name {
            "meta" => found.metas.push(node),
            "link" => found.links.push(node),
            "title" => found.titles.push(node),
            "h1" => found.headings.push(node),
            "time" => found.times.push(node),
            // hAtom's date, older blogs' `<time>`: `<abbr class="published" title="2024-03-05T08:30">`.
            "abbr" if attr("class").is_some_and(|c| c.contains("published") || c.contains("updated")) => {
                found.times.push(node)
            }
            "script" => {
                if attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) {
                    found.json_ld.push(node);
                }
                continue;
            }
            "html" => {
                found.language = attr("lang").map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
                continue;
            }
            "style" | "head" | "body" => continue,
            _ => {}
        }
        let word_in = |attr_name: &str, words: &[&str]| {
            attr(attr_name).is_some_and(|v| {
                v.split_whitespace().any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
            })
        };
        if word_in("itemprop", &["author"]) || word_in("rel", &["author"]) {
            found.marked_authors.push(node);
            continue;
        }
        // The class and the id, lowercased, a space after each.
        marks.clear();
        for value in [attr("class"), attr("id")] {
            marks.push_str(value.unwrap_or_default());
            marks.push(' ');
        }
        marks.make_ascii_lowercase();
        if marks.trim().is_empty() {
            continue;
        }
        let (byline, dated, author) = mark_kinds(&marks);
        if byline {
            found.bylines.push(node);
        } else if dated && !matches!(name, "article" | "main") {
            found.dated.push(node);
        } else if author {
            found.author_marks.push(node);
        }
    }
    found
}

/// The words of a class or id that mark a byline, those that mark where
/// a date may be written, and those that only say "author".
const BYLINE_MARKS: [&str; 4] = ["byline", "author-name", "authorname", "article-author"];
const DATED_MARKS: [&str; 6] = ["date", "time", "meta", "publish", "info", "dateline"];
const AUTHOR_MARKS: [&str; 5] = ["author", "auteur", "autor", "firma", "signature"];

/// Whether a class and id (`marks`, lowercased) mark a byline, a place
/// for a date, or an author: one pass with one automaton made once, as a
/// page has thousands of elements to look at.
fn mark_kinds(marks: &str) -> (bool, bool, bool) {
    static MARKS: OnceLock<AhoCorasick> = OnceLock::new();
    let marks_of = MARKS.get_or_init(|| {
        let words = BYLINE_MARKS.iter().chain(&DATED_MARKS).chain(&AUTHOR_MARKS);
        AhoCorasick::new(words).expect("the marks are plain words")
    });
    let (mut byline, mut dated, mut author) = (false, false, false);
    for found in marks_of.find_overlapping_iter(marks) {
        match found.pattern().as_usize() {
            at if at < BYLINE_MARKS.len() => byline = true,
            at if at < BYLINE_MARKS.len() + DATED_MARKS.len() => dated = true,
            _ => author = true,
        }
    }
    (byline, dated, author)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element's text with a space where a line break or a block element
/// parts it ("Von Eva Roth<br>05.03.2024" is two lines on the page, not
/// "Roth05.03.2024"), squeezed.
fn spaced_text(node: &NodeRef<'_>) -> String {
    let mut text = String::new();
    for part in node.descendants_it() {
        if part.is_text() {
            text.push_str(&part.text());
        } else if part.node_name().is_some_and(|n| {
            matches!(
                &*n,
                "br" | "p"
                    | "div"
                    | "li"
                    | "ul"
                    | "ol"
                    | "section"
                    | "header"
                    | "time"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "dd"
                    | "dt"
                    | "td"
            )
        }) {
            text.push(' ');
        }
    }
    squeeze(&text)
}

/// Whether a node sits inside navigation, a sidebar or a "related" box.
pub fn is_elsewhere(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(Some(12)).any(|ancestor| {
        let name = ancestor.node_name().map(|n| n.to_string()).unwrap_or_default();
        if matches!(name.as_str(), "aside" | "nav" | "footer") {
            return true;
        }
        let marks = format!(
            "{} {}",
            ancestor.attr("class").map(|c| c.to_ascii_lowercase()).unwrap_or_default(),
            ancestor.attr("id").map(|c| c.to_ascii_lowercase()).unwrap_or_default()
        );
        ELSEWHERE.iter().any(|word| marks.contains(word))
    })
}

fn json_ld(scripts: &[NodeRef<'_>], meta: &mut Metadata) {
    for script in scripts {
        let text = script.text();
        let text = text.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        let Ok(value) = serde_json::from_str::<Value>(text) else { continue };
        let mut nodes = Vec::new();
        flatten(&value, &mut nodes);
        // `@id` references ("author": {"@id": "#jane"}) point into the graph.
        let by_id =
            |id: &str| nodes.iter().copied().find(|n| n.get("@id").and_then(Value::as_str) == Some(id));
        for node in &nodes {
            let types = types_of(node);
            if types.iter().any(|t| t == "website" || t == "organization" || t == "newsmediaorganization") {
                if let Some(name) = node.get("name").and_then(Value::as_str) {
                    meta.site_names.push(name.trim().to_owned());
                }
                continue;
            }
            if !types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                continue;
            }
            for key in ["headline", "name", "alternativeHeadline"] {
                if let Some(title) = node.get(key).and_then(Value::as_str) {
                    meta.titles.push(squeeze(title));
                    break;
                }
            }
            if let Some(author) = node.get("author").or_else(|| node.get("creator")) {
                for name in names_in(author, &by_id) {
                    meta.authors.extend(byline::names(&name));
                }
            }
            for key in ["datePublished", "dateCreated", "uploadDate"] {
                if let Some(date) = node.get(key).and_then(Value::as_str) {
                    meta.dates.push(date.to_owned());
                }
            }
            if let Some(date) = node.get("dateModified").and_then(Value::as_str) {
                meta.modified.push(date.to_owned());
            }
            if let Some(publisher) = node.get("publisher") {
                meta.site_names.extend(names_in(publisher, &by_id));
            }
            // The page the article is part of (Yoast's graphs) last: its
            // id is the page's address.
            for key in ["url", "mainEntityOfPage", "isPartOf"] {
                match node.get(key) {
                    Some(Value::String(url)) if key != "isPartOf" => meta.urls.push(url.clone()),
                    Some(Value::Object(o)) => meta.urls.extend(
                        o.get("@id")
                            .and_then(Value::as_str)
                            .filter(|id| key != "isPartOf" || (id.starts_with("http") && !id.contains('#')))
                            .map(str::to_owned),
                    ),
                    _ => {}
                }
            }
            match node.get("articleSection") {
                Some(Value::String(section)) => meta.sections.push(section.clone()),
                Some(Value::Array(sections)) => {
                    meta.sections.extend(sections.iter().filter_map(Value::as_str).map(str::to_owned))
                }
                _ => {}
            }
            match node.get("keywords") {
                Some(Value::String(words)) => meta.tags.extend(words.split(',').map(|w| w.trim().to_owned())),
                Some(Value::Array(words)) => {
                    meta.tags.extend(words.iter().filter_map(Value::as_str).map(str::to_owned))
                }
                _ => {}
            }
        }
    }
}

/// Every object in a JSON-LD value: the top level, arrays and `@graph`.
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        Value::Object(object) => {
            out.push(object);
            if let Some(graph) = object.get("@graph") {
                flatten(graph, out);
            }
        }
        _ => {}
    }
}

fn types_of(node: &serde_json::Map<String, Value>) -> Vec<String> {
    match node.get("@type") {
        Some(Value::String(t)) => vec![t.to_ascii_lowercase()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect(),
        _ => Vec::new(),
    }
}

/// Names in an author or publisher value: a string, an object with a
/// name (or an `@id` to look up), or a list of those.
fn names_in<'a>(
    value: &Value,
    by_id: &dyn Fn(&str) -> Option<&'a serde_json::Map<String, Value>>,
) -> Vec<String> {
    match value {
        Value::String(name) => vec![name.clone()],
        Value::Array(items) => items.iter().flat_map(|i| names_in(i, by_id)).collect(),
        Value::Object(object) => match object.get("name") {
            Some(Value::String(name)) => vec![name.clone()],
            Some(other) => names_in(other, by_id),
            None => object
                .get("@id")
                .and_then(Value::as_str)
                .and_then(by_id)
                .and_then(|n| n.get("name"))
                .and_then(Value::as_str)
                .map(|n| vec![n.to_owned()])
                .unwrap_or_default(),
        },
        _ => Vec::new(),
    }
}

fn meta_tags(metas: &[NodeRef<'_>], meta: &mut Metadata) {
    let mut found: Vec<(String, String)> = Vec::new();
    for node in metas {
        let Some(content) = node.attr("content").map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())
        else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = node.attr(attr) {
                found.push((key.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    let values = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .flat_map(|k| found.iter().filter(move |(key, _)| key == k).map(|(_, v)| v.clone()))
            .collect()
    };
    meta.titles.extend(values(&[
        "og:title",
        "twitter:title",
        "dc.title",
        "parsely-title",
        "sailthru.title",
        "headline",
    ]));
    for author in values(&[
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "citation_author",
        "og:article:author",
        "book:author",
    ]) {
        // `article:author` is often a profile address, not a name.
        if !author.contains("://") {
            meta.authors.extend(byline::names(&author));
        }
    }
    meta.dates.extend(values(&[
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.date",
        "pubdate",
        "publish-date",
        "publish_date",
        "publishdate",
        "parsely-pub-date",
        "sailthru.date",
        "article.published",
        "og:pubdate",
        "citation_publication_date",
        "publication_date",
        "article_date_original",
        "datecreated",
    ]));
    meta.modified.extend(values(&[
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "last-modified",
    ]));
    meta.urls.extend(values(&["og:url"]));
    meta.locales.extend(values(&["og:locale", "content-language", "dc.language", "language"]));
    meta.site_names.extend(values(&["og:site_name", "application-name", "publisher"]));
    meta.sections.extend(values(&["article:section", "og:article:section", "parsely-section"]));
    for tags in values(&["article:tag", "news_keywords", "parsely-tags", "keywords", "sailthru.tags"]) {
        meta.tags.extend(tags.split(',').map(|t| t.trim().to_owned()));
    }
}

fn links(links: &[NodeRef<'_>], meta: &mut Metadata) {
    for link in links {
        let rel = link.attr("rel").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
        if rel.split_whitespace().any(|r| r == "canonical")
            && let Some(href) = link.attr("href")
        {
            meta.urls.insert(0, href.trim().to_owned());
        }
    }
}

/// Bylines the page shows: `rel="author"` links, `itemprop="author"` and
/// elements whose class or id says byline or author, outside sidebars
/// and "related" boxes.
fn bylines(found: &Found<'_>, meta: &mut Metadata) {
    for node in &found.marked_authors {
        // The name inside an author element, when it marks one.
        let name = node.descendants_it().find(|d| {
            d.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w.eq_ignore_ascii_case("name")))
        });
        if let Some(text) = line_of(name.as_ref().unwrap_or(node), BYLINE_CHARS) {
            take_names(&text, meta);
            meta.byline_texts.push(text);
        }
        // The date often sits beside the name, in the same element or
        // the one around that ("<span>Por <a>Ana</a></span> | 5 mar").
        for around in node.ancestors_it(Some(2)) {
            meta.byline_texts.extend(line_of(&around, BYLINE_CHARS));
        }
        if !meta.byline_authors.is_empty() {
            break;
        }
    }
    for node in found.bylines.iter().take(4) {
        let Some(text) = line_of(node, BYLINE_CHARS) else { continue };
        // Named already, the byline may still hold the date.
        if meta.byline_authors.is_empty() {
            take_names(&text, meta);
        }
        meta.byline_texts.push(text);
    }
    // An element only classed "author" (`<p class="auteur">Par <a>Claire
    // Morvan</a></p>`): a short line of names, the first that has any.
    if meta.byline_authors.is_empty() {
        for node in found.author_marks.iter().take(4) {
            let Some(text) = line_of(node, AUTHOR_CHARS) else { continue };
            if text.split_whitespace().count() <= 8 {
                take_names(&text, meta);
            }
            if !meta.byline_authors.is_empty() {
                meta.byline_texts.push(text);
                break;
            }
        }
    }
}

/// The most characters of an element classed only "author" read as a
/// byline: names and a lead-in, not a biography.
const AUTHOR_CHARS: usize = 80;

/// The most characters a byline element holds; more is a sentence.
const BYLINE_CHARS: usize = 200;

/// An element's text (see [`spaced_text`]) when it is a line of at most
/// `max` characters outside sidebars and "related" boxes.
fn line_of(node: &NodeRef<'_>, max: usize) -> Option<String> {
    if is_elsewhere(node) {
        return None;
    }
    let text = spaced_text(node);
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

/// The names a byline line gives, without its date.
fn take_names(text: &str, meta: &mut Metadata) {
    let names = byline::names(&without_dates(text));
    // A byline element with a long sentence in it is not a byline.
    if names.len() <= 6 {
        meta.byline_authors.extend(names);
    }
}

/// A byline's text without the date and clock that often share it: a
/// part with a date keeps only the words before it.
fn without_dates(text: &str) -> String {
    let mut kept = Vec::new();
    for part in text.split(['|', '·', '•', '\n']) {
        // "Jane Doe Updated 10:30" is left to the names' own rule.
        let part = part.trim();
        if byline::opens_with_stamp(part) {
            continue;
        }
        match crate::library::dates::find_date_and_where(part) {
            None => kept.push(part.to_owned()),
            Some((_, 0)) => {}
            Some((_, word)) => kept.push(part.split_whitespace().take(word).collect::<Vec<_>>().join(" ")),
        }
    }
    kept.join("; ")
}

/// Short lines whose class says they hold the date ("date", "meta",
/// "info", "published"): where a page writes its date as text, and often
/// its byline too ("Von Eva Roth · 05.03.2024"), taken when no element
/// was marked as one.
fn dated_lines(nodes: &[NodeRef<'_>], meta: &mut Metadata) {
    for node in nodes.iter().take(40) {
        let Some(text) = line_of(node, 120) else { continue };
        if meta.byline_authors.is_empty() && byline::without_lead_in(&text) != text {
            take_names(&text, meta);
        }
        if meta.byline_authors.is_empty() {
            meta.byline_authors.extend(byline::labelled_names(&text));
        }
        meta.byline_texts.push(text);
    }
}

fn times(nodes: &[NodeRef<'_>], meta: &mut Metadata) {
    // A time marked as the publication's first, then any outside sidebars.
    let marked = nodes.iter().filter(|t| {
        t.has_attr("pubdate")
            || t.attr("itemprop").is_some_and(|p| p.contains("datePublished"))
            || t.attr("class").is_some_and(|c| c.contains("publish"))
    });
    let plain = nodes.iter().filter(|t| !is_elsewhere(t));
    for time in marked.chain(plain) {
        let machine_readable = match time.node_name().as_deref() {
            Some("abbr") => time.attr("title"),
            _ => time.attr("datetime"),
        };
        if let Some(datetime) = machine_readable.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()) {
            meta.dates.push(datetime);
        } else {
            let text = spaced_text(time);
            if !text.is_empty() {
                meta.byline_texts.push(text);
            }
        }
    }
}
