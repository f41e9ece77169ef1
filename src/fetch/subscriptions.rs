//! The subscriptions: `feeds.toml` in the config directory, a list of
//! `[[feed]]` tables (url, title, tags, full_text, interval). It is read
//! strictly (an error names file, line and column, like the config) and
//! edited in place, so the user's comments and order survive `feeds add`
//! and `feeds remove` (a comment just above a feed goes with that feed).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::config::ConfigError;

/// One subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feed {
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Fetch each new item's page and store the article extracted from it.
    #[serde(default)]
    pub full_text: bool,
    /// The least minutes between two fetches of this feed by a scheduled
    /// fetch (the reader's `[feeds] interval`, or `broadsheet fetch` with no
    /// names, as from cron): a feed that changes rarely is asked less
    /// often. 0: every time.
    #[serde(default)]
    pub interval: u64,
}

impl Feed {
    /// What the feed is called: its title, else its address.
    pub fn name(&self) -> &str {
        if self.title.trim().is_empty() { &self.url } else { self.title.trim() }
    }

    /// Whether `name` picks this feed (its name, title, url or directory).
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        name.eq_ignore_ascii_case(self.name())
            || name == self.url
            || name == super::store::slug(self.name(), "feed")
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    feed: Vec<Feed>,
}

/// `$XDG_CONFIG_HOME/broadsheet/feeds.toml`, or next to `--config`.
pub fn default_path(config: Option<&Path>) -> Option<PathBuf> {
    match config {
        Some(config) => Some(config.with_file_name("feeds.toml")),
        None => crate::config::default_path().map(|p| p.with_file_name("feeds.toml")),
    }
}

/// The subscriptions file, as read and as it will be written.
#[derive(Debug, Clone)]
pub struct Subscriptions {
    pub path: PathBuf,
    pub feeds: Vec<Feed>,
    document: DocumentMut,
}

impl Subscriptions {
    /// Reads `path`; a missing file is no subscriptions.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(ConfigError::at(path, "", None, format!("cannot read the subscriptions: {e}")));
            }
        };
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let at = |offset: Option<usize>, message: String| ConfigError::at(path, text, offset, message);
        let file: File =
            toml::from_str(text).map_err(|e| at(e.span().map(|s| s.start), e.message().trim().to_owned()))?;
        for feed in &file.feed {
            let offset = text.find(&feed.url);
            match url::Url::parse(&feed.url) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {}
                _ => return Err(at(offset, format!("{:?} is not an http(s) address", feed.url))),
            }
        }
        let document =
            text.parse::<DocumentMut>().map_err(|e| at(e.span().map(|s| s.start), e.to_string()))?;
        Ok(Self { path: path.to_path_buf(), feeds: file.feed, document })
    }

    /// The feed `name` picks.
    pub fn find(&self, name: &str) -> Option<&Feed> {
        self.feeds.iter().find(|f| f.is_named(name))
    }

    /// Adds a subscription (at the end); false if its address is there.
    pub fn add(&mut self, feed: Feed) -> bool {
        if self.feeds.iter().any(|f| f.url == feed.url) {
            return false;
        }
        let mut table = Table::new();
        table.insert("url", value(feed.url.as_str()));
        if !feed.title.is_empty() {
            table.insert("title", value(feed.title.as_str()));
        }
        if !feed.tags.is_empty() {
            table.insert("tags", value(feed.tags.iter().map(String::as_str).collect::<toml_edit::Array>()));
        }
        if feed.full_text {
            table.insert("full_text", value(true));
        }
        self.tables_mut().push(table);
        self.feeds.push(feed);
        true
    }

    /// Removes the subscription `name` picks; returns it.
    pub fn remove(&mut self, name: &str) -> Option<Feed> {
        let index = self.feeds.iter().position(|f| f.is_named(name))?;
        let feed = self.feeds.remove(index);
        self.tables_mut().remove(index);
        Some(feed)
    }

    /// A feed moved for good: its new address, kept.
    pub fn set_url(&mut self, old: &str, new: &str) -> bool {
        let Some(index) = self.feeds.iter().position(|f| f.url == old) else { return false };
        self.feeds[index].url = new.to_owned();
        if let Some(table) = self.tables_mut().get_mut(index) {
            table.insert("url", value(new));
        }
        true
    }

    fn tables_mut(&mut self) -> &mut ArrayOfTables {
        if !self.document.contains_array_of_tables("feed") {
            self.document.insert("feed", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        self.document["feed"].as_array_of_tables_mut().expect("made an array of tables")
    }

    /// Writes the file (atomically), comments and all.
    pub fn save(&self) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        super::store::write_atomically(&self.path, self.document.to_string().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# my feeds\n\n[[feed]]\nurl = \"https://news.example/rss\"\ntitle = \"Example News\"\n\
                        tags = [\"world\"]\n\n# the local paper\n[[feed]]\nurl = \"https://paper.example/atom.xml\"\nfull_text = true\n";

    #[test]
    fn reads_edits_and_keeps_comments() {
        let mut subs = Subscriptions::parse(Path::new("feeds.toml"), FILE).unwrap();
        assert_eq!(subs.feeds.len(), 2);
        assert_eq!(subs.feeds[0].name(), "Example News");
        assert_eq!(subs.feeds[1].name(), "https://paper.example/atom.xml");
        assert!(subs.feeds[1].full_text);
        assert!(subs.find("example-news").is_some() && subs.find("EXAMPLE NEWS").is_some());
        assert!(subs.add(Feed {
            url: "https://third.example/feed".into(),
            title: "Third".into(),
            ..Feed::default()
        }));
        assert!(!subs.add(Feed { url: "https://third.example/feed".into(), ..Feed::default() }), "once");
        assert_eq!(subs.remove("Example News").unwrap().url, "https://news.example/rss");
        assert!(subs.set_url("https://paper.example/atom.xml", "https://paper.example/new.xml"));
        let text = subs.document.to_string();
        // A comment above a feed belongs to it and goes with it; the others stay.
        assert!(text.contains("# the local paper"), "{text}");
        let again = Subscriptions::parse(Path::new("feeds.toml"), &text).unwrap();
        let urls: Vec<&str> = again.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, ["https://paper.example/new.xml", "https://third.example/feed"]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let error = Subscriptions::parse(
            Path::new("feeds.toml"),
            "[[feed]]\nurl = \"https://a.example\"\ntitel = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!((error.line, error.column), (Some(3), Some(1)), "{error}");
        assert!(error.to_string().starts_with("feeds.toml:3:1: "), "{error}");
        let error =
            Subscriptions::parse(Path::new("feeds.toml"), "[[feed]]\ntitle = \"x\"\nurl = \"ftp://a\"\n")
                .unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        assert!(error.message.contains("not an http(s) address"));
    }
}
