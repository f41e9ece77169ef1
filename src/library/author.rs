//! Author names: cleaning what files say, and the key that makes one person
//! one author whatever the spelling ("JANE DOE", "Jane  Doe", "By Jane Doe",
//! "Jané Doe" written without the accent).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The key under which name variants are merged.
///
/// ```
/// use broadsheet::library::AuthorKey;
///
/// assert_eq!(AuthorKey::of("By JANE  DOE"), AuthorKey::of("Jane Doe"));
/// assert_ne!(AuthorKey::of("Jane Doe"), AuthorKey::of("John Doe"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AuthorKey(String);

impl AuthorKey {
    pub fn of(name: &str) -> Self {
        let mut cleaned = clean_name(name);
        if cleaned.is_ascii() {
            // Nothing to decompose: the common case, without normalising.
            cleaned.make_ascii_lowercase();
            return Self(cleaned);
        }
        let folded: String = cleaned
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        Self(folded)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The name shown for articles with no author at all.
pub const UNKNOWN_AUTHOR: &str = "Unknown author";

/// Tidies a name as written: collapses whitespace, drops a leading "By",
/// and trailing punctuation left over from a byline.
pub fn clean_name(name: &str) -> String {
    if is_clean(name) { name.to_owned() } else { tidy(name) }
}

fn tidy(name: &str) -> String {
    let collapsed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let without_by = strip_by(&collapsed);
    without_by
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '|' | '-' | '—' | '–') || c.is_whitespace())
        .to_owned()
}

/// Whether [`clean_name`] would leave `name` as it is: single spaces
/// between words, no "By " before them, nothing to trim at either end
/// (most names, checked without copying them).
fn is_clean(name: &str) -> bool {
    let edge = |c: char| matches!(c, ',' | ';' | ':' | '|' | '-' | '—' | '–') || c.is_whitespace();
    !name.starts_with(edge)
        && !name.ends_with(edge)
        && !name.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("by "))
        && !name.contains("  ")
        && name.chars().all(|c| c == ' ' || !c.is_whitespace())
}

/// Removes a leading "By " (any case) from a byline.
pub fn strip_by(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("by ") => trimmed[3..].trim_start(),
        _ => trimmed,
    }
}

/// Splits "Jane Doe and John Roe" or "A, B & C" into separate names.
pub fn split_names(text: &str) -> Vec<String> {
    let text = strip_by(text);
    let mut names = Vec::new();
    for part in text.split([',', ';', '&']) {
        for name in split_on_and(part) {
            let name = clean_name(name);
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

fn split_on_and(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(pos) = find_word_ci(rest, "and") {
        parts.push(&rest[..pos]);
        rest = &rest[pos + 3..];
    }
    parts.push(rest);
    parts
}

/// Byte position of `word` as a whole word (ASCII case-insensitive).
fn find_word_ci(text: &str, word: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(word) {
        let start = from + found;
        let end = start + word.len();
        let before_ok = lower[..start].chars().next_back().is_none_or(char::is_whitespace);
        let after_ok = lower[end..].chars().next().is_none_or(char::is_whitespace);
        if before_ok && after_ok {
            return Some(start);
        }
        from = end;
    }
    None
}

/// Picks how to show a name among the spellings seen, each given with how
/// often it was seen: the most common one, preferring mixed case over ALL
/// CAPS and, on a tie, the one with accents.
pub fn preferred_spelling<'a>(spellings: impl IntoIterator<Item = (&'a str, usize)>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (spelling, seen) in spellings.into_iter().filter(|&(_, seen)| seen > 0) {
        match counts.iter_mut().find(|(s, _)| *s == spelling) {
            Some((_, n)) => *n += seen,
            None => counts.push((spelling, seen)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(s, n)| (!is_all_caps(s), *n, !s.is_ascii(), std::cmp::Reverse(*s)))
        .map(|(s, _)| s.to_owned())
}

fn is_all_caps(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A name taken as it is only where tidying would not change it.
        #[test]
        fn names_taken_as_they_are_need_no_tidying(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["Ana", "by", "By ", " ", "  ", "\t", "\u{a0}", ",", "-", "—", "é", "Lind", "|", "x"]),
                0..8,
            )
        ) {
            let name = parts.concat();
            proptest::prop_assert_eq!(clean_name(&name), tidy(&name), "{:?}", name);
        }
    }

    #[test]
    fn variants_share_a_key() {
        let key = AuthorKey::of("Jane Doe");
        for variant in ["JANE DOE", "Jane  Doe", "By Jane Doe", " jane doe ", "by JANE\tDOE"] {
            assert_eq!(AuthorKey::of(variant), key, "{variant:?}");
        }
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(AuthorKey::of("Zoë Ångström"), AuthorKey::of("Zoe Angstrom"));
        assert_eq!(AuthorKey::of("Seán O’Neill"), AuthorKey::of("Sean O'Neill"));
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        assert_ne!(AuthorKey::of("Jane Doe"), AuthorKey::of("John Doe"));
        assert_ne!(AuthorKey::of("Doe"), AuthorKey::of("Jane Doe"));
    }

    #[test]
    fn splits_bylines() {
        assert_eq!(split_names("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_names("Ann Lee, Bo Park & Cy Tran"), ["Ann Lee", "Bo Park", "Cy Tran"]);
        assert_eq!(split_names("BY ANDREA SANDERS"), ["ANDREA SANDERS"]);
        // "and" inside a name is not a separator.
        assert_eq!(split_names("Alexandra Andersen"), ["Alexandra Andersen"]);
    }

    #[test]
    fn clean_name_trims_byline_debris() {
        assert_eq!(clean_name("By  Jane   Doe,"), "Jane Doe");
        assert_eq!(clean_name("bylaw expert"), "bylaw expert");
    }

    #[test]
    fn preferred_spelling_avoids_all_caps() {
        let chosen = preferred_spelling([("JANE DOE", 2), ("Jane Doe", 1)]);
        assert_eq!(chosen.as_deref(), Some("Jane Doe"));
        let chosen = preferred_spelling([("Zoe Park", 1), ("Zoë Park", 1)]);
        assert_eq!(chosen.as_deref(), Some("Zoë Park"));
    }

    #[test]
    fn preferred_spelling_weighs_how_often_each_was_seen() {
        let chosen = preferred_spelling([("Zoe Park", 3), ("Zoë Park", 2)]);
        assert_eq!(chosen.as_deref(), Some("Zoe Park"));
        // The same spelling given twice counts both times; unseen ones not at all.
        let chosen = preferred_spelling([("Zoë Park", 2), ("Zoe Park", 3), ("Zoë Park", 2), ("Zo Park", 0)]);
        assert_eq!(chosen.as_deref(), Some("Zoë Park"));
        assert_eq!(preferred_spelling([("Zo Park", 0)]), None);
    }
}
