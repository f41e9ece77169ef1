//! The one place where text from article files is made safe to show.
//!
//! Everything a file says passes through [`clean`] at the library boundary, so
//! the rest of the program (and any terminal it writes to) only ever sees
//! printable text plus `\n`. The policy: whole escape sequences (CSI, OSC, DCS,
//! SOS/PM/APC and two-byte ESC sequences, in their 7-bit and 8-bit forms) are
//! removed, as are the remaining C0 and C1 controls, DEL, bidi controls and the
//! BOM. A tab becomes a space, U+2028/U+2029 become a newline, and a grapheme
//! carrying an absurd run of combining marks is cut down to
//! [`MAX_GRAPHEME_CHARS`] characters. Nothing else is touched: ZWJ emoji, CJK,
//! RTL scripts and accents pass byte for byte.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// The longest grapheme (in chars) we let through; longer clusters are
/// "Zalgo" text that can hang or crash terminal emulators.
pub const MAX_GRAPHEME_CHARS: usize = 16;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const C1_CSI: char = '\u{9b}';
const C1_ST: char = '\u{9c}';
const C1_OSC: char = '\u{9d}';
const C1_DCS: char = '\u{90}';
const C1_SOS: char = '\u{98}';
const C1_PM: char = '\u{9e}';
const C1_APC: char = '\u{9f}';

/// Returns `text` with every control character and escape sequence removed.
/// Newlines are kept; callers that need a single line use [`clean_line`].
///
/// ```
/// use broadsheet::library::sanitize::clean;
///
/// assert_eq!(clean("Title\x1b]0;pwned\x07 \x1b[31mred\x1b[0m"), "Title red");
/// assert_eq!(clean("«Grüße» 日本語 👩‍👩‍👧"), "«Grüße» 日本語 👩‍👩‍👧");
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    let (strip, marks) = scan(text);
    if !strip && !marks {
        return Cow::Borrowed(text);
    }
    let stripped = if strip { Cow::Owned(strip_controls(text)) } else { Cow::Borrowed(text) };
    if marks && has_long_mark_run(&stripped) { Cow::Owned(cap_graphemes(&stripped)) } else { stripped }
}

/// One pass over `text`: whether it has anything to strip, and whether it
/// may have an overlong run of combining marks. Most articles are mostly
/// ASCII with a few curly quotes: ASCII is read byte by byte, and only
/// the rest as chars.
fn scan(text: &str) -> (bool, bool) {
    let (mut strip, mut marks) = (false, false);
    let mut run = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Sixteen ASCII bytes at a time, without a branch per byte.
        if let Some(chunk) = bytes.get(at..at + 16)
            && chunk.iter().fold(0, |high, &b| high | b) < 0x80
        {
            strip |= chunk.iter().fold(false, |found, &b| found | ((b < 0x20) & (b != b'\n')) | (b == 0x7f));
            run = 0;
            at += 16;
            continue;
        }
        let b = bytes[at];
        if b.is_ascii() {
            strip |= b != b'\n' && b.is_ascii_control();
            run = 0;
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("at a char boundary");
        at += c.len_utf8();
        strip |= needs_stripping(c);
        if is_mark_like(c) {
            run += 1;
            marks |= run >= MAX_GRAPHEME_CHARS;
        } else {
            run = 0;
        }
        if strip && marks {
            break;
        }
    }
    (strip, marks)
}

fn is_mark_like(c: char) -> bool {
    c >= '\u{300}' && (is_combining_mark(c) || c == '\u{200d}' || ('\u{fe00}'..='\u{fe0f}').contains(&c))
}

/// Like [`clean`], for pages and feeds, whose parsers read tabs and
/// carriage returns as the whitespace they are (every field taken from
/// them is cleaned again): markup with nothing else to strip, the usual
/// case, is passed through after one fast scan of its bytes.
pub fn clean_markup(text: &str) -> Cow<'_, str> {
    if has_nothing_to_strip(text.as_bytes()) { Cow::Borrowed(text) } else { clean(text) }
}

/// No control character but tab, line feed and carriage return, none of
/// the invisible characters [`clean`] removes (C1 controls, bidi
/// controls, line and paragraph separators, the BOM), and no run of
/// non-ASCII characters long enough to hide a pile of combining marks.
fn has_nothing_to_strip(bytes: &[u8]) -> bool {
    let safe_ascii = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
    let mut i = 0;
    // Non-ASCII characters since the last ASCII byte.
    let mut run = 0;
    while i < bytes.len() {
        // Plain ASCII goes by quickly.
        let ascii = bytes[i..].iter().take_while(|b| safe_ascii(b)).count();
        if ascii > 0 {
            i += ascii;
            run = 0;
            continue;
        }
        let b = bytes[i];
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let invisible = match b {
            0x00..=0x7f => true,
            // U+0080-U+009F: C1 controls.
            0xc2 => (0x80..=0x9f).contains(&next(1)),
            // U+061C, the Arabic letter mark.
            0xd8 => next(1) == 0x9c,
            // U+200E/F, U+2028-202E, U+2066-2069.
            0xe2 => matches!((next(1), next(2)), (0x80, 0x8e | 0x8f | 0xa8..=0xae) | (0x81, 0xa6..=0xa9)),
            // U+FEFF, the BOM.
            0xef => next(1) == 0xbb && next(2) == 0xbf,
            _ => false,
        };
        if invisible {
            return false;
        }
        if b >= 0xc0 {
            run += 1;
            if run >= MAX_GRAPHEME_CHARS {
                return false;
            }
        }
        i += 1;
    }
    true
}

/// Like [`clean`], for text that must stay on one line (titles, names): line
/// breaks become spaces and runs of whitespace collapse to one.
pub fn clean_line(text: &str) -> String {
    let cleaned = clean(text);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Characters we drop wherever they stand (outside escape sequences).
fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

fn needs_stripping(c: char) -> bool {
    c != '\n' && (c.is_control() || is_invisible_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Whether some run of combining marks is long enough that a grapheme may
/// exceed [`MAX_GRAPHEME_CHARS`]; a cheap test before segmenting.
fn has_long_mark_run(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if is_mark_like(c) {
            run += 1;
            if run >= MAX_GRAPHEME_CHARS {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn strip_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                // A lone CR is a line break in old Mac files; CRLF is one break.
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            ESC => skip_escape(&mut chars),
            C1_CSI => skip_csi(&mut chars),
            C1_OSC | C1_DCS | C1_SOS | C1_PM | C1_APC => skip_string(&mut chars),
            c if is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a control string, or one final char.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes then one final byte (e.g. `ESC ( B`, `ESC # 8`).
        Some(c) if (' '..='/').contains(&c) => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        Some(c) if ('0'..='~').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters, intermediates and the final byte. A malformed
/// sequence ends at the first character that cannot belong to it.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| ('0'..='?').contains(c)).is_some() {}
    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips an OSC/DCS/SOS/PM/APC payload up to its terminator (BEL, ST or
/// `ESC \`). An unterminated string ends at the next line break so that one
/// stray OSC cannot swallow a whole file.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | C1_ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

fn cap_graphemes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for grapheme in text.graphemes(true) {
        out.extend(grapheme.chars().take(MAX_GRAPHEME_CHARS));
    }
    out
}

/// True when nothing in `text` could drive a terminal (used by tests and
/// debug assertions at the render boundary).
pub fn is_clean(text: &str) -> bool {
    text.chars().all(|c| c == '\n' || !(c.is_control() || is_invisible_control(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_with_nothing_to_strip_passes_through() {
        let page = "<p>\tCafé «quoted» 日本 👩‍👩‍👧</p>\r\n";
        assert!(matches!(clean_markup(page), Cow::Borrowed(_)));
        for hostile in [
            "a\x1b[2Jb",
            "a\u{9b}b",
            "a\u{202e}b",
            "a\u{feff}b",
            "a\u{2028}b",
            "a\0b",
            "a\u{61c}b",
            "a\u{200f}b",
        ] {
            assert!(matches!(clean_markup(hostile), Cow::Owned(_)), "{hostile:?}");
            assert!(is_clean(&clean_markup(hostile)), "{hostile:?}");
        }
        let zalgo = format!("Z{}", "\u{301}".repeat(40));
        assert_eq!(clean_markup(&zalgo), clean(&zalgo));
    }

    fn check(input: &str, expected: &str) {
        let out = clean(input);
        assert_eq!(out, expected, "input {input:?}");
        assert!(is_clean(&out));
        assert_eq!(clean(&out), out, "idempotent for {input:?}");
    }

    #[test]
    fn plain_ascii_is_borrowed() {
        assert!(matches!(clean("Hello, world.\nSecond line"), Cow::Borrowed(_)));
    }

    #[test]
    fn cursor_and_erase_sequences_vanish() {
        check("\x1b[2J\x1b[H", "");
        check("a\x1b[1Ab", "ab");
        check("safe\rEVIL", "safe\nEVIL");
        check("x\x08y", "xy");
        check("I \x1b[0;36mwas\x1b[0m here!", "I was here!");
    }

    #[test]
    fn osc_title_and_clipboard_vanish() {
        check("\x1b]0;pwned\x07title", "title");
        check("\x1b]0;pwned\x1b\\title", "title");
        check("\x1b]52;c;cm0gLXJmIH4K\x07", "");
        check("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click");
    }

    #[test]
    fn eight_bit_controls_vanish() {
        check("\u{9b}31mred", "red");
        check("\u{9d}0;t\u{9c}after", "after");
        check("a\u{85}b", "ab");
    }

    #[test]
    fn terminal_queries_vanish() {
        check("\x1bP$q\"p\x1b\\", "");
        check("\x1b[>0q", "");
        check("\x1b[6n", "");
        check("\x1b[21t", "");
    }

    #[test]
    fn bidi_controls_vanish() {
        check("\u{202E}gpj.exe", "gpj.exe");
        check("a\u{2066}b\u{2069}", "ab");
        check("\u{200F}x", "x");
    }

    #[test]
    fn combining_runs_are_capped() {
        let zalgo = format!("e{}", "\u{301}".repeat(5000));
        let out = clean(&zalgo);
        assert_eq!(out.chars().count(), MAX_GRAPHEME_CHARS);
        assert_eq!(clean(&out), out);
    }

    #[test]
    fn non_ascii_without_controls_is_borrowed() {
        assert!(matches!(clean("Grüße aus Saltmere — “hei”"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_emoji_sequences_survive() {
        let family = "👨‍👩‍👧‍👦👩‍❤️‍💋‍👨";
        assert_eq!(clean(family), family);
    }

    #[test]
    fn tabs_nul_bom_and_separators() {
        check("\tindent", " indent");
        check("a\0b", "ab");
        check("\u{FEFF}t", "t");
        check("l1\u{2028}l2", "l1\nl2");
    }

    #[test]
    fn legitimate_text_survives_byte_for_byte() {
        for text in [
            "👨‍👩‍👧‍👦 🇯🇵 ⌨️ 日本語",
            "Ζωή, ελευθερία — «Привет» „Grüße“ naïve café",
            "مرحبا بالعالم שלום עולם",
            "क्षत्रिय ZWNJ\u{200c}kept",
        ] {
            assert_eq!(clean(text), text);
        }
    }

    #[test]
    fn lossy_bytes_leave_no_raw_c1() {
        let decoded = String::from_utf8_lossy(&[0xC3, 0x28, 0x9B, 0xFF]);
        let out = clean(&decoded);
        assert!(out.chars().all(|c| c == '\u{FFFD}' || c == '('));
    }

    #[test]
    fn clean_line_joins_lines() {
        assert_eq!(clean_line("a\nb\t c  "), "a b c");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        check("\x1b]0;never ends\nnext line", "\nnext line");
    }
}
