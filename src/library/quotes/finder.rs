//! Pairing quotation marks.
//!
//! Five families of marks pair among themselves: double (“ ” „ " and the
//! doubled ’’ ‘‘ `` forms), guillemets (« »), single (‘ ’ ‚ ' ‹ ›), which
//! mostly nest inside the others, and the corner brackets of Chinese and
//! Japanese (「 」, with 『 』 inside them), which say by their glyph alone
//! whether they open or close. Whether a mark opens or closes is
//! read from what stands beside it, so mixed straight/curly pairs, German
//! „…“, Swedish ”…” and French « … » with inner spaces all pair. A single
//! closing mark between letters, or one that no open single quotation is
//! waiting for, is an apostrophe (don’t, the ’90s, rock ’n’ roll, students’
//! union). Nothing stays open past its paragraph unless the next paragraph
//! opens with a mark of the same family: that is one quotation running over
//! several paragraphs.

use super::{Quote, QuoteSpan};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    Single,
    Corner,
    WhiteCorner,
}

/// What a mark can do, given its glyph alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glyph {
    /// “ — opens, but closes a „ and closes in typos (“…“).
    DoubleLeft,
    /// ” — closes; opens in the Swedish style.
    DoubleRight,
    /// „ — always opens.
    DoubleLow,
    /// " — either.
    DoubleStraight,
    /// ’’ or '' — closes.
    DoubleFromSingles,
    /// ‘‘ or `` — opens.
    DoubleOpenFromSingles,
    GuillemetLeft,
    GuillemetRight,
    /// ‘ — opens (closes a ‚).
    SingleLeft,
    /// ’ — closes, or is an apostrophe.
    SingleRight,
    /// ‚ — opens.
    SingleLow,
    /// ' — either, or an apostrophe.
    SingleStraight,
    SingleGuillemetLeft,
    SingleGuillemetRight,
    /// 「 and 」.
    CornerLeft,
    CornerRight,
    /// 『 and 』.
    WhiteCornerLeft,
    WhiteCornerRight,
}

impl Glyph {
    fn family(self) -> Family {
        match self {
            Self::DoubleLeft
            | Self::DoubleRight
            | Self::DoubleLow
            | Self::DoubleStraight
            | Self::DoubleFromSingles
            | Self::DoubleOpenFromSingles => Family::Double,
            Self::GuillemetLeft | Self::GuillemetRight => Family::Guillemet,
            Self::CornerLeft | Self::CornerRight => Family::Corner,
            Self::WhiteCornerLeft | Self::WhiteCornerRight => Family::WhiteCorner,
            _ => Family::Single,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    glyph: Glyph,
}

/// The quotation marks of a paragraph, in order. Only the bytes that can
/// start a mark are looked at: `"`, `'`, `` ` `` and the lead bytes of
/// « » (U+00AB, U+00BB), of the typographic marks (U+2018-U+203A) and of
/// the corner brackets (U+300C-U+300F).
fn marks(text: &str) -> Vec<Mark> {
    /// The bytes that can start a mark.
    const STARTS_MARK: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = matches!(b as u8, b'"' | b'\'' | b'`' | 0xc2 | 0xe2 | 0xe3);
            b += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut marks: Vec<Mark> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        // Sixteen bytes at a time past plain ASCII, without a branch per byte.
        if let Some(chunk) = bytes.get(at..at + 16)
            && !chunk
                .iter()
                .fold(false, |any, &b| any | (b >= 0x80) | (b == b'"') | (b == b'\'') | (b == b'`'))
        {
            at += 16;
            continue;
        }
        let Some(skip) = bytes[at..].iter().position(|&b| STARTS_MARK[usize::from(b)]) else {
            break;
        };
        let start = at + skip;
        let c = text[start..].chars().next().expect("a mark starts at a char boundary");
        at = start + c.len_utf8();
        let single = |glyph| Some((glyph, c.len_utf8()));
        let next = text[at..].chars().next();
        let found = match c {
            '“' => single(Glyph::DoubleLeft),
            '”' => single(Glyph::DoubleRight),
            '„' => single(Glyph::DoubleLow),
            '"' => single(Glyph::DoubleStraight),
            '«' => single(Glyph::GuillemetLeft),
            '»' => single(Glyph::GuillemetRight),
            '‹' => single(Glyph::SingleGuillemetLeft),
            '「' => single(Glyph::CornerLeft),
            '」' => single(Glyph::CornerRight),
            '『' => single(Glyph::WhiteCornerLeft),
            '』' => single(Glyph::WhiteCornerRight),
            '›' => single(Glyph::SingleGuillemetRight),
            '‚' => single(Glyph::SingleLow),
            // Two single marks together stand for a double one.
            '’' | '\'' if next == Some(c) => Some((Glyph::DoubleFromSingles, 2 * c.len_utf8())),
            '‘' | '`' if next == Some(c) => Some((Glyph::DoubleOpenFromSingles, 2 * c.len_utf8())),
            '’' => single(Glyph::SingleRight),
            '‘' => single(Glyph::SingleLeft),
            '\'' => single(Glyph::SingleStraight),
            _ => None,
        };
        if let Some((glyph, len)) = found {
            marks.push(Mark { start, end: start + len, glyph });
            at = start + len;
        }
    }
    marks
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

/// Characters after which a quotation can open.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:;".contains(c) || is_mark_char(c),
    }
}

/// Characters before which a quotation can close.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}—–-…/".contains(c) || is_mark_char(c),
    }
}

fn is_mark_char(c: char) -> bool {
    "“”„\"«»‹›‚’‘'`「」『』".contains(c)
}

/// Where a mark stands: what is just before and just after it.
#[derive(Debug, Clone, Copy)]
struct Context {
    before: Option<char>,
    after: Option<char>,
}

impl Context {
    fn of(text: &str, mark: &Mark) -> Self {
        Self { before: text[..mark.start].chars().next_back(), after: text[mark.end..].chars().next() }
    }

    /// Looks like the start of a quotation: space or opening punctuation
    /// before, text after.
    fn opening(self) -> bool {
        opens_after(self.before) && !is_space(self.after)
    }

    /// Looks like the end: text before, space or punctuation after.
    fn closing(self) -> bool {
        !is_space(self.before) && closes_before(self.after)
    }

    fn between_letters(self) -> bool {
        self.before.is_some_and(char::is_alphanumeric) && self.after.is_some_and(char::is_alphanumeric)
    }
}

/// Quotations nest at most this deep; deeper marks are ignored (so a line
/// of ten thousand opening marks costs no more than ten).
const MAX_DEPTH: usize = 4;

/// A quotation still open while we scan.
#[derive(Debug, Clone)]
struct Open {
    family: Family,
    glyph: Glyph,
    /// Index into the quotes being built.
    quote: usize,
}

/// A quotation being built.
#[derive(Debug, Clone)]
struct Building {
    spans: Vec<QuoteSpan>,
    depth: u8,
}

/// Finds every quotation in the paragraphs, outer ones before those nested
/// inside them, in reading order of their opening marks.
pub fn find_quotes(paragraphs: &[&str]) -> Vec<Quote> {
    let mut built: Vec<Building> = Vec::new();
    // The quotation carried into the next paragraph, if any.
    let mut carried: Option<usize> = None;
    for (p, text) in paragraphs.iter().enumerate() {
        let marks = marks(text);
        let mut stack: Vec<Open> = Vec::new();
        let mut first_mark = 0;
        if let Some(quote) = carried.take() {
            // The continuing paragraph opens with a mark of the same family.
            let mark = marks[0];
            built[quote].spans.push(QuoteSpan {
                paragraph: p,
                start: mark.start,
                end: text.len(),
                open_mark: Some((mark.start, mark.end)),
                close_mark: None,
            });
            stack.push(Open { family: mark.glyph.family(), glyph: mark.glyph, quote });
            first_mark = 1;
        }
        // The last mark that could close a single quotation, so that "is
        // there a closer later?" costs nothing per mark.
        let last_single_closer = marks
            .iter()
            .rposition(|m| matches!(m.glyph, Glyph::SingleRight | Glyph::SingleStraight | Glyph::SingleLeft));
        for (i, mark) in marks.iter().enumerate().skip(first_mark) {
            let closer_later = last_single_closer.is_some_and(|last| last > i);
            match decide(mark, text, &stack, closer_later) {
                Decision::Open if stack.len() >= MAX_DEPTH => {}
                Decision::Open => {
                    let quote = built.len();
                    built.push(Building {
                        spans: vec![QuoteSpan {
                            paragraph: p,
                            start: mark.start,
                            end: text.len(),
                            open_mark: Some((mark.start, mark.end)),
                            close_mark: None,
                        }],
                        depth: stack.len() as u8,
                    });
                    stack.push(Open { family: mark.glyph.family(), glyph: mark.glyph, quote });
                }
                Decision::Close(level) => {
                    // Anything opened inside it and never closed ends here too.
                    for (depth, open) in stack.drain(level..).enumerate() {
                        let span = built[open.quote].spans.last_mut().expect("a span per open quote");
                        if depth == 0 {
                            span.end = mark.end;
                            span.close_mark = Some((mark.start, mark.end));
                        } else {
                            span.end = mark.start;
                        }
                    }
                }
                Decision::Ignore => {}
            }
        }
        // Whatever is still open: continue into the next paragraph if it
        // opens with the same family, else end here.
        let next_opens = paragraphs.get(p + 1).and_then(|next| continuation_family(next));
        if let Some(outer) = stack.first()
            && next_opens == Some(outer.family)
            && outer.family != Family::Single
        {
            carried = Some(outer.quote);
        }
        for open in &stack {
            let span = built[open.quote].spans.last_mut().expect("a span per open quote");
            span.end = text.trim_end().len().max(span.start);
        }
    }
    built
        .into_iter()
        .filter_map(|b| {
            let text = quote_text(paragraphs, &b.spans);
            (!text.is_empty()).then(|| Quote {
                paragraph: b.spans[0].paragraph,
                spans: b.spans,
                text,
                speaker: None,
                speaker_span: None,
                depth: b.depth,
            })
        })
        .collect()
}

/// The family of the mark a paragraph opens with, if it opens with one.
fn continuation_family(text: &str) -> Option<Family> {
    let mark = *marks(text.trim_start()).first()?;
    if mark.start != 0 {
        return None;
    }
    match mark.glyph {
        Glyph::DoubleLeft | Glyph::DoubleLow | Glyph::DoubleStraight | Glyph::DoubleOpenFromSingles => {
            Some(Family::Double)
        }
        Glyph::GuillemetLeft => Some(Family::Guillemet),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Open,
    /// Close the quotation at this stack level (and any above it).
    Close(usize),
    Ignore,
}

/// The innermost open quotation of a family, as a stack level (the stack
/// is at most [`MAX_DEPTH`] deep).
fn innermost(stack: &[Open], family: Family) -> Option<usize> {
    stack.iter().rposition(|o| o.family == family)
}

/// What a mark does, from its glyph, its neighbours, the open quotations
/// and the marks after it in the paragraph.
fn decide(mark: &Mark, text: &str, stack: &[Open], closer_later: bool) -> Decision {
    let glyph = mark.glyph;
    let context = Context::of(text, mark);
    let family = glyph.family();
    let open = innermost(stack, family);
    let close_or_ignore = || open.map_or(Decision::Ignore, Decision::Close);
    match glyph {
        Glyph::DoubleLow | Glyph::DoubleOpenFromSingles | Glyph::SingleLow => Decision::Open,
        Glyph::DoubleFromSingles => close_or_ignore(),
        Glyph::DoubleLeft => match open {
            // „…“ closes with this glyph; so do typos like “…“.
            Some(level) if stack[level].glyph == Glyph::DoubleLow && context.closing() => {
                Decision::Close(level)
            }
            Some(level) if context.closing() && !context.opening() => Decision::Close(level),
            _ => Decision::Open,
        },
        Glyph::DoubleRight => match open {
            Some(level) => Decision::Close(level),
            None if context.opening() && !context.closing() => Decision::Open,
            None => Decision::Ignore,
        },
        Glyph::DoubleStraight => match open {
            Some(level) if context.closing() || !context.opening() => Decision::Close(level),
            // A straight pair nested inside curly marks.
            Some(level) if stack[level].glyph != Glyph::DoubleStraight => Decision::Open,
            Some(level) => Decision::Close(level),
            None if context.opening() => Decision::Open,
            None => Decision::Ignore,
        },
        Glyph::GuillemetLeft => match open {
            Some(level) if stack[level].glyph == Glyph::GuillemetRight => Decision::Close(level),
            _ => Decision::Open,
        },
        Glyph::GuillemetRight => match open {
            Some(level) => Decision::Close(level),
            // The »reversed« style of German and Danish print.
            None if context.opening() && !context.closing() => Decision::Open,
            None => Decision::Ignore,
        },
        Glyph::SingleGuillemetLeft | Glyph::CornerLeft | Glyph::WhiteCornerLeft => Decision::Open,
        Glyph::CornerRight | Glyph::WhiteCornerRight => close_or_ignore(),
        Glyph::SingleGuillemetRight => close_or_ignore(),
        Glyph::SingleLeft => match open {
            Some(level) if stack[level].glyph == Glyph::SingleLow && context.closing() => {
                Decision::Close(level)
            }
            _ if context.opening() && !context.after.is_some_and(|c| c.is_ascii_digit()) && closer_later => {
                Decision::Open
            }
            _ => Decision::Ignore,
        },
        Glyph::SingleRight | Glyph::SingleStraight => {
            if context.between_letters() {
                return Decision::Ignore; // don’t, O’Brien, Russia’s
            }
            match open {
                Some(level) if context.closing() => {
                    // "the students’ union": a plural possessive inside a
                    // single quotation, when a later mark closes it better.
                    let possessive = context.before.is_some_and(char::is_alphabetic)
                        && text[mark.end..].starts_with(' ')
                        && text[mark.end..].trim_start().starts_with(|c: char| c.is_lowercase())
                        && closer_later;
                    if possessive { Decision::Ignore } else { Decision::Close(level) }
                }
                None if glyph == Glyph::SingleStraight
                    && context.opening()
                    && context.after.is_some_and(char::is_alphabetic)
                    && closer_later =>
                {
                    Decision::Open
                }
                _ => Decision::Ignore,
            }
        }
    }
}

/// The quoted words of a quotation: each span without its marks, trimmed,
/// paragraphs joined by a blank line.
fn quote_text(paragraphs: &[&str], spans: &[QuoteSpan]) -> String {
    spans
        .iter()
        .map(|span| {
            let text = paragraphs[span.paragraph];
            let start = span.open_mark.map_or(span.start, |m| m.1);
            let end = span.close_mark.map_or(span.end, |m| m.0).max(start);
            text[start..end].trim()
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_found_wherever_it_falls_in_the_plain_text_around_it() {
        for before in 0..40 {
            for (mark, len) in [("\"", 1), ("'", 1), ("“", 3), ("«", 2)] {
                let text = format!("{}{mark}{}", "x".repeat(before), "y".repeat(40 - before));
                let found: Vec<(usize, usize)> = marks(&text).iter().map(|m| (m.start, m.end)).collect();
                assert_eq!(found, vec![(before, before + len)], "{text:?}");
            }
        }
    }

    fn texts(paragraphs: &[&str]) -> Vec<String> {
        find_quotes(paragraphs).into_iter().map(|q| q.text).collect()
    }

    fn one(paragraph: &str) -> Vec<String> {
        texts(&[paragraph])
    }

    /// The exact range of the n-th quotation in a one-paragraph text.
    fn range(paragraph: &str, n: usize) -> &str {
        let q = &find_quotes(&[paragraph])[n];
        &paragraph[q.spans[0].start..q.spans[0].end]
    }

    #[test]
    fn corner_brackets_with_white_ones_inside() {
        let p = "組合長は「船を守るための『最後の壁』だ」と話した。女性は「安心した」と語った。";
        assert_eq!(one(p), ["船を守るための『最後の壁』だ", "最後の壁", "安心した"]);
        assert_eq!(range(p, 0), "「船を守るための『最後の壁』だ」");
        // Kana around them are never taken for marks.
        assert_eq!(one("かさ上げ工事が始まった。"), Vec::<String>::new());
        // A stray closing bracket closes nothing.
        assert_eq!(one("」と話した。"), Vec::<String>::new());
    }

    #[test]
    fn curly_doubles() {
        let p = "“We are ready,” she said. “Are you?”";
        assert_eq!(one(p), ["We are ready,", "Are you?"]);
        assert_eq!(range(p, 0), "“We are ready,”");
        let q = &find_quotes(&[p])[1];
        assert_eq!((q.spans[0].start, q.spans[0].end), (p.find("“Are").unwrap(), p.len()));
    }

    #[test]
    fn straight_doubles_pair_by_position() {
        assert_eq!(one("He said \"no\" and \"yes\" in turn."), ["no", "yes"]);
        assert_eq!(one("\"Start here,\" she said. \"Then there.\""), ["Start here,", "Then there."]);
        // An inch mark is no quotation.
        assert!(one("A 13\" screen and a 15\" one.").is_empty());
    }

    #[test]
    fn mixed_straight_and_curly_pairs() {
        assert_eq!(one("“Mixed up\" pair, and \"the other” way."), ["Mixed up", "the other"]);
    }

    #[test]
    fn guillemets_with_and_without_inner_spaces() {
        assert_eq!(one("«Ask me later,» she said."), ["Ask me later,"]);
        assert_eq!(one("Il a dit « non merci » hier."), ["non merci"]);
        assert_eq!(one("Il a dit «\u{a0}non\u{a0}» hier."), ["non"]);
        assert_eq!(one("Er sagte »nein« und ging."), ["nein"]);
    }

    #[test]
    fn german_and_swedish_doubles() {
        assert_eq!(
            one("„Nobody here is brave“, said Kolle."),
            ["Nobody here is brave“".trim_end_matches('“')]
        );
        assert_eq!(one("„Zu spät”, sagte sie."), ["Zu spät"]);
        assert_eq!(one("Han sa ”nej” igen."), ["nej"]);
    }

    #[test]
    fn nested_singles() {
        let found = find_quotes(&["“She said, ‘Rain never stops,’ and left,” he recalled."]);
        let shown: Vec<(&str, u8)> = found.iter().map(|q| (q.text.as_str(), q.depth)).collect();
        assert_eq!(shown, [("She said, ‘Rain never stops,’ and left,", 0), ("Rain never stops,", 1)]);
        let found = find_quotes(&["\"We had a sign: 'Days since the N4 was cut,'\" she said."]);
        let shown: Vec<(&str, u8)> = found.iter().map(|q| (q.text.as_str(), q.depth)).collect();
        assert_eq!(
            shown,
            [("We had a sign: 'Days since the N4 was cut,'", 0), ("Days since the N4 was cut,", 1)]
        );
    }

    #[test]
    fn british_singles_at_the_top_level() {
        assert_eq!(one("‘It was a mistake,’ the minister said."), ["It was a mistake,"]);
        assert_eq!(one("'Plain quotes too,' he said."), ["Plain quotes too,"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        for p in [
            "Don’t tell me about Russia’s plans.",
            "It was the ’90s and rock ’n’ roll was loud.",
            "The students’ union met O’Brien.",
            "Don't tell the students' union about the '90s.",
            "Ma‘am, it’s fine.",
        ] {
            assert!(one(p).is_empty(), "{p}: {:?}", one(p));
        }
    }

    #[test]
    fn apostrophes_inside_quotes() {
        assert_eq!(one("“Don’t go to the students’ union,” she said."), ["Don’t go to the students’ union,"]);
        assert_eq!(one("‘The students’ union won’t agree,’ he said."), ["The students’ union won’t agree,"]);
        assert_eq!(one("“It’s rock ’n’ roll,” he said."), ["It’s rock ’n’ roll,"]);
    }

    #[test]
    fn doubled_singles_close_a_double() {
        assert_eq!(one("“Closed oddly’’ he said."), ["Closed oddly"]);
        assert_eq!(one("``TeX style'' quotes."), ["TeX style"]);
    }

    #[test]
    fn multi_paragraph_quotation_is_one() {
        let paragraphs =
            ["“When I started, I was wrong.", "“By the second winter I knew,” he said.", "After."];
        let found = find_quotes(&paragraphs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "When I started, I was wrong.\n\nBy the second winter I knew,");
        assert_eq!(found[0].spans.len(), 2);
        assert_eq!(found[0].paragraph, 0);
        assert_eq!(found[0].spans[1].end, paragraphs[1].find(" he").unwrap());
    }

    #[test]
    fn unmatched_opening_mark_ends_at_its_paragraph() {
        let paragraphs =
            ["He said “this never closes.", "Next paragraph is narration.", "“A real one,” she said."];
        let found = find_quotes(&paragraphs);
        assert_eq!(
            found.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
            ["this never closes.", "A real one,"]
        );
        assert_eq!(found[0].spans.len(), 1);
        assert_eq!(found[1].paragraph, 2);
    }

    #[test]
    fn unclosed_nested_quote_ends_with_its_outer_quote() {
        let found = find_quotes(&["“He told me ‘go home, and I did,” she said. ‘Later’ came."]);
        let shown: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(shown, ["He told me ‘go home, and I did,", "go home, and I did,", "Later"]);
    }

    #[test]
    fn scare_quotes_and_titles() {
        assert_eq!(one("The so-called “experts” were wrong about “Hamlet” again."), ["experts", "Hamlet"]);
    }

    #[test]
    fn many_marks_stay_linear_and_sane() {
        let p = "“a” ".repeat(5000);
        assert_eq!(one(&p).len(), 5000);
        let lonely = "“".repeat(10_000);
        assert!(one(&lonely).len() <= MAX_DEPTH);
        let singles = "‘a ’b ".repeat(5000);
        assert!(one(&singles).len() <= 5000);
    }
}
