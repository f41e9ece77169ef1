//! Who said it: reading the attribution around each quotation.
//!
//! English news attributes speech in a handful of shapes, all read here from
//! the sentence around the quotation: “…,” Name said / said Name / Name told
//! reporters / according to Name / Name said: “…” / Name, a spokesman for Y,
//! said. A quotation with no attribution of its own continues the turn of
//! the last speaker in its paragraph. Pronouns (he, she, they) go to the
//! most recent named speaker; a bare surname or "Dr. Surname" goes to the
//! fullest name the article uses. Where nothing names a speaker, none is
//! given.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Quote;
use super::vocabulary::{PRONOUNS, QUOTE_EDGES, is_not_name, is_role, is_speech_verb};

/// How many words at the front of a capitalised run are roles or
/// determiners rather than the name ("Kremlin Spokesman", "The").
fn leading_non_name(words: impl Iterator<Item = String>) -> usize {
    let words: Vec<String> = words.collect();
    words
        .iter()
        .rposition(|w| {
            let bare = w.trim_end_matches('.');
            // "Secretary-General", "Vice-President": a role by any of its parts.
            let role = is_role(bare) || bare.split('-').any(is_role);
            role || is_not_name(w) || w.ends_with("-old") || is_acronym(w)
        })
        .map_or(0, |i| i + 1)
}

/// "U.N.", "U.S.": an organisation's initials before a title.
fn is_acronym(word: &str) -> bool {
    word.len() >= 3 && word.ends_with('.') && word.matches('.').count() >= 2
}

/// The person a subject names, reading appositives: "Kari Vold, a
/// spokeswoman, said", "One of them, Siri Dahl, said". A full name in any
/// comma-separated part wins; else a single name in the first part; else
/// the last name before the verb.
fn subject_person(subject: &[Word<'_>]) -> Option<Named> {
    if !subject.iter().any(Word::ends_clause) {
        return person_in(subject);
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, word) in subject.iter().enumerate() {
        if word.ends_clause() || i + 1 == subject.len() {
            parts.push(&subject[start..=i]);
            start = i + 1;
        }
    }
    let full = parts.iter().filter_map(|part| person_in(part)).find(|named| match named {
        Named::Person { name, .. } => name.contains(' '),
        Named::Pronoun { .. } => false,
    });
    full.or_else(|| {
        parts.first().filter(|p| p.first().is_some_and(Word::is_capitalised)).and_then(|p| person_in(p))
    })
    .or_else(|| person_in(subject))
}

/// A word of a paragraph and where it is.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl Word<'_> {
    /// The word without surrounding punctuation.
    fn bare(&self) -> &str {
        self.text
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\'')
            .trim_end_matches(['.', '’', '\''])
    }

    fn lower(&self) -> String {
        let bare = self.bare();
        if bare.is_ascii() { bare.to_ascii_lowercase() } else { bare.to_lowercase() }
    }

    /// The word lowercased, without copying one that already is.
    fn lower_cow(&self) -> std::borrow::Cow<'_, str> {
        let bare = self.bare();
        if bare.bytes().all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b.is_ascii()) {
            std::borrow::Cow::Borrowed(bare)
        } else {
            std::borrow::Cow::Owned(self.lower())
        }
    }

    fn is_capitalised(&self) -> bool {
        self.bare().chars().next().is_some_and(char::is_uppercase)
    }

    fn is_verb(&self) -> bool {
        is_speech_verb(&self.lower_cow())
    }

    fn ends_clause(&self) -> bool {
        self.text.ends_with([',', ';', ':'])
    }

    fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(['”', '"', '’', '\'', '»', ')']);
        t.ends_with(['.', '!', '?']) && !is_abbreviation(self.bare())
    }
}

/// Words whose full stop does not end a sentence: short titles (Dr., Sen.),
/// initials (J.), dotted acronyms (U.N., U.S.) and the usual shortenings.
fn is_abbreviation(word: &str) -> bool {
    const SHORT: &[&str] = &[
        "sen", "rep", "gov", "gen", "lt", "col", "sgt", "cpl", "adm", "supt", "det", "st", "mt", "ft", "jr",
        "sr", "inc", "corp", "co", "ltd", "dept", "univ", "vs", "no", "approx", "est", "ave", "rd", "mr",
        "mrs", "ms", "dr", "prof", "rev", "hon", "capt", "cmdr", "insp", "pres",
    ];
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    (is_role(bare) && word.len() <= 5)
        || SHORT.contains(&bare)
        || bare.contains('.')
        || (word.chars().count() <= 2 && word.chars().next().is_some_and(char::is_uppercase))
}

fn words(text: &str, start: usize, end: usize) -> Vec<Word<'_>> {
    let slice = &text[start..end];
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(ws) = word_start.take() {
                out.push(Word { text: &slice[ws..i], start: start + ws, end: start + i });
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(ws) = word_start {
        out.push(Word { text: &slice[ws..], start: start + ws, end });
    }
    out
}

/// A speaker as the attribution names them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    Person { name: String, start: usize, end: usize },
    Pronoun { start: usize, end: usize },
}

/// The person named by a run of words: the last run of capitalised words,
/// without leading roles and determiners. `None` for "the spokesman".
fn person_in(words: &[Word<'_>]) -> Option<Named> {
    if let [only] = words
        && PRONOUNS.contains(&only.lower().as_str())
    {
        return Some(Named::Pronoun { start: only.start, end: only.end });
    }
    // Runs of capitalised words; a run is broken by a lowercase word (other
    // than a name particle) or by a comma after a word.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run_start: Option<usize> = None;
    for (i, word) in words.iter().enumerate() {
        let particle = matches!(
            word.lower().as_str(),
            "de" | "van" | "von" | "der" | "da" | "di" | "del" | "la" | "bin" | "al"
        );
        let capital = word.is_capitalised() && !word.bare().ends_with("’s") && !word.bare().ends_with("'s");
        if capital || (particle && run_start.is_some()) {
            run_start.get_or_insert(i);
            if word.ends_clause() {
                runs.push((run_start.take().unwrap_or(i), i + 1));
            }
        } else if let Some(start) = run_start.take() {
            runs.push((start, i));
        }
    }
    if let Some(start) = run_start {
        runs.push((start, words.len()));
    }
    let mut best = None;
    for (start, end) in runs.into_iter().rev() {
        let run = &words[start..end];
        // Drop roles and determiners before the name itself.
        let skip = leading_non_name(run.iter().map(Word::lower));
        // A run of nothing but roles may still be a surname ("Baker said"),
        // but never a run of determiners ("So", "The").
        if skip == run.len() && is_not_name(&run[run.len() - 1].lower()) {
            continue;
        }
        let name_words = &run[skip.min(run.len() - 1)..];
        // A lone capitalised word away from the verb is a modifier
        // ("Russian defence officials said"), not the speaker.
        if name_words.is_empty() || (name_words.len() == 1 && end < words.len()) {
            continue;
        }
        let name = name_words.iter().map(|w| w.bare().trim_end_matches(',')).collect::<Vec<_>>().join(" ");
        best = Some(Named::Person {
            name,
            start: name_words[0].start,
            end: name_words[name_words.len() - 1].start + name_words[name_words.len() - 1].bare().len(),
        });
        break;
    }
    best
}

/// Reads the attribution after a quotation: "…,” Name said", "…,” said
/// Name", "…,” she added".
fn after(words: &[Word<'_>]) -> Option<Named> {
    let verb = words.iter().take(20).position(Word::is_verb)?;
    // Words before the verb, up to a sentence end, name the speaker...
    let before = &words[..verb];
    if before.iter().any(Word::ends_sentence) {
        return None;
    }
    if !before.is_empty() {
        return subject_person(before);
    }
    // ...or, after the verb, up to the end of the sentence ("said the
    // founder, Astrid Kolle.").
    let rest: Vec<Word<'_>> = words[verb + 1..]
        .iter()
        .scan(false, |done, w| {
            if *done {
                return None;
            }
            *done = w.ends_sentence();
            Some(*w)
        })
        .collect();
    let first_name = rest.iter().position(|w| w.is_capitalised())?;
    let run_end = rest[first_name..]
        .iter()
        .position(|w| !w.is_capitalised() || w.ends_clause() || w.ends_sentence())
        .map_or(rest.len(), |i| first_name + i + 1);
    person_in(&rest[first_name..run_end.min(rest.len())])
}

/// Reads an attribution that introduces the quotation: "Name said: “…”".
fn before(words: &[Word<'_>]) -> Option<Named> {
    let last = words.last()?;
    if !last.text.ends_with([':', ',']) {
        return None;
    }
    // The verb is among the last few words ("Peskov told reporters:").
    let verb = words.iter().rev().take(4).position(Word::is_verb).map(|i| words.len() - 1 - i)?;
    let start = words[..verb].iter().rposition(Word::ends_sentence).map_or(0, |i| i + 1);
    let subject = &words[start..verb];
    if subject.is_empty() {
        return None;
    }
    person_in(subject)
}

/// "according to Name" in the sentence.
fn according_to(words: &[Word<'_>]) -> Option<Named> {
    let at = words.windows(2).position(|w| w[0].lower() == "according" && w[1].lower() == "to")?;
    let rest = &words[at + 2..];
    let end = rest
        .iter()
        .position(|w| w.ends_clause() || w.ends_sentence() || !w.is_capitalised())
        .map_or(rest.len(), |i| i + 1);
    person_in(&rest[..end.min(rest.len())])
}

/// Whether a quotation reads like speech rather than a scare quote or a
/// title: several words, or ending in punctuation.
fn is_speech(quote: &Quote) -> bool {
    let text = quote.text.trim_end();
    text.split_whitespace().count() > 3 || text.ends_with(['.', ',', '!', '?', '…'])
}

/// Attributes a speaker to every quotation.
pub fn attribute(paragraphs: &[&str], quotes: &mut [Quote]) {
    let people = FullNames::collect(paragraphs);
    let by_paragraph = ByParagraph::new(quotes, paragraphs.len());
    let mut last_named: Option<String> = None;
    // The speaker of the turn in progress, per paragraph.
    let mut turn: Option<(usize, String)> = None;
    for index in 0..quotes.len() {
        let quote = &quotes[index];
        let first = quote.spans[0];
        let last = *quote.spans.last().expect("a quotation has spans");
        let text_first = paragraphs[first.paragraph];
        let text_last = paragraphs[last.paragraph];
        // Only the sentence around the quotation counts, bounded by the
        // neighbouring quotations of the same depth.
        let (window_start, window_end) = window(quotes, index, paragraphs, &by_paragraph);
        let after_words =
            words(text_last, last.end.min(text_last.len()), window_end.max(last.end).min(text_last.len()));
        let before_words = words(text_first, window_start.min(first.start), first.start);
        let sentence_start = before_words.iter().rposition(Word::ends_sentence).map_or(0, |i| i + 1);
        let after_sentence = first_sentence(&after_words);
        // Each reading of the attribution, with the paragraph its words are in.
        let (in_first, in_last) = (first.paragraph, last.paragraph);
        let named = if is_speech(quote) || quote.depth > 0 {
            after(&after_words)
                .map(|n| (n, in_last))
                .or_else(|| before(&before_words).map(|n| (n, in_first)))
                .or_else(|| narrated(&before_words[sentence_start..]).map(|n| (n, in_first)))
                .or_else(|| according_to(&before_words[sentence_start..]).map(|n| (n, in_first)))
                .or_else(|| according_to(after_sentence).map(|n| (n, in_last)))
        } else {
            None
        };
        let paragraph = last.paragraph;
        let (speaker, span) = match named {
            Some((Named::Person { name, start, end }, at)) => {
                let full = people.resolve(&name, first.paragraph);
                (Some(full), Some((at, start, end)))
            }
            Some((Named::Pronoun { start, end }, at)) => {
                // The person the paragraph's narration last named, else the
                // last speaker.
                let narrator = person_in_narration(text_first, quotes, index, &by_paragraph)
                    .map(|name| people.resolve(&name, first.paragraph));
                let turn_here = turn.as_ref().filter(|(p, _)| *p == first.paragraph).map(|(_, n)| n.clone());
                let who = turn_here.or(narrator).or_else(|| last_named.clone());
                let span = who.as_ref().map(|_| (at, start, end));
                (who, span)
            }
            // Continuing the turn of the paragraph's last speaker.
            None if is_speech(quote) && quote.depth == 0 => match &turn {
                Some((p, name)) if *p == first.paragraph => (Some(name.clone()), None),
                _ => (None, None),
            },
            None => (None, None),
        };
        if let Some(name) = &speaker
            && quote.depth == 0
        {
            last_named = Some(name.clone());
            turn = Some((paragraph, name.clone()));
        }
        let quote = &mut quotes[index];
        quote.speaker = speaker;
        quote.speaker_span = span;
    }
}

/// Words up to the end of the first sentence.
fn first_sentence<'a, 'b>(words: &'b [Word<'a>]) -> &'b [Word<'a>] {
    let end = words.iter().position(Word::ends_sentence).map_or(words.len(), |i| i + 1);
    &words[..end]
}

/// Indirect speech leading into a quotation in the same sentence: "Lise
/// Marstrand said tourists would “simply drive away.”"
fn narrated(sentence: &[Word<'_>]) -> Option<Named> {
    let verb = sentence.iter().position(Word::is_verb).filter(|&v| v > 0)?;
    subject_person(&sentence[..verb]).filter(|n| matches!(n, Named::Person { .. }))
}

/// How far back a pronoun looks for the person it stands for.
const NARRATION_BYTES: usize = 600;

/// The last person the narration of a paragraph names before byte
/// `before` (outside quotations): someone said to speak, else anyone with
/// a full name.
fn person_in_narration(
    text: &str,
    quotes: &[Quote],
    index: usize,
    by_paragraph: &ByParagraph,
) -> Option<String> {
    let before = quotes[index].spans[0].start;
    // Quotations within reach, nearest first; older ones are out of range.
    let quoted: Vec<(usize, usize)> = by_paragraph
        .before(quotes, index)
        .map(|q| q.spans[0])
        .take_while(|s| s.end + NARRATION_BYTES >= before)
        .map(|s| (s.start, s.end))
        .collect();
    // Only the last stretch of narration matters; bounding it keeps the
    // cost per quotation constant.
    let mut from = before.saturating_sub(NARRATION_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let narration: Vec<Word<'_>> = words(text, from, before)
        .into_iter()
        .filter(|w| !quoted.iter().any(|&(s, e)| w.start >= s && w.start < e))
        .collect();
    let mut speaker = None;
    let mut mentioned = None;
    let mut sentence_start = 0;
    for (i, word) in narration.iter().enumerate() {
        if word.is_verb()
            && let Some(Named::Person { name, .. }) = narrated(&narration[sentence_start..=i])
        {
            speaker = Some(name);
        }
        if word.ends_sentence() || i + 1 == narration.len() {
            if let Some(Named::Person { name, .. }) = person_in(&narration[sentence_start..=i])
                && name.contains(' ')
            {
                mentioned = Some(name);
            }
            sentence_start = i + 1;
        }
    }
    speaker.or(mentioned)
}

/// Quotations grouped by the paragraph they start in, in reading order,
/// and each quotation's position in its group.
struct ByParagraph {
    groups: Vec<Vec<usize>>,
    position: Vec<usize>,
}

impl ByParagraph {
    fn new(quotes: &[Quote], paragraphs: usize) -> Self {
        let mut groups = vec![Vec::new(); paragraphs];
        let mut position = Vec::with_capacity(quotes.len());
        for (index, quote) in quotes.iter().enumerate() {
            position.push(groups[quote.paragraph].len());
            groups[quote.paragraph].push(index);
        }
        Self { groups, position }
    }

    /// The quotations starting in the same paragraph before `index`,
    /// nearest first.
    fn before<'q>(&self, quotes: &'q [Quote], index: usize) -> impl Iterator<Item = &'q Quote> + Clone {
        let group = &self.groups[quotes[index].paragraph];
        group[..self.position[index]].iter().rev().map(move |&i| &quotes[i])
    }

    /// The quotations starting in the same paragraph after `index`.
    fn after<'q>(&self, quotes: &'q [Quote], index: usize) -> impl Iterator<Item = &'q Quote> {
        let group = &self.groups[quotes[index].paragraph];
        group[self.position[index] + 1..].iter().map(move |&i| &quotes[i])
    }
}

/// The text around a quotation that may attribute it: from the end of the
/// previous quotation of the same depth in its first paragraph, to the
/// start of the next one in its last; for a nested quotation, no further
/// than the quotation around it. Only quotations starting in those
/// paragraphs are looked at, so the cost stays linear.
fn window(quotes: &[Quote], index: usize, paragraphs: &[&str], by_paragraph: &ByParagraph) -> (usize, usize) {
    let quote = &quotes[index];
    let first = quote.spans[0];
    let last = *quote.spans.last().expect("a quotation has spans");
    let before_here = by_paragraph.before(quotes, index);
    let enclosing = if quote.depth == 0 { None } else { before_here.clone().find(|q| q.depth < quote.depth) };
    let bounds = enclosing
        .filter(|q| q.depth + 1 == quote.depth)
        .and_then(|q| q.spans.first())
        .map(|s| (s.open_mark.map_or(s.start, |m| m.1), s.close_mark.map_or(s.end, |m| m.0)));
    let start = before_here
        .take_while(|q| q.depth >= quote.depth)
        .find(|q| q.depth == quote.depth)
        .and_then(|q| q.spans.last())
        .filter(|s| s.paragraph == first.paragraph && s.end <= first.start)
        .map_or(0, |s| s.end)
        .max(bounds.map_or(0, |b| b.0));
    // A quotation over several paragraphs ends where the next one starts.
    let next = if last.paragraph == first.paragraph {
        by_paragraph.after(quotes, index).find(|q| q.depth == quote.depth && q.spans[0].start >= last.end)
    } else {
        by_paragraph.groups[last.paragraph].iter().map(|&i| &quotes[i]).find(|q| q.depth == quote.depth)
    };
    let end = next
        .map_or(paragraphs[last.paragraph].len(), |q| q.spans[0].start)
        .min(bounds.map_or(usize::MAX, |b| b.1));
    (start, end)
}

/// Full names the article uses, to resolve "Peskov" or "Dr. Aalto".
struct FullNames {
    /// Surname -> (paragraph first seen, the name's words), in reading order.
    by_surname: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl FullNames {
    fn collect(paragraphs: &[&str]) -> Self {
        let mut by_surname: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::default();
        let mut seen: HashSet<Vec<String>> = HashSet::default();
        for (p, text) in paragraphs.iter().enumerate() {
            let mut run: Vec<String> = Vec::new();
            let mut flush = |run: &mut Vec<String>| {
                let skip = leading_non_name(run.iter().map(|w| w.to_lowercase()));
                let name: Vec<String> = run[skip.min(run.len())..].to_vec();
                if name.len() >= 2 && seen.insert(name.clone()) {
                    let surname = name[name.len() - 1].clone();
                    by_surname.entry(surname).or_default().push((p, name));
                }
                run.clear();
            };
            for word in words(text, 0, text.len()) {
                // A word at the edge of a quotation is not part of a name
                // ("“Done,” Kari Lunde said").
                let edge = word.text.trim_end_matches(['.', ',', ';', ':', '!', '?']);
                if word.text.starts_with(QUOTE_EDGES) || edge.ends_with(QUOTE_EDGES) {
                    flush(&mut run);
                    continue;
                }
                let bare = word.bare();
                let bare = bare.strip_suffix("’s").or_else(|| bare.strip_suffix("'s")).unwrap_or(bare);
                let name_like =
                    bare.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '’' | '\''));
                if word.is_capitalised() && name_like {
                    run.push(bare.to_owned());
                    if word.ends_clause() || word.ends_sentence() || bare.len() != word.bare().len() {
                        flush(&mut run);
                    }
                } else {
                    flush(&mut run);
                }
            }
            flush(&mut run);
        }
        Self { by_surname }
    }

    /// The fullest name for `name`: a longer name the article used (earlier
    /// preferred) that ends with the same surname and agrees with any
    /// first name given.
    fn resolve(&self, name: &str, paragraph: usize) -> String {
        let given: Vec<&str> = name.split_whitespace().collect();
        let Some(surname) = given.last() else { return name.to_owned() };
        let Some(candidates) = self.by_surname.get(*surname) else { return name.to_owned() };
        let matches = |n: &&(usize, Vec<String>)| {
            n.1.len() > given.len() && given[..given.len() - 1].iter().all(|g| n.1.iter().any(|w| w == g))
        };
        let earlier = candidates.iter().filter(|n| n.0 <= paragraph).find(matches);
        let any = earlier.or_else(|| candidates.iter().find(matches));
        any.map_or_else(|| name.to_owned(), |(_, words)| words.join(" "))
    }
}
