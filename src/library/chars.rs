//! Cheap answers for the characters news text is full of. Curly quotes,
//! apostrophes and dashes are most of an article's non-ASCII characters,
//! and the standard library's Unicode tables search for each of them.

/// Whether `c` is one of the General Punctuation marks (dashes, curly
/// quotes and apostrophes, ellipsis, per mille, primes...): never a letter,
/// a digit or white space. The block's spaces and invisible format
/// characters are left out.
pub fn is_punctuation_mark(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_marks_are_neither_words_nor_space() {
        let marks: Vec<char> = ('\u{2000}'..='\u{206F}').filter(|&c| is_punctuation_mark(c)).collect();
        assert!(marks.contains(&'’') && marks.contains(&'“') && marks.contains(&'—') && marks.contains(&'…'));
        for c in marks {
            assert!(!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control(), "{c:?}");
        }
        for c in ['a', 'é', '1', ' ', '\u{2009}', '\u{2028}', '\u{202F}', '\u{205F}', '«'] {
            assert!(!is_punctuation_mark(c), "{c:?}");
        }
    }
}
