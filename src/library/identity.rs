//! Article identity: derived from what an article is (title, authors, date),
//! not where it lives, so moving a file keeps its read state.

use xxhash_rust::xxh3::Xxh3;

#[cfg(test)]
use super::FileType;
use super::article::{Article, ArticleId, ParsedArticle};
use super::author::{AuthorKey, clean_name};
use super::load::FileEntry;
use super::load::FileKind;
use super::quotes::quotes_in;
use super::{Format, stats};

/// How much of an article to work out besides its identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Word counts and quotations: everything the reader shows.
    Full,
    /// Only what `check` reports: no word counts, no quotations.
    Identity,
}

/// Gives a parsed (and already sanitised, see [`super::load::parse_bytes`])
/// article its id, and with [`Detail::Full`] its numbers and quotations.
pub fn finish(entry: &FileEntry, parsed: ParsedArticle, detail: Detail) -> Article {
    let format = match entry.kind {
        FileKind::Articles(file_type) => parsed.format.unwrap_or(file_type.default_format()),
        FileKind::Authors => Format::Toml,
    };
    let mut bylines = parsed.bylines;
    for byline in &mut bylines {
        byline.name = clean_name(&byline.name);
    }
    bylines.retain(|b| !b.name.is_empty());
    let body = parsed.body;
    let full = detail == Detail::Full;
    let words = if full { stats::word_count(&body) } else { 0 };
    let quotes = if full {
        let texts: Vec<&str> = body.iter().map(|b| b.text.as_str()).collect();
        quotes_in(&texts, parsed.language.as_deref())
    } else {
        Default::default()
    };
    let mut article = Article {
        id: ArticleId(0),
        path: entry.path.clone(),
        line: parsed.line,
        offset: parsed.offset,
        format,
        title: parsed.title,
        bylines,
        date: parsed.date,
        source: parsed.source,
        url: parsed.url,
        tags: parsed.tags,
        body,
        words,
        reading_minutes: stats::reading_minutes(words),
        warnings: parsed.warnings,
        quote_count: quotes.iter().filter(|q| q.depth == 0).count(),
        speakers: quotes.iter().filter(|q| q.depth == 0).filter_map(|q| q.speaker.clone()).collect(),
        quotes,
        has_body: true,
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

/// A hash of an article's text, to tell an exact duplicate from a namesake.
pub fn text_hash(article: &Article) -> u64 {
    let mut hasher = Xxh3::new();
    for block in &article.body {
        hasher.update(block.text.as_bytes());
        hasher.update(&[0]);
    }
    hasher.digest()
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::library::Block;

    fn parsed() -> ParsedArticle {
        ParsedArticle {
            title: "Tram line opens".to_owned(),
            body: vec![Block::paragraph("“We are ready,” said the mayor. The first tram left at six.")],
            ..ParsedArticle::default()
        }
    }

    #[test]
    fn finish_counts_and_finds_quotes() {
        let entry = FileEntry { path: PathBuf::from("a.txt"), kind: FileKind::Articles(FileType::Text) };
        let article = finish(&entry, parsed(), Detail::Full);
        assert_eq!(article.title, "Tram line opens");
        assert_eq!(article.words, 12);
        assert_eq!(article.quotes.len(), 1);
        assert_eq!(article.id, id_of(&article));
    }

    #[test]
    fn detail_can_be_skipped_without_changing_identity() {
        let entry = FileEntry { path: PathBuf::from("a.txt"), kind: FileKind::Articles(FileType::Text) };
        let full = finish(&entry, parsed(), Detail::Full);
        let bare = finish(&entry, parsed(), Detail::Identity);
        assert!(bare.quotes.is_empty() && bare.words == 0);
        assert_eq!((full.id, &full.title, &full.bylines), (bare.id, &bare.title, &bare.bylines));
    }

    #[test]
    fn quotations_are_read_in_the_language_the_source_declares() {
        let entry = FileEntry { path: PathBuf::from("a.xml"), kind: FileKind::Articles(FileType::Feed) };
        let short = ParsedArticle {
            title: "Oui".to_owned(),
            body: vec![Block::paragraph("« Oui », a dit Marie Dupont.")],
            ..ParsedArticle::default()
        };
        let declared = ParsedArticle { language: Some("fr-FR".to_owned()), ..short.clone() };
        let speaker = |parsed| finish(&entry, parsed, Detail::Full).quotes[0].speaker.clone();
        assert_eq!(speaker(declared).as_deref(), Some("Marie Dupont"));
        assert_eq!(speaker(short), None, "too few words to guess French from");
    }
}
