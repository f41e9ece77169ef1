//! The search syntax: plain words (all must match), "exact phrases",
//! `author:`, `speaker:`, `tag:`, `source:` (or `feed:`) and `title:` fields, `is:unread`,
//! `is:read`, `is:bookmarked`, and `-` before any of them to exclude.
//! Matching ignores case and accents.

use super::fold::fold;

/// Where a term looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title, authors and body.
    Any,
    Title,
    Author,
    Tag,
    Source,
    /// The people an article quotes.
    Speaker,
}

/// Reading state a term can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    Unread,
    Read,
    Bookmarked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// Folded text to find in a field (a word or a phrase).
    Text {
        field: Field,
        text: String,
        phrase: bool,
    },
    State(StateFilter),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    pub negated: bool,
}

/// A parsed query. The empty query matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// An article's searchable text, folded once.
#[derive(Debug, Clone, Default)]
pub struct FoldedArticle {
    pub title: String,
    pub authors: String,
    pub body: String,
    pub tags: String,
    pub source: String,
    /// The names of the people it quotes.
    pub speakers: String,
}

impl Query {
    pub fn parse(input: &str) -> Self {
        let mut terms = Vec::new();
        for token in tokens(input) {
            if let Some(term) = term(&token) {
                terms.push(term);
            }
        }
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the text terms hold for an article (state terms are for
    /// the caller, who knows the reading state), as the index's full-text
    /// search decides: a word matches the words it starts, a phrase the
    /// same words in a row, ignoring case and accents; a term without a
    /// letter or digit is no condition at all.
    pub fn matches_text(&self, article: &FoldedArticle) -> bool {
        self.terms.iter().all(|term| match &term.kind {
            TermKind::Text { field, text, phrase } => {
                let wanted: Vec<&str> = words(text).collect();
                if wanted.is_empty() {
                    return true;
                }
                let columns: &[&str] = match field {
                    Field::Any => &[&article.title, &article.authors, &article.body],
                    Field::Title => &[&article.title],
                    Field::Author => &[&article.authors],
                    Field::Tag => &[&article.tags],
                    Field::Source => &[&article.source],
                    Field::Speaker => &[&article.speakers],
                };
                let found = columns.iter().any(|column| has_in_a_row(column, &wanted, !phrase));
                found != term.negated
            }
            TermKind::State(_) => true,
        })
    }

    /// Whether the state terms hold for an article that is `read` and
    /// `bookmarked`.
    pub fn matches_state(&self, read: bool, bookmarked: bool) -> bool {
        self.terms.iter().all(|term| match term.kind {
            TermKind::State(filter) => {
                let holds = match filter {
                    StateFilter::Unread => !read,
                    StateFilter::Read => read,
                    StateFilter::Bookmarked => bookmarked,
                };
                holds != term.negated
            }
            TermKind::Text { .. } => true,
        })
    }

    /// The folded words and phrases to highlight in a body.
    pub fn highlights(&self) -> Vec<&str> {
        self.terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.kind {
                TermKind::Text { field: Field::Any, text, .. } => Some(text.as_str()),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Whether a word to look for has one or two letters: it starts a
    /// good part of every article's words, so looking it up is the slowest
    /// search and the least useful one while typing.
    pub fn has_short_word(&self) -> bool {
        self.terms.iter().any(
            |t| matches!(&t.kind, TermKind::Text { text, phrase: false, .. } if text.chars().count() <= 2),
        )
    }

    /// Whether the query asks about reading state (`is:` terms).
    pub fn has_state(&self) -> bool {
        self.terms.iter().any(|t| matches!(t.kind, TermKind::State(_)))
    }

    /// Whether the query has text to look for (not only `is:` terms).
    pub fn has_text(&self) -> bool {
        self.terms.iter().any(|t| matches!(t.kind, TermKind::Text { .. }))
    }
}

/// The words of folded text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Whether `column`'s words hold `wanted` in a row (the last one as the
/// start of a word, when `prefix`).
fn has_in_a_row(column: &str, wanted: &[&str], prefix: bool) -> bool {
    let found: Vec<&str> = words(column).collect();
    let Some((last, before)) = wanted.split_last() else { return true };
    found.windows(wanted.len()).any(|window| {
        let (end, start) = window.split_last().expect("windows are not empty");
        start == before && if prefix { end.starts_with(last) } else { end == last }
    })
}

/// Splits at spaces, keeping quoted phrases (straight or curly quotes)
/// together, including after a field name: `author:"jane doe"`.
fn tokens(input: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                current.push('"');
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn term(token: &str) -> Option<Term> {
    let (negated, token) = match token.strip_prefix('-') {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, token),
    };
    if let Some((name, raw_value)) = token.split_once(':') {
        let value = unquote(raw_value);
        let field = match name.to_lowercase().as_str() {
            "is" => {
                let filter = match value.to_lowercase().as_str() {
                    "unread" | "new" => StateFilter::Unread,
                    "read" => StateFilter::Read,
                    "bookmarked" | "bookmark" | "starred" => StateFilter::Bookmarked,
                    _ => return text_term(token, Field::Any, negated),
                };
                return Some(Term { kind: TermKind::State(filter), negated });
            }
            "author" | "by" => Field::Author,
            "tag" => Field::Tag,
            "source" | "feed" => Field::Source,
            "speaker" | "said" | "quote" => Field::Speaker,
            "title" => Field::Title,
            _ => return text_term(token, Field::Any, negated),
        };
        return text_term(raw_value, field, negated);
    }
    text_term(token, Field::Any, negated)
}

fn text_term(raw: &str, field: Field, negated: bool) -> Option<Term> {
    let phrase = raw.starts_with('"');
    let text = fold(&unquote(raw)).split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(Term { kind: TermKind::Text { field, text, phrase }, negated })
}

fn unquote(text: &str) -> String {
    text.trim_matches('"').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, authors: &str, body: &str) -> FoldedArticle {
        FoldedArticle {
            title: fold(title),
            authors: fold(authors),
            body: fold(body),
            tags: fold("coast fishing"),
            source: fold("The Harbour Ledger"),
            speakers: fold("Sunniva Aalto Jonas Ekberg"),
        }
    }

    #[test]
    fn speaker_finds_who_is_quoted_by_any_of_their_names() {
        let a = article("T", "Mara Quist", "Body.");
        assert!(Query::parse("speaker:aalto").matches_text(&a));
        assert!(Query::parse("speaker:\"jonas ekberg\"").matches_text(&a));
        assert!(!Query::parse("speaker:quist").matches_text(&a), "an author is not a speaker");
        assert_eq!(
            Query::parse("speaker:ekb").terms[0].kind,
            TermKind::Text { field: Field::Speaker, text: "ekb".into(), phrase: false }
        );
    }

    #[test]
    fn parses_words_phrases_fields_and_states() {
        let q = Query::parse(r#"harbour "night bus" author:"Zoë Park" tag:coast is:unread -storm"#);
        assert_eq!(q.terms.len(), 6);
        assert_eq!(
            q.terms[1].kind,
            TermKind::Text { field: Field::Any, text: "night bus".into(), phrase: true }
        );
        assert_eq!(
            q.terms[2].kind,
            TermKind::Text { field: Field::Author, text: "zoe park".into(), phrase: true }
        );
        assert_eq!(q.terms[4].kind, TermKind::State(StateFilter::Unread));
        assert!(q.terms[5].negated);
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn all_words_must_match_anywhere_ignoring_case_and_accents() {
        let a =
            article("Café owners fight rent rise", "Tor Evensen", "The square’s cafés say they cannot pay.");
        assert!(Query::parse("cafe RENT").matches_text(&a));
        assert!(Query::parse("evensen square's").matches_text(&a));
        assert!(!Query::parse("cafe bakery").matches_text(&a));
    }

    #[test]
    fn phrases_need_the_words_together() {
        let a = article("T", "A", "They cannot pay the rent.");
        assert!(Query::parse("\"cannot pay\"").matches_text(&a));
        assert!(!Query::parse("\"pay cannot\"").matches_text(&a));
        assert!(Query::parse("“cannot  pay”").matches_text(&a));
    }

    #[test]
    fn fields_look_only_where_they_say() {
        let a = article("Harbour news", "Mara Quist", "Body mentions Ivo.");
        assert!(Query::parse("author:quist").matches_text(&a));
        assert!(!Query::parse("author:ivo").matches_text(&a));
        assert!(Query::parse("tag:coast source:ledger title:harbour").matches_text(&a));
        assert!(!Query::parse("tag:sport").matches_text(&a));
        // An unknown field is just a word.
        assert!(!Query::parse("colour:red").matches_text(&a));
    }

    #[test]
    fn negation_and_states() {
        let a = article("T", "A", "storm warning");
        assert!(!Query::parse("-storm").matches_text(&a));
        assert!(Query::parse("-sunshine").matches_text(&a));
        let q = Query::parse("is:unread is:bookmarked");
        assert!(q.matches_state(false, true));
        assert!(!q.matches_state(true, true));
        assert!(Query::parse("-is:read").matches_state(false, false));
        assert!(Query::parse("is:unread").matches_text(&a), "state terms leave text alone");
    }

    #[test]
    fn highlights_are_the_positive_free_text() {
        let q = Query::parse("harbour \"night bus\" author:park -storm is:unread");
        assert_eq!(q.highlights(), ["harbour", "night bus"]);
    }
}
