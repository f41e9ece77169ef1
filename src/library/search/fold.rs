//! Case- and accent-insensitive text: "Zoë" and "ZOE" fold to "zoe".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded form of `text`, and for each byte of it the byte of `text`
/// it came from (so matches in folded text map back to the original).
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        fold_char(c, &mut out);
        offsets.resize(out.len(), at);
    }
    (out, offsets)
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Typographic marks fold to their plain forms, so "don't" finds "don’t".
        '’' | '‘' => out.push('\''),
        '“' | '”' | '„' => out.push('"'),
        _ => {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Zoë ÅNGSTRÖM don’t"), "zoe angstrom don't");
        assert_eq!(fold("Ærø"), "ærø");
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let text = "Café Noël";
        let (folded, offsets) = fold_with_offsets(text);
        assert_eq!(folded, "cafe noel");
        assert_eq!(offsets.len(), folded.len());
        let at = folded.find("noel").unwrap();
        assert_eq!(&text[offsets[at]..], "Noël");
        assert_eq!(offsets[folded.find('e').unwrap()], text.find('é').unwrap());
    }
}
