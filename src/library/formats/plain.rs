//! The scraped plain-text format:
//!
//! ```text
//! Headline
//!
//! Headline                <- often repeated; dropped
//! By Jane Doe and Jo Roe  <- optional byline
//!
//! Body paragraphs, separated by blank lines...
//!
//! Jane Doe                <- optional author block: the name alone on a line,
//! Jane Doe is a reporter  <- then a bio that begins with that name
//! ```
//!
//! The author block is only taken when the bio really begins with the name:
//! a short last paragraph that merely looks like a name stays body text.

use super::ParseError;
use crate::library::article::{Block, Byline, ParsedArticle};
use crate::library::author::{AuthorKey, clean_name, split_names, strip_by};

/// One run of non-blank lines, with the number of its first line.
#[derive(Debug, Clone)]
struct Chunk<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

impl Chunk<'_> {
    fn joined(&self) -> String {
        self.lines.join(" ")
    }

    fn single(&self) -> Option<&str> {
        match self.lines.as_slice() {
            [line] => Some(line),
            _ => None,
        }
    }
}

pub fn parse(text: &str) -> Result<ParsedArticle, ParseError> {
    let mut chunks = chunks(text);
    if chunks.is_empty() {
        return Err(ParseError::new(None, "the file is empty"));
    }

    let first = chunks.remove(0);
    let title = first.lines[0].to_owned();
    // Lines under the headline in the same chunk: each header-like line is
    // looked at on its own; whatever follows is body.
    let mut header_rest: Vec<Chunk<'_>> = Vec::new();
    let mut rest_lines = &first.lines[1..];
    while let Some((line, tail)) = rest_lines.split_first() {
        if !is_repetition(line, &title) && byline_names(line).is_none() {
            break;
        }
        header_rest.push(Chunk { line: first.line + header_rest.len() + 1, lines: vec![line] });
        rest_lines = tail;
    }
    if !rest_lines.is_empty() {
        let line = first.line + first.lines.len() - rest_lines.len();
        chunks.insert(0, Chunk { line, lines: rest_lines.to_vec() });
    }
    for (i, chunk) in header_rest.into_iter().enumerate() {
        chunks.insert(i, chunk);
    }

    let mut bylines: Vec<Byline> = Vec::new();
    // The repetition and the byline come in either order, each at most once.
    for _ in 0..2 {
        let Some(line) = chunks.first().and_then(Chunk::single) else { break };
        if is_repetition(line, &title) {
            chunks.remove(0);
        } else if let Some(names) = byline_names(line) {
            if !bylines.is_empty() {
                break;
            }
            bylines.extend(names.into_iter().map(Byline::new));
            chunks.remove(0);
        } else {
            break;
        }
    }
    // A second repetition after the byline.
    if chunks.first().and_then(Chunk::single).is_some_and(|l| is_repetition(l, &title)) {
        chunks.remove(0);
    }

    let mut chunks = one_paragraph_per_line(chunks);
    let known: Vec<String> = bylines.iter().map(|b| b.name.clone()).collect();
    for block in take_author_blocks(&mut chunks, &known) {
        merge_byline(&mut bylines, block);
    }

    let body: Vec<Block> = chunks.iter().map(|c| Block::paragraph(c.joined())).collect();
    let mut warnings = Vec::new();
    if body.is_empty() {
        warnings.push("the article has a headline but no body text".to_owned());
    }
    Ok(ParsedArticle { title, bylines, body, warnings, line: 1, ..ParsedArticle::default() })
}

/// Some scrapers put each paragraph on its own line with no blank line
/// between. A run of lines that mostly end a sentence (or that are far too
/// long to be hard-wrapped) is split into one paragraph per line; a
/// hard-wrapped paragraph, whose lines mostly stop mid-sentence, is not.
fn one_paragraph_per_line(chunks: Vec<Chunk<'_>>) -> Vec<Chunk<'_>> {
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let sentences = chunk.lines.iter().filter(|line| ends_sentence(line)).count();
        let long = chunk.lines.iter().any(|l| l.chars().count() > 200);
        let per_line = chunk.lines.len() >= 3 && (3 * sentences >= 2 * chunk.lines.len() || long);
        if per_line {
            out.extend(
                chunk
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| Chunk { line: chunk.line + i, lines: vec![*line] }),
            );
        } else {
            out.push(chunk);
        }
    }
    out
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?', ':'])
}

/// Splits text into runs of non-blank lines (CRLF, BOM and trailing spaces
/// already handled by the caller or harmless here).
fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks: Vec<Chunk<'_>> = Vec::new();
    let mut current: Option<Chunk<'_>> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            chunks.extend(current.take());
        } else {
            current.get_or_insert_with(|| Chunk { line: index + 1, lines: Vec::new() }).lines.push(line);
        }
    }
    chunks.extend(current);
    chunks
}

/// Removes author blocks from the end of the body, last first, and returns
/// them in reading order. `known` are the names a byline gave, whose bio
/// may stand alone at the end.
fn take_author_blocks(chunks: &mut Vec<Chunk<'_>>, known: &[String]) -> Vec<Byline> {
    let mut found = Vec::new();
    while let Some((byline, consumed)) = author_block_at_end(chunks, known) {
        chunks.truncate(chunks.len() - consumed);
        found.push(byline);
    }
    // An "About the author" heading above the blocks is not body text.
    if !found.is_empty() && chunks.last().and_then(Chunk::single).is_some_and(is_about_heading) {
        chunks.pop();
    }
    found.reverse();
    found
}

/// The author block ending `chunks`, and how many chunks it takes up.
fn author_block_at_end(chunks: &[Chunk<'_>], known: &[String]) -> Option<(Byline, usize)> {
    let last = chunks.last()?;
    // Name and bio in one chunk.
    if let [first, rest @ ..] = last.lines.as_slice()
        && !rest.is_empty()
        && let Some(name) = name_of_line(first)
    {
        let bio = rest.join(" ");
        if is_bio_of(&bio, &name) {
            return Some((Byline { name, bio: Some(bio) }, 1));
        }
    }
    // Name, a blank line, then the bio.
    if let [.., before, _] = chunks
        && let Some(name) = before.single().and_then(name_of_line)
    {
        let bio = last.joined();
        if is_bio_of(&bio, &name) {
            return Some((Byline { name, bio: Some(bio) }, 2));
        }
    }
    // A bio alone, about someone the byline named.
    let bio = last.joined();
    known
        .iter()
        .find(|name| bio_begins_with(&bio, name) && sounds_like_a_bio(&bio))
        .map(|name| (Byline { name: name.clone(), bio: Some(bio) }, 1))
}

/// The name on an author line: the whole line, or what stands before a
/// comma, pipe or dash ("Jane Doe, Staff Writer", "Jane Doe | Reporter").
fn name_of_line(line: &str) -> Option<String> {
    if looks_like_name(line) {
        return Some(clean_name(line));
    }
    let head = line.split([',', '|', '–', '—']).next()?.split(" - ").next()?.trim();
    (head.len() < line.len() && looks_like_name(head)).then(|| clean_name(head))
}

/// Whether `bio` is the bio of `name`: it begins with the name, or with the
/// first name in a paragraph that reads like a bio ("Jane covers ...").
fn is_bio_of(bio: &str, name: &str) -> bool {
    bio_begins_with(bio, name) || (bio_begins_with_first_name(bio, name) && sounds_like_a_bio(bio))
}

fn bio_begins_with_first_name(bio: &str, name: &str) -> bool {
    let mut name_words = name.split_whitespace();
    let (Some(first), Some(_)) = (name_words.next(), name_words.next()) else { return false };
    let Some(bio_first) = bio.split_whitespace().next() else { return false };
    let bare = bio_first.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(',');
    AuthorKey::of(bare) == AuthorKey::of(first)
}

/// Phrases that bios use and news paragraphs rarely end an article with.
fn sounds_like_a_bio(text: &str) -> bool {
    const CUES: [&str; 22] = [
        " is a ",
        " is an ",
        " is the ",
        " was a ",
        " covers ",
        " writes ",
        " reports ",
        " reporter",
        " editor",
        " correspondent",
        " journalist",
        " columnist",
        " contributor",
        " has covered",
        " has written",
        " has reported",
        " joined ",
        " author of ",
        " writer",
        " based in ",
        " graduate of ",
        " previously ",
    ];
    let lower = format!(" {} ", text.to_lowercase());
    CUES.iter().any(|cue| lower.contains(cue))
}

fn is_about_heading(line: &str) -> bool {
    let lower = comparable(line);
    matches!(
        lower.as_str(),
        "abouttheauthor" | "abouttheauthors" | "aboutthewriter" | "abouttheauthorsofthisarticle"
    )
}

/// Adds an author block to the bylines, attaching its bio where the byline
/// already named the same person.
fn merge_byline(bylines: &mut Vec<Byline>, block: Byline) {
    let key = AuthorKey::of(&block.name);
    match bylines.iter_mut().find(|b| AuthorKey::of(&b.name) == key) {
        Some(existing) => existing.bio = block.bio,
        None => bylines.push(block),
    }
}

/// A normalised form for comparing a headline with its repetition.
fn comparable(text: &str) -> String {
    comparable_chars(text).collect()
}

/// The characters of [`comparable`], made as they are compared.
fn comparable_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// Whether `line` repeats the headline, exactly or with a site name added
/// or dropped ("Headline | The Daily Example").
fn is_repetition(line: &str, title: &str) -> bool {
    // Give or take a short site name: a much longer line (a paragraph) is
    // not one, and folding it would cost a pass over the whole paragraph.
    if line.len() > title.len() * 2 + 100 || title.len() > line.len() * 2 + 100 {
        return false;
    }
    // Compared as made, so that a line that is not the headline stops at
    // its first different character.
    let mut a = comparable_chars(line).peekable();
    if a.peek().is_none() {
        return false;
    }
    a.eq(comparable_chars(title)) || with_site_suffix(line, title) || with_site_suffix(title, line)
}

/// `longer` is `shorter` followed by a separator and a short site name.
fn with_site_suffix(longer: &str, shorter: &str) -> bool {
    let Some(head) = longer.get(..shorter.len()) else { return false };
    if !head.eq_ignore_ascii_case(shorter) || shorter.trim().is_empty() {
        return false;
    }
    let rest = longer[shorter.len()..].trim_start();
    let Some(site) =
        ["|", " - ", "-", "–", "—", "::", "·"].iter().find_map(|sep| rest.strip_prefix(sep.trim()))
    else {
        return false;
    };
    let words = site.split_whitespace().count();
    (1..=6).contains(&words) && !site.trim_end().ends_with('.')
}

/// The names of a `By A` / `By A and B` line, or `None` when it is not one.
fn byline_names(line: &str) -> Option<Vec<String>> {
    let rest = strip_by(line);
    if rest.len() == line.trim_start().len() || line.len() > 160 {
        return None;
    }
    let names: Vec<String> = split_names(rest).into_iter().filter(|n| !is_job_title(n)).collect();
    let all_names = !names.is_empty() && names.len() <= 8 && names.iter().all(|n| looks_like_name(n));
    all_names.then_some(names)
}

/// Words that follow a name in a byline ("By Jane Doe, Staff Writer").
fn is_job_title(text: &str) -> bool {
    const TITLES: [&str; 10] = [
        "reporter",
        "correspondent",
        "editor",
        "writer",
        "staff",
        "contributor",
        "columnist",
        "analyst",
        "producer",
        "bureau",
    ];
    text.split_whitespace().any(|w| TITLES.contains(&w.to_lowercase().trim_end_matches('s')))
}

/// Lower-case words that may stand inside a name.
const NAME_PARTICLES: [&str; 17] = [
    "de", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der", "den", "la", "le", "bin",
    "al", "y",
];

/// Whether a line could be a person's name: one to five capitalised words of
/// letters (with hyphens, apostrophes and initials), no digits, and not a
/// sentence.
pub(crate) fn looks_like_name(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || line.chars().count() > 60 {
        return false;
    }
    let last = words[words.len() - 1];
    if last.ends_with('.') && last.trim_end_matches('.').chars().count() > 3 {
        return false;
    }
    let mut capitalised = 0;
    for word in &words {
        let ok_chars = word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        if !ok_chars {
            return false;
        }
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if !NAME_PARTICLES.contains(&word.to_lowercase().as_str()) {
            return false;
        }
    }
    capitalised > 0
}

/// Whether `bio` begins with `name` (case and spacing aside) followed by more
/// text, as an author's bio does.
fn bio_begins_with(bio: &str, name: &str) -> bool {
    let name = clean_name(name);
    let bio_words: Vec<&str> = bio.split_whitespace().collect();
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if name_words.is_empty() || bio_words.len() <= name_words.len() {
        return false;
    }
    let same = |a: &str, b: &str| AuthorKey::of(a) == AuthorKey::of(b);
    let (head, last_name_word) = name_words.split_at(name_words.len() - 1);
    if !head.iter().zip(&bio_words).all(|(n, b)| same(n, b)) {
        return false;
    }
    // The last word of the name may carry punctuation or a possessive in the
    // bio ("Jane Doe's", "Jane Doe, a reporter").
    let bio_word = bio_words[name_words.len() - 1];
    let bare = bio_word.trim_end_matches([',', ';', ':']).trim_end_matches("'s").trim_end_matches("’s");
    same(bare, last_name_word[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(article: &ParsedArticle) -> Vec<&str> {
        article.bylines.iter().map(|b| b.name.as_str()).collect()
    }

    fn paragraphs(article: &ParsedArticle) -> Vec<&str> {
        article.body.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn the_scraped_layout() {
        let text = "Tides rise at the harbour\n\nTides rise at the harbour\n\nThe water came in early.\n\nBoats were moved.\n\nMara Quist\nMara Quist writes about the coast for the Ledger.  ";
        let a = parse(text).unwrap();
        assert_eq!(a.title, "Tides rise at the harbour");
        assert_eq!(paragraphs(&a), ["The water came in early.", "Boats were moved."]);
        assert_eq!(names(&a), ["Mara Quist"]);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Mara Quist writes about the coast for the Ledger."));
    }

    #[test]
    fn blank_line_between_name_and_bio() {
        let text = "Title\n\nBody one.\n\nIvo Brandt\n\nIvo Brandt covers science.\n";
        let a = parse(text).unwrap();
        assert_eq!(paragraphs(&a), ["Body one."]);
        assert_eq!(names(&a), ["Ivo Brandt"]);
    }

    #[test]
    fn headline_not_repeated() {
        let a = parse("A headline\n\nFirst paragraph.\n\nSecond.").unwrap();
        assert_eq!(a.title, "A headline");
        assert_eq!(paragraphs(&a), ["First paragraph.", "Second."]);
        assert!(a.bylines.is_empty());
    }

    #[test]
    fn only_a_headline() {
        let a = parse("Just a headline\n").unwrap();
        assert_eq!(a.title, "Just a headline");
        assert!(a.body.is_empty());
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn empty_is_an_error() {
        assert!(parse("").is_err());
        assert!(parse("\n \n\t\n").is_err());
    }

    #[test]
    fn byline_under_headline() {
        let a = parse("Title\n\nBy Jane Doe and John Roe\n\nBody.").unwrap();
        assert_eq!(names(&a), ["Jane Doe", "John Roe"]);
        assert_eq!(paragraphs(&a), ["Body."]);
    }

    #[test]
    fn byline_under_repetition_and_directly_under_title() {
        let a = parse("Title\n\nTitle\n\nBy Jane Doe\n\nBody.").unwrap();
        assert_eq!(names(&a), ["Jane Doe"]);
        assert_eq!(paragraphs(&a), ["Body."]);
        let b = parse("Title\nBy Ann Lee, Staff Writer\n\nBody.").unwrap();
        assert_eq!(names(&b), ["Ann Lee"]);
        assert_eq!(paragraphs(&b), ["Body."]);
    }

    #[test]
    fn byline_and_author_block_merge() {
        let a = parse("Title\n\nBy Jane Doe\n\nBody.\n\nJANE DOE\nJane Doe edits the arts pages.").unwrap();
        assert_eq!(names(&a), ["Jane Doe"]);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Jane Doe edits the arts pages."));
    }

    #[test]
    fn sentence_like_last_paragraph_is_body() {
        let a = parse("Title\n\nBody.\n\nMultiple reports have surfaced.").unwrap();
        assert_eq!(paragraphs(&a), ["Body.", "Multiple reports have surfaced."]);
        assert!(a.bylines.is_empty());
    }

    #[test]
    fn numbered_heading_and_contributor_line_are_body() {
        let a =
            parse("Title\n\nIntro.\n\n3. Norway\n\nFjords.\n\nJane Roe contributed to this report.").unwrap();
        assert_eq!(
            paragraphs(&a),
            ["Intro.", "3. Norway", "Fjords.", "Jane Roe contributed to this report."]
        );
        assert!(a.bylines.is_empty());
    }

    #[test]
    fn bio_not_beginning_with_name_is_body() {
        let a = parse("Title\n\nBody.\n\nOla Berg\nShe has covered the region since 2009.").unwrap();
        assert!(a.bylines.is_empty());
        assert_eq!(paragraphs(&a), ["Body.", "Ola Berg She has covered the region since 2009."]);
    }

    #[test]
    fn name_like_line_then_unrelated_paragraph_is_body() {
        let a = parse("Title\n\nBody.\n\nThe Next Chapter\n\nIt begins in spring.").unwrap();
        assert!(a.bylines.is_empty());
        assert_eq!(paragraphs(&a), ["Body.", "The Next Chapter", "It begins in spring."]);
    }

    #[test]
    fn two_author_blocks() {
        let text = "T\n\nBody.\n\nAnn Lee\nAnn Lee writes.\n\nBo Park\nBo Park's photos appear weekly.";
        let a = parse(text).unwrap();
        assert_eq!(names(&a), ["Ann Lee", "Bo Park"]);
        assert_eq!(paragraphs(&a), ["Body."]);
    }

    #[test]
    fn crlf_bom_trailing_spaces_and_blank_runs() {
        let text = "\u{feff}Title  \r\n\r\n\r\n\r\nTitle\r\n\r\nBody line.   \r\n\r\n\r\nNina Ortiz\r\nNina Ortiz, a former teacher, writes on schools.\r\n";
        let a = parse(text).unwrap();
        assert_eq!(a.title, "Title");
        assert_eq!(paragraphs(&a), ["Body line."]);
        assert_eq!(names(&a), ["Nina Ortiz"]);
    }

    #[test]
    fn names_with_particles_initials_and_accents() {
        for name in [
            "Ana de la Cruz",
            "J. R. Okafor",
            "Zoë Ångström",
            "Seán O’Neill",
            "Mary-Kate Olsen",
            "Sam Hill Jr.",
        ] {
            assert!(looks_like_name(name), "{name}");
        }
        for line in
            ["Multiple reports have surfaced.", "3. Norway", "He said so", "Read more at 5", "Photo: AP"]
        {
            assert!(!looks_like_name(line), "{line}");
        }
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let a = parse("Title\n\nA long paragraph\nwrapped by hand.\n\nNext.").unwrap();
        assert_eq!(paragraphs(&a), ["A long paragraph wrapped by hand.", "Next."]);
    }

    #[test]
    fn name_line_with_a_job_title() {
        let a = parse("T\n\nBody.\n\nRia Sen, Staff Reporter\nRia Sen covers courts.").unwrap();
        assert_eq!(names(&a), ["Ria Sen"]);
        assert_eq!(paragraphs(&a), ["Body."]);
        let b = parse("T\n\nBody.\n\nRia Sen | Reporter\n\nRia Sen covers courts.").unwrap();
        assert_eq!(names(&b), ["Ria Sen"]);
    }

    #[test]
    fn bio_beginning_with_the_first_name() {
        let a = parse("T\n\nBody.\n\nTeodor Vance\nTeodor is a reporter on the city desk.").unwrap();
        assert_eq!(names(&a), ["Teodor Vance"]);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Teodor is a reporter on the city desk."));
        // Without bio-like wording, a shared first word is not enough.
        let b = parse("T\n\nBody.\n\nThe Long Road\n\nThe road opened on Monday after repairs.").unwrap();
        assert!(b.bylines.is_empty());
        assert_eq!(b.body.len(), 3);
    }

    #[test]
    fn about_the_author_heading_is_dropped() {
        let a = parse("T\n\nBody.\n\nAbout the author\n\nUma Roy\nUma Roy writes on food.").unwrap();
        assert_eq!(paragraphs(&a), ["Body."]);
        assert_eq!(names(&a), ["Uma Roy"]);
    }

    #[test]
    fn bio_alone_after_a_byline() {
        let a = parse("T\n\nBy Uma Roy\n\nBody.\n\nUma Roy is a food writer based in Leeds.").unwrap();
        assert_eq!(paragraphs(&a), ["Body."]);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Uma Roy is a food writer based in Leeds."));
        // A closing line about the byline author that is not a bio stays.
        let b = parse("T\n\nBy Uma Roy\n\nBody.\n\nUma Roy contributed reporting from Hull.").unwrap();
        assert_eq!(b.body.len(), 2);
    }

    #[test]
    fn repeated_headline_with_a_site_name() {
        let a = parse("Harbour reopens\n\nHarbour reopens | The Coast Gazette\n\nBody.").unwrap();
        assert_eq!(paragraphs(&a), ["Body."]);
        let b = parse("Harbour reopens - Coast Gazette\n\nHarbour reopens\n\nBody.").unwrap();
        assert_eq!(paragraphs(&b), ["Body."]);
        // A first paragraph that merely starts like the headline stays.
        let c = parse("Harbour reopens\n\nHarbour reopens after a long winter of repairs.\n\nMore.").unwrap();
        assert_eq!(c.body.len(), 2);
    }

    #[test]
    fn paragraphs_one_per_line_without_blank_lines() {
        let text = "Ferry strike ends\nFerry strike ends\nThe ferries run again from Monday.\nUnions agreed a deal overnight.\n“It is fair,” said Ola Berg.\nMina Lund\nMina Lund reports on transport.";
        let a = parse(text).unwrap();
        assert_eq!(a.title, "Ferry strike ends");
        assert_eq!(paragraphs(&a).len(), 3, "{:?}", paragraphs(&a));
        assert_eq!(names(&a), ["Mina Lund"]);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Mina Lund reports on transport."));
        // A hard-wrapped paragraph stays one paragraph.
        let wrapped =
            parse("T\n\nThis paragraph was wrapped\nby hand at a narrow width\nand ends here.\n\nNext.")
                .unwrap();
        assert_eq!(
            paragraphs(&wrapped)[0],
            "This paragraph was wrapped by hand at a narrow width and ends here."
        );
    }

    #[test]
    fn a_by_sentence_is_not_a_byline() {
        let a = parse("Title\n\nBy the end of the week, prices fell.\n\nMore.").unwrap();
        assert!(a.bylines.is_empty());
        assert_eq!(paragraphs(&a)[0], "By the end of the week, prices fell.");
    }
}
