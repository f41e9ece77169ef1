//! Article identity: derived from what an article is (title, authors, date),
//! not where it lives, so moving a file keeps its read state.

use xxhash_rust::xxh3::Xxh3;

use super::article::{Article, ArticleId, ParsedArticle};
use super::author::{AuthorKey, clean_name};
use super::load::FileEntry;
use super::load::FileKind;
use super::quotes::quotes_of;
use super::sanitize::{clean, clean_line};
use super::{Format, stats};

/// Sanitises a parsed article's fields and gives it its id and numbers.
pub fn finish(entry: &FileEntry, parsed: ParsedArticle) -> Article {
    let format = match entry.kind {
        FileKind::Articles(format) => format,
        FileKind::Authors => Format::Toml,
    };
    let mut bylines = parsed.bylines;
    for byline in &mut bylines {
        byline.name = clean_name(&clean_line(&byline.name));
        byline.bio = byline.bio.as_deref().map(clean_line).filter(|b| !b.is_empty());
    }
    bylines.retain(|b| !b.name.is_empty());
    let mut body = parsed.body;
    for block in &mut body {
        if let std::borrow::Cow::Owned(cleaned) = clean(&block.text) {
            // Emphasis ranges no longer line up with changed text.
            block.emphasis.clear();
            block.text = cleaned;
        }
    }
    let words = stats::word_count(&body);
    let texts: Vec<&str> = body.iter().map(|b| b.text.as_str()).collect();
    let quotes = quotes_of(&texts);
    let mut article = Article {
        id: ArticleId(0),
        path: entry.path.clone(),
        line: parsed.line,
        format,
        title: clean_line(&parsed.title),
        bylines,
        date: parsed.date,
        source: parsed.source.as_deref().map(clean_line),
        url: parsed.url.as_deref().map(clean_line),
        tags: parsed.tags.iter().map(|t| clean_line(t)).collect(),
        body,
        words,
        reading_minutes: stats::reading_minutes(words),
        warnings: parsed.warnings.iter().map(|w| clean_line(w)).collect(),
        quotes,
    };
    article.id = id_of(&article);
    article
}

fn identity_hasher(article: &Article) -> Xxh3 {
    let mut hasher = Xxh3::new();
    let title: String =
        article.title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    hasher.update(title.as_bytes());
    hasher.update(&[0]);
    let mut keys: Vec<AuthorKey> = article.bylines.iter().map(|b| AuthorKey::of(&b.name)).collect();
    keys.sort();
    for key in keys {
        hasher.update(key.as_str().as_bytes());
        hasher.update(&[1]);
    }
    hasher.update(&[0]);
    if let Some(date) = article.date {
        hasher.update(date.day().to_string().as_bytes());
    }
    hasher
}

/// The id from normalised title, author keys and publication day.
pub fn id_of(article: &Article) -> ArticleId {
    ArticleId(identity_hasher(article).digest())
}

/// An id for an article whose title, authors and date collide with another
/// one's but whose text differs: the text joins the hash.
pub fn disambiguated_id(article: &Article) -> ArticleId {
    let mut hasher = identity_hasher(article);
    for block in &article.body {
        hasher.update(block.text.as_bytes());
        hasher.update(&[2]);
    }
    ArticleId(hasher.digest())
}
