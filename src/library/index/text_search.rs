//! Query terms as FTS5 expressions. Words match from their start ("harb"
//! finds "harbour"), ignoring case and accents, as the tokenizer folds
//! both; a phrase matches its words in a row; a field is a column filter.

use crate::library::search::query::Field;

/// The FTS5 expression for one term, or `None` for text without a word
/// character (which the tokenizer would drop, and which excludes nothing).
pub fn fts_term(field: Field, text: &str, phrase: bool) -> Option<String> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let quoted = format!("\"{}\"", text.replace('"', "\"\""));
    let term = if phrase { quoted } else { format!("{quoted}*") };
    Some(format!("{} : {term}", super::catalog::column_filter(field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_fts_expressions() {
        assert_eq!(fts_term(Field::Any, "harb", false).as_deref(), Some("{title authors body} : \"harb\"*"));
        assert_eq!(
            fts_term(Field::Any, "night bus", true).as_deref(),
            Some("{title authors body} : \"night bus\"")
        );
        assert_eq!(fts_term(Field::Title, "ferry", false).as_deref(), Some("title : \"ferry\"*"));
        assert_eq!(fts_term(Field::Author, "wrona", false).as_deref(), Some("authors : \"wrona\"*"));
        assert_eq!(fts_term(Field::Tag, "coast", false).as_deref(), Some("tags : \"coast\"*"));
        assert_eq!(
            fts_term(Field::Any, "say \"hi", true).as_deref(),
            Some("{title authors body} : \"say \"\"hi\"")
        );
        assert_eq!(fts_term(Field::Any, "--", false), None);
    }
}
