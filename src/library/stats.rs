//! Word counts and reading time.

use super::article::Block;

/// Reading speed used for `reading_minutes` (a common adult average).
pub const WORDS_PER_MINUTE: usize = 230;

/// Whitespace-separated tokens that contain a letter or digit: what a
/// reader counts as words, and much cheaper than full word segmentation.
pub fn word_count(body: &[Block]) -> usize {
    body.iter()
        .map(|b| b.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count())
        .sum()
}

/// Whole minutes, rounded up; at least one for any text at all.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_punctuation() {
        let body = [Block::paragraph("“Indeed,” she said — twice."), Block::paragraph("Don’t stop.")];
        assert_eq!(word_count(&body), 6);
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }
}
