//! An article made ready to store, on the thread that parsed it: every
//! value its rows need that takes work to compute (joined names, order
//! keys, the text the full-text index reads, its quotations' excerpts and
//! speakers' keys, the hashes that tell duplicates apart) is computed
//! there, in parallel, so the one writer thread only binds and inserts.
//! The body and the quotations themselves are dropped once read.

use std::collections::hash_map::Entry;

use super::order;
use super::schema::SEPARATOR;
use crate::library::article::{Article, ArticleId};
use crate::library::author::AuthorKey;
use crate::library::identity;

/// How much of a quotation the people's pages show.
const EXCERPT_CHARS: usize = 80;

/// An article with its rows' values; `article` keeps no body or quotations.
pub struct Prepared {
    pub article: Article,
    /// The hash of its text, to tell a duplicate from a namesake.
    pub hash: i64,
    /// Its id should another article have the same title, authors and date.
    pub distinct_id: ArticleId,
    /// Where its date puts it (see [`order::row_base`]).
    pub row_base: i64,
    /// The title order's key without the row.
    pub title_key: Vec<u8>,
    /// Authors' names, and bios, joined with the separator.
    pub authors: String,
    pub bios: String,
    /// The key of each byline's name, and of each speaker's.
    pub byline_keys: Vec<String>,
    pub speaker_keys: Vec<String>,
    pub date: Option<String>,
    pub tags: String,
    pub speakers: String,
    /// What the full-text index reads besides the title, source and speakers.
    pub text: Text,
    /// The quotations with a speaker.
    pub quotes: Vec<QuoteRow>,
}

/// The full-text index's columns that need joining.
pub struct Text {
    pub authors: String,
    pub body: String,
    pub tags: String,
}

/// A quotation as the `quotes` table holds it.
pub struct QuoteRow {
    /// The speaker's key.
    pub person: String,
    /// Its place among the article's quotations.
    pub n: i64,
    pub excerpt: String,
}

impl Prepared {
    /// About how much text it holds, for bounding how many are held at once.
    pub fn text_bytes(&self) -> usize {
        self.text.body.len() + self.article.title.len() + self.speakers.len()
    }

    pub fn of(mut article: Article) -> Self {
        let hash = identity::text_hash(&article) as i64;
        let distinct_id = identity::disambiguated_id(&article);
        let text = Text {
            authors: article.author_names().collect::<Vec<_>>().join(", "),
            body: body_text(&article),
            tags: article.tags.join(" "),
        };
        let byline_keys = keys_of(article.bylines.iter().map(|b| b.name.as_str()));
        let speaker_keys = keys_of(article.speakers.iter().map(String::as_str));
        let quotes = quote_rows(&article, &speaker_keys);
        // What is stored of them is in `text` and `quotes` now.
        article.body = Vec::new();
        article.quotes = Vec::new();
        Self {
            hash,
            distinct_id,
            row_base: order::row_base(article.date),
            title_key: order::title_key(&article.title),
            authors: join(article.author_names()),
            bios: join(article.bylines.iter().map(|b| b.bio.as_deref().unwrap_or(""))),
            byline_keys,
            speaker_keys,
            date: article.date.map(|d| d.to_string()),
            tags: join(article.tags.iter().map(String::as_str)),
            speakers: join(article.speakers.iter().map(String::as_str)),
            text,
            quotes,
            article,
        }
    }

    /// The key of its first author, which orders it among others'.
    pub fn first_author(&self) -> Option<&str> {
        self.byline_keys.first().map(String::as_str)
    }
}

/// The blocks' text, a blank line after each: what FTS5 reads of the body.
fn body_text(article: &Article) -> String {
    let mut body = String::with_capacity(article.body.iter().map(|b| b.text.len() + 2).sum());
    for block in &article.body {
        body.push_str(&block.text);
        body.push_str("\n\n");
    }
    body
}

/// The key of each of `names`, in order, made once per distinct name (an
/// article lists its speaker once per quotation).
pub fn keys_of<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut made: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, name) in names.enumerate() {
        let key = match made.entry(name) {
            Entry::Occupied(first) => keys[*first.get()].clone(),
            Entry::Vacant(slot) => {
                slot.insert(i);
                key_of(name)
            }
        };
        keys.push(key);
    }
    keys
}

/// A name's key (see [`AuthorKey`]), as the index's tables hold it.
fn key_of(name: &str) -> String {
    AuthorKey::of(name).into_string()
}

/// The distinct keys among an article's byline keys, in byline order; one
/// empty key for an article without an author (as `article_authors` has).
pub fn author_keys(byline_keys: &[String]) -> impl Iterator<Item = &str> {
    let none = byline_keys.is_empty().then_some("");
    (byline_keys.iter().enumerate())
        .filter(|&(i, key)| !byline_keys[..i].contains(key))
        .map(|(_, key)| key.as_str())
        .chain(none)
}

/// The top-level quotations with a speaker, as the `quotes` table holds
/// them; a speaker's key is the one made for the article's speakers.
fn quote_rows(article: &Article, speaker_keys: &[String]) -> Vec<QuoteRow> {
    article
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.depth == 0)
        .filter_map(|(n, quote)| {
            let speaker = quote.speaker.as_deref()?;
            let known = article.speakers.iter().position(|s| s == speaker);
            let person = known.map_or_else(|| key_of(speaker), |i| speaker_keys[i].clone());
            (!person.is_empty()).then(|| QuoteRow { person, n: n as i64, excerpt: excerpt(&quote.text) })
        })
        .collect()
}

/// Items joined with the separator of multi-valued columns.
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(item);
    }
    out
}

/// A quotation's first words, on one line: its words joined by single
/// spaces, cut after [`EXCERPT_CHARS`] characters with an ellipsis. Whole
/// words are copied at a time; only the one the cut falls in is split.
fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(EXCERPT_CHARS * 2));
    let mut chars = 0;
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            if chars == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            out.push(' ');
            chars += 1;
        }
        let len = word.chars().count();
        if chars + len <= EXCERPT_CHARS {
            out.push_str(word);
            chars += len;
        } else {
            let end = word.char_indices().nth(EXCERPT_CHARS - chars).map_or(word.len(), |(at, _)| at);
            out.push_str(&word[..end]);
            out.push('…');
            return out;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_their_names_however_often_one_repeats() {
        let keys = keys_of(["Ana Lind", "By ANA  LIND", "Ana Lind", "Tomas Berg"].into_iter());
        assert_eq!(keys, ["ana lind", "ana lind", "ana lind", "tomas berg"]);
    }

    #[test]
    fn author_keys_are_distinct_or_one_empty_key() {
        let keys = |keys: &[&str]| {
            let owned: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
            author_keys(&owned).map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(keys(&["ana lind", "tomas berg", "ana lind"]), ["ana lind", "tomas berg"]);
        assert_eq!(keys(&[]), [""]);
    }

    #[test]
    fn excerpts_are_one_line_and_cut_at_eighty_characters() {
        assert_eq!(excerpt("  We  are\nready. "), "We are ready.");
        let long = "word ".repeat(30);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…') && cut.starts_with("word word"));
        let exact = "é".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exact), exact, "exactly eighty characters are not cut");
        let before_a_space = format!("{} more", "a".repeat(EXCERPT_CHARS));
        assert_eq!(excerpt(&before_a_space), format!("{}…", "a".repeat(EXCERPT_CHARS)));
        // The cut inside a word of several-byte characters.
        let inside = format!("{} žžžž", "b".repeat(EXCERPT_CHARS - 3));
        assert_eq!(excerpt(&inside), format!("{} žž…", "b".repeat(EXCERPT_CHARS - 3)));
        assert_eq!(excerpt(" \n "), "");
    }
}
