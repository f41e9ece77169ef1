//! Word counts and reading time.

use super::article::Block;

/// Reading speed used for `reading_minutes` (a common adult average).
pub const WORDS_PER_MINUTE: usize = 230;

/// Whitespace-separated tokens that contain a letter or digit: what a
/// reader counts as words, and much cheaper than full word segmentation.
/// Chinese and Japanese are written without spaces: there every two
/// characters count as a word, which gives reading times in line with
/// the 400 to 600 characters a minute those readers read.
pub fn word_count(body: &[Block]) -> usize {
    body.iter().map(|b| words_in(&b.text)).sum()
}

/// How an ASCII byte counts: 1 whitespace, 2 a letter or digit, 0 else.
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_whitespace() || c == 0x0b {
            1
        } else if c.is_ascii_alphanumeric() {
            2
        } else {
            0
        };
        b += 1;
    }
    classes
};

/// One pass, no allocation: a word ends at whitespace (or the end) and
/// counts if a letter or digit was seen since the last whitespace.
pub fn words_in(text: &str) -> usize {
    let (mut words, mut wordy, mut ideographic) = (0, false, 0usize);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII by table; anything else as the char it starts.
        let (space, alnum, len) = if b < 0x80 {
            let class = ASCII_CLASS[usize::from(b)];
            (class == 1, class == 2, 1)
        } else {
            let c = text[at..].chars().next().expect("at a char boundary");
            if super::chars::is_punctuation_mark(c) {
                (false, false, c.len_utf8())
            } else if is_ideographic(c) {
                ideographic += 1;
                (false, false, c.len_utf8())
            } else {
                (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
            }
        };
        if space {
            words += usize::from(wordy);
            wordy = false;
        } else {
            wordy |= alnum;
        }
        at += len;
    }
    words + usize::from(wordy) + ideographic.div_ceil(2)
}

/// Han characters and kana: the scripts written without spaces between
/// words (Korean is written with them, and counts like any other).
fn is_ideographic(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
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
        assert_eq!(words_in("  a  b\u{a0}c\t— 3 "), 4, "no-break space and tab separate words");
        assert_eq!(words_in(""), 0);
        assert_eq!(words_in("— – …"), 0);
    }

    #[test]
    fn words_are_the_whitespace_separated_runs_with_a_letter_or_digit() {
        let reference =
            |text: &str| text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let texts = [
            "a b",
            " -- x-y 3 \x0bz\x0c.\r\n",
            "one,two  three.",
            "",
            "  ",
            "!? ...",
            "“Quoted,” — ’tis\u{2003}x\u{2028}y\u{a0}‰ …z",
        ];
        for text in texts {
            assert_eq!(words_in(text), reference(text), "{text:?}");
            // The same beside a char read as a char, not a byte.
            let mixed = format!("{text} é");
            assert_eq!(words_in(&mixed), reference(&mixed), "{mixed:?}");
        }
    }

    #[test]
    fn chinese_and_japanese_count_two_characters_a_word() {
        // Seven characters of kana and Han; the full stop is not counted.
        assert_eq!(words_in("工事が始まった。"), 4);
        assert_eq!(words_in("港口新桥启用"), 3);
        // Latin words among them count as words.
        assert_eq!(words_in("NHKによると 2024年"), 2 + 3);
        // Korean is spaced.
        assert_eq!(words_in("항구 다리 개통"), 3);
        let long = "港".repeat(4600);
        assert_eq!(reading_minutes(words_in(&long)), 10);
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }
}
