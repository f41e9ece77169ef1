//! Storing fetched items as library files: one Markdown file with `+++`
//! front matter per item, under one directory per feed, written
//! atomically (a hidden temporary file, then a rename) so a crash or a
//! full disk never leaves half an article. An item is known by its guid,
//! else its link, else its title and date, through a hash at the start of
//! its file name: a refetch finds it, rewrites it only if it changed, and
//! never stores it twice. Each feed directory also keeps the feed's
//! state (validators, last status) in a hidden file the library skips.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::library::article::{BlockKind, ParsedArticle};

/// The hidden file holding a feed's fetch state.
const STATE_FILE: &str = ".feed.json";

/// The longest slug in a file or directory name, in characters.
const SLUG_CHARS: usize = 60;

/// Where fetched feeds go: `$XDG_DATA_HOME/broadsheet/feeds`.
pub fn feeds_root() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("broadsheet").join("feeds"))
}

/// What the last fetch of a feed found, kept beside its items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// RFC 3339.
    pub last_fetched: Option<String>,
    /// "ok", "not modified", or the error.
    pub last_status: Option<String>,
    pub articles: usize,
}

/// New and rewritten items of one fetch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    pub new: usize,
    pub updated: usize,
    /// New items left for the next fetch (over the per-fetch cap).
    pub skipped: usize,
}

/// One feed's directory.
#[derive(Debug, Clone)]
pub struct FeedDir {
    pub path: PathBuf,
    /// The feed's name, written into each item (`feed = ...`).
    pub name: String,
}

impl FeedDir {
    pub fn new(root: &Path, name: &str) -> Self {
        Self { path: root.join(slug(name, "feed")), name: name.to_owned() }
    }

    pub fn state(&self) -> FeedState {
        std::fs::read(self.path.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save_state(&self, state: &FeedState) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.path)?;
        let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
        write_atomically(&self.path.join(STATE_FILE), &json)
    }

    /// How many items are stored.
    pub fn count(&self) -> usize {
        std::fs::read_dir(&self.path)
            .map(|entries| {
                entries.flatten().filter(|e| is_item_file(&e.file_name().to_string_lossy())).count()
            })
            .unwrap_or(0)
    }

    /// Stores `items` (in feed order): new ones written, changed ones
    /// rewritten, at most `max_new` new ones.
    pub fn store(&self, items: &[ParsedArticle], max_new: usize) -> std::io::Result<Stored> {
        std::fs::create_dir_all(&self.path)?;
        let mut existing: HashMap<String, PathBuf> = HashMap::new();
        for entry in std::fs::read_dir(&self.path)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_item_file(&name) {
                existing.insert(name[..16].to_owned(), entry.path());
            }
        }
        let mut stored = Stored::default();
        for (key, item) in identities(items) {
            let text = render(item, &self.name);
            match existing.get(&key) {
                Some(path) => {
                    if std::fs::read(path).is_ok_and(|old| old != text.as_bytes()) {
                        write_atomically(path, text.as_bytes())?;
                        stored.updated += 1;
                    }
                }
                None if stored.new < max_new => {
                    let path = self.path.join(format!("{key}-{}.md", slug(&item.title, "item")));
                    write_atomically(&path, text.as_bytes())?;
                    existing.insert(key, path);
                    stored.new += 1;
                }
                None => stored.skipped += 1,
            }
        }
        Ok(stored)
    }
}

/// An item file's name: 16 hex digits, a dash, a slug, `.md`.
fn is_item_file(name: &str) -> bool {
    name.len() > 20
        && name.ends_with(".md")
        && name[..16].bytes().all(|b| b.is_ascii_hexdigit())
        && name.as_bytes()[16] == b'-'
}

/// Each item with the hash of what it is known by. Items of one fetch
/// that would share a key (no guid, one link) are told apart by title.
pub fn identities(items: &[ParsedArticle]) -> Vec<(String, &ParsedArticle)> {
    let mut seen = HashSet::new();
    items
        .iter()
        .map(|item| {
            let mut identity = identity(item);
            if !seen.insert(identity.clone()) {
                identity = format!("{identity}\ntitle:{}", item.title);
                seen.insert(identity.clone());
            }
            (format!("{:016x}", xxhash_rust::xxh3::xxh3_64(identity.as_bytes())), item)
        })
        .collect()
}

/// What an item is known by: its guid, else its link, else title and date.
pub fn identity(item: &ParsedArticle) -> String {
    if let Some(guid) = item.guid.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        return format!("guid:{guid}");
    }
    if let Some(url) = item.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        return format!("link:{url}");
    }
    format!("title:{}\ndate:{}", item.title, item.date.map(|d| d.to_string()).unwrap_or_default())
}

/// A name safe in any file system, whatever the feed says: letters and
/// digits kept, everything else a single dash, at most [`SLUG_CHARS`]
/// characters, never empty, never `.` or `..`.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= SLUG_CHARS {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { fallback.to_owned() } else { out.to_owned() }
}

/// Writes `bytes` to `path` through a hidden temporary file in the same
/// directory, synced, then renamed over: readers see the old file or the
/// new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The front matter a stored item carries.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    feed: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
}

/// An item as a Markdown file.
pub fn render(item: &ParsedArticle, feed: &str) -> String {
    let front = Front {
        title: &item.title,
        author: item.bylines.iter().map(|b| b.name.as_str()).collect(),
        date: item.date.map(|d| d.to_string()),
        source: item.source.as_deref(),
        url: item.url.as_deref(),
        tags: &item.tags,
        language: item.language.as_deref(),
        feed,
        guid: item.guid.as_deref(),
    };
    let mut out = String::from("+++\n");
    out.push_str(&toml::to_string(&front).unwrap_or_default());
    out.push_str("+++\n");
    for block in &item.body {
        out.push('\n');
        let text = escape(&block.text);
        match block.kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(usize::from(level.clamp(2, 6))));
                out.push(' ');
                out.push_str(&text);
            }
            BlockKind::BlockQuote => {
                out.push_str("> ");
                out.push_str(&text);
            }
            BlockKind::ListItem(Some(n)) => out.push_str(&format!("{n}. {text}")),
            BlockKind::ListItem(None) => {
                out.push_str("- ");
                out.push_str(&text);
            }
            BlockKind::Code => {
                let fence = if block.text.contains("```") { "~~~~" } else { "```" };
                out.push_str(&format!("{fence}\n{}\n{fence}", block.text.trim_end()));
            }
            BlockKind::Paragraph | BlockKind::Caption | BlockKind::Image => out.push_str(&text),
        }
        out.push('\n');
    }
    out
}

/// Text that Markdown reads back as itself: the characters Markdown
/// could take for inline syntax escaped, a start that could open a
/// heading, list or quote escaped, line breaks made spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0 && matches!(c, '#' | '-' | '+' | '=' | '>');
        let numbered = digits > 0 && i == digits && matches!(c, '.' | ')');
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c if at_start || numbered => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::article::{Block, Byline};

    fn item(title: &str, guid: Option<&str>, url: Option<&str>) -> ParsedArticle {
        ParsedArticle {
            title: title.to_owned(),
            guid: guid.map(str::to_owned),
            url: url.map(str::to_owned),
            body: vec![Block::paragraph(format!("The text of {title}."))],
            ..ParsedArticle::default()
        }
    }

    #[test]
    fn items_are_known_by_guid_then_link_then_title_and_date() {
        let a = item("A", Some("urn:1"), Some("https://x/1"));
        let moved = item("A, retitled", Some("urn:1"), Some("https://x/other"));
        assert_eq!(identity(&a), identity(&moved), "the guid decides");
        let b = item("B", None, Some("https://x/2"));
        assert_eq!(identity(&b), identity(&item("B2", None, Some("https://x/2"))));
        assert_ne!(identity(&item("C", None, None)), identity(&item("D", None, None)));
        // Two items of one fetch sharing a link and nothing else stay two.
        let shared = [item("E", None, Some("https://x/3")), item("F", None, Some("https://x/3"))];
        let keys = identities(&shared);
        assert_ne!(keys[0].0, keys[1].0);
    }

    #[test]
    fn names_are_safe_whatever_the_feed_says() {
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(slug("..", "item"), "item");
        assert_eq!(slug("a/b\\c\u{1b}[31m\0d", "x"), "a-b-c-31m-d");
        assert_eq!(slug("Ça va? Ünïcode 東京", "x"), "ça-va-ünïcode-東京");
        assert_eq!(slug(&"long ".repeat(100), "x").chars().count(), SLUG_CHARS - 1);
        assert_eq!(slug("", "feed"), "feed");
    }

    #[test]
    fn stored_items_read_back_as_the_same_article() {
        let mut article = item("Quay *works* [begin] #3", Some("urn:q"), Some("https://x/q"));
        article.bylines = vec![Byline::new("Ana Lind")];
        article.date = crate::library::ArticleDate::parse("2025-03-01T09:30:00+01:00");
        article.tags = vec!["harbour".into()];
        article.body = vec![
            Block::paragraph("- not a list, <b>not html</b> &amp; not_emphasis_ `code` | ~x~"),
            Block::paragraph("1. not a number"),
            Block { kind: BlockKind::Heading(2), text: "Below".into(), emphasis: Vec::new() },
            Block { kind: BlockKind::BlockQuote, text: "Quoted.".into(), emphasis: Vec::new() },
            Block { kind: BlockKind::ListItem(None), text: "One".into(), emphasis: Vec::new() },
        ];
        let text = render(&article, "Harbour News");
        let back = crate::library::formats::markdown::parse(&text).unwrap();
        assert_eq!(back.title, article.title);
        assert_eq!(back.bylines, article.bylines);
        assert_eq!(back.date, article.date);
        assert_eq!(back.url, article.url);
        assert_eq!(back.tags, article.tags);
        assert_eq!(back.guid.as_deref(), Some("urn:q"));
        assert_eq!(back.source.as_deref(), Some("Harbour News"), "the feed's name stands in for the source");
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let texts: Vec<&str> = back.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, [article.body[0].text.as_str(), "1. not a number", "Below", "Quoted.", "One"]);
        assert_eq!(back.body[2].kind, BlockKind::Heading(2));
    }

    #[test]
    fn a_refetch_stores_nothing_twice_and_rewrites_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let feed = FeedDir::new(dir.path(), "Harbour News");
        let items =
            vec![item("One", Some("1"), None), item("Two", Some("2"), None), item("Three", Some("3"), None)];
        assert_eq!(feed.store(&items, 2).unwrap(), Stored { new: 2, updated: 0, skipped: 1 });
        assert_eq!(feed.store(&items, 1000).unwrap(), Stored { new: 1, updated: 0, skipped: 0 });
        assert_eq!(feed.store(&items, 1000).unwrap(), Stored::default());
        let mut changed = items.clone();
        changed[1].body = vec![Block::paragraph("Corrected.")];
        assert_eq!(feed.store(&changed[1..2], 1000).unwrap(), Stored { new: 0, updated: 1, skipped: 0 });
        assert_eq!(feed.count(), 3, "an item that left the feed stays");
        let names: Vec<String> = std::fs::read_dir(&feed.path)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with(".tmp")), "no temporary file left: {names:?}");
        feed.save_state(&FeedState { url: "http://x".into(), articles: 3, ..FeedState::default() }).unwrap();
        assert_eq!(feed.state().articles, 3);
        assert_eq!(feed.count(), 3, "the state file is not an item");
    }
}
