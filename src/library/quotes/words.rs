//! The words of a paragraph as attribution reads them: each once, with
//! its place, its bare and lowercase forms and whether it is capitalised.
//! Quotation marks and dashes are words of their own (punctuation), so a
//! quotation's edge never glues onto a name or a verb.

use std::borrow::Cow;

/// Quotation marks that separate words (apostrophes do not: don’t).
const MARKS: [char; 8] = ['“', '”', '„', '"', '«', '»', '‹', '›'];

/// A word of a paragraph and where it is.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Without surrounding punctuation (a name's full stop kept: "Dr.").
    pub bare: &'a str,
    /// `bare` lowercased, without the trailing full stop.
    pub lower: Cow<'a, str>,
    pub capital: bool,
    /// Nothing but punctuation: a quotation mark, a dash, a lone colon.
    pub punct: bool,
}

impl Word<'_> {
    pub fn ends_clause(&self) -> bool {
        self.text.ends_with([',', ';', ':'])
            || (self.punct && self.text.chars().any(|c| matches!(c, '—' | '–')))
    }

    pub fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(['”', '"', '’', '\'', '»', ')']);
        t.ends_with(['.', '!', '?']) && !is_abbreviation(&self.lower)
    }

    /// A possessive ("Russia’s"), never a speaker's name.
    pub fn is_possessive(&self) -> bool {
        self.bare.ends_with("’s") || self.bare.ends_with("'s")
    }
}

/// Words whose full stop does not end a sentence: short titles (Dr., Sen.),
/// initials (J.), dotted acronyms (U.N., U.S.) and the usual shortenings.
fn is_abbreviation(lower: &str) -> bool {
    const SHORT: &[&str] = &[
        "sen", "rep", "gov", "gen", "lt", "col", "sgt", "cpl", "adm", "supt", "det", "st", "mt", "ft", "jr",
        "sr", "inc", "corp", "co", "ltd", "dept", "univ", "vs", "no", "approx", "est", "ave", "rd", "mr",
        "mrs", "ms", "dr", "prof", "rev", "hon", "capt", "cmdr", "insp", "pres", "m", "mme", "mgr", "pr",
        "dra", "sra", "srta", "dott", "sig", "ing",
    ];
    let word = lower.trim_end_matches('.');
    SHORT.contains(&word)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1))
}

fn bare(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '-' | '’' | '\''))
        .trim_start_matches(['.', '-', '’', '\''])
        .trim_end_matches(['’', '\''])
}

fn word(text: &str, start: usize) -> Word<'_> {
    let forms = if text.is_ascii() { ascii_forms(text) } else { any_forms(text) };
    Word {
        text,
        start,
        end: start + text.len(),
        bare: forms.bare,
        lower: forms.lower,
        capital: forms.capital,
        punct: forms.punct,
    }
}

/// What [`word`] reads of a word's text.
#[derive(Debug, PartialEq)]
struct Forms<'a> {
    bare: &'a str,
    lower: Cow<'a, str>,
    capital: bool,
    punct: bool,
}

fn any_forms(text: &str) -> Forms<'_> {
    let bare_form = bare(text);
    let stripped = bare_form.trim_end_matches('.');
    // Lowercase, with typographic apostrophes as plain ones ("s’est").
    let lower = if stripped.chars().any(|c| c.is_uppercase() || c == '’') {
        Cow::Owned(
            stripped.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }).collect(),
        )
    } else {
        Cow::Borrowed(stripped)
    };
    Forms {
        bare: bare_form,
        lower,
        capital: bare_form.chars().next().is_some_and(char::is_uppercase),
        punct: !text.chars().any(char::is_alphanumeric),
    }
}

/// [`any_forms`] for ASCII text (most words of most articles), byte by byte.
fn ascii_forms(text: &str) -> Forms<'_> {
    let bytes = text.as_bytes();
    let kept = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'\'');
    let (mut from, mut to) = (0, bytes.len());
    while from < to && !kept(bytes[from]) {
        from += 1;
    }
    while to > from && !kept(bytes[to - 1]) {
        to -= 1;
    }
    while from < to && matches!(bytes[from], b'.' | b'-' | b'\'') {
        from += 1;
    }
    while to > from && bytes[to - 1] == b'\'' {
        to -= 1;
    }
    let bare_form = &text[from..to];
    let stripped = bare_form.trim_end_matches('.');
    let lower = if stripped.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(stripped.to_ascii_lowercase())
    } else {
        Cow::Borrowed(stripped)
    };
    Forms {
        bare: bare_form,
        lower,
        capital: bare_form.as_bytes().first().is_some_and(u8::is_ascii_uppercase),
        punct: !bytes.iter().any(u8::is_ascii_alphanumeric),
    }
}

/// Every word of a paragraph, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    split(text, |word_text, start| out.push(word(word_text, start)));
    out
}

/// The words of a paragraph as [`words`] gives them, where a word that
/// is not capitalised is `None` (its forms are not made): what finding
/// names needs, for a fraction of the work, since most words are not.
pub fn capitalised<'a>(text: &'a str, mut each: impl FnMut(Option<Word<'a>>)) {
    split(text, |word_text, start| each(may_be_capital(word_text).then(|| word(word_text, start))));
}

/// Whether a word's text may make a capitalised word: its first letter
/// or digit is upper case. (A capitalised word's bare form starts with
/// its first letter or digit, everything before it being stripped.)
fn may_be_capital(text: &str) -> bool {
    for (i, b) in text.bytes().enumerate() {
        if !b.is_ascii() {
            return text[i..].chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
        }
        if b.is_ascii_alphanumeric() {
            return b.is_ascii_uppercase();
        }
    }
    false
}

/// Calls `each` with the text and start of every word of a paragraph.
fn split<'a>(text: &'a str, mut each: impl FnMut(&'a str, usize)) {
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII by its byte (a straight double quote is the one ASCII
        // mark); anything else as the char it starts.
        let b = bytes[i];
        let (len, space, mark) = if b.is_ascii() {
            (1, is_ascii_space(b), b == b'"')
        } else {
            let c = text[i..].chars().next().expect("at a char boundary");
            (c.len_utf8(), c.is_whitespace(), MARKS.contains(&c))
        };
        if space || mark {
            if let Some(s) = start.take() {
                each(&text[s..i], s);
            }
            if mark {
                each(&text[i..i + len], i);
            }
            i += len;
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        i += len;
        // The rest of an ASCII run within the word, byte by byte.
        while i < bytes.len() && bytes[i].is_ascii() && !is_ascii_space(bytes[i]) && bytes[i] != b'"' {
            i += 1;
        }
    }
    if let Some(s) = start {
        each(&text[s..], s);
    }
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The words lying wholly within bytes `start..end`.
pub fn within<'w, 'a>(words: &'w [Word<'a>], start: usize, end: usize) -> &'w [Word<'a>] {
    let first = words.partition_point(|w| w.start < start);
    let last = words.partition_point(|w| w.end <= end);
    &words[first..last.max(first)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capitalised_scan_skips_no_capitalised_word() {
        for text in [
            "-(Bob said so, and «Dr. Aalto» agreed.",
            "(U.N.) O’Neill’s Jean-Luc “Dr. x-Ray 123abc Bob 4th",
            "'Élodie Dupré' a dit: ¡Hola! dijo Ana. İstanbul ñandú Ñandú",
            "Министр Сергей Иванов приехал, — сказал он. 東京 Tokyo",
            "«Nein», sagte Müller. \"Yes,\" said O'Brien's aide.",
        ] {
            let all = words(text);
            let mut scanned = Vec::new();
            capitalised(text, |word| scanned.push(word));
            assert_eq!(all.len(), scanned.len(), "{text}");
            for (word, seen) in all.iter().zip(&scanned) {
                match seen {
                    Some(seen) => assert_eq!(
                        (seen.text, seen.start, seen.capital),
                        (word.text, word.start, word.capital)
                    ),
                    None => assert!(!word.capital, "{:?} in {text}", word.text),
                }
            }
            assert!(scanned.iter().any(Option::is_none), "lower-case words are skipped: {text}");
        }
    }

    #[test]
    fn marks_and_dashes_are_words_of_their_own() {
        let text = "«Nous sommes prêts», a ajouté M. Dupont — “Done,”she said.";
        let all = words(text);
        let found: Vec<&str> = all.iter().map(|w| w.text).collect();
        assert_eq!(
            found,
            [
                "«", "Nous", "sommes", "prêts", "»", ",", "a", "ajouté", "M.", "Dupont", "—", "“", "Done,",
                "”", "she", "said."
            ]
        );
        assert!(all[5].ends_clause() && all[10].ends_clause() && all[10].punct);
        assert!(all[15].ends_sentence() && !all[8].ends_sentence(), "M. is a title");
        assert_eq!((all[9].lower.as_ref(), all[9].capital), ("dupont", true));
        assert_eq!(&text[all[9].start..all[9].end], "Dupont");
        assert_eq!(within(&all, all[6].start, all[10].start).len(), 4);
    }

    #[test]
    fn ascii_words_read_as_any_others_do() {
        for text in [
            "(U.N.)",
            "Smith's",
            "'quoted'",
            "-Jean-Luc.",
            "Dr.",
            "...",
            "--",
            "ABC-12",
            "x.",
            "'.-a",
            "a'",
            "",
        ] {
            assert_eq!(ascii_forms(text), any_forms(text), "{text:?}");
        }
        let all = words("He said \"yes\"\tand\u{a0}left.");
        let found: Vec<&str> = all.iter().map(|w| w.text).collect();
        assert_eq!(
            found,
            ["He", "said", "\"", "yes", "\"", "and", "left."],
            "no-break space and tab split words"
        );
    }

    #[test]
    fn bare_forms_keep_a_names_punctuation() {
        let all = words("(U.N.) O’Neill’s Jean-Luc “Dr.");
        let bare: Vec<&str> = all.iter().map(|w| w.bare).collect();
        assert_eq!(bare, ["U.N.", "O’Neill’s", "Jean-Luc", "", "Dr."]);
        assert!(all[3].punct);
        assert!(all[1].is_possessive());
    }
}
