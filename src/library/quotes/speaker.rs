//! Who said it: reading the attribution around each quotation, with the
//! words of the article's language (see `lexicon`).
//!
//! News attributes speech in a few shapes in every language, all read here
//! from the sentence around the quotation:
//! - after it: “…,” Name said / said Name / a ajouté Marie Dupont / sagte
//!   Weber der Zeitung / uvedl Novák / she shrugged;
//! - before it: Name said: “…” / Name, the head of X, said: “…” / At the
//!   summit, Name told reporters: “…”;
//! - leading into it: Name said she was “…” / Name has since argued that
//!   … “…” / Name criticised it, saying it was “…”;
//! - according to Name / selon Name / laut Name / podle Nováka.
//!
//! A quotation with no attribution of its own continues the turn of the
//! last speaker in its paragraph. A pronoun goes to the person the
//! narration last named as a subject, else the last speaker. A surname
//! (or an inflected one) goes to the fullest name the article uses.
//! Months, weekdays, adverbs, places and institutions are never
//! speakers; where nothing names a speaker, none is given.

use super::Quote;
use super::lexicon::Lexicon;
use super::names::{
    FullNames, is_acronym, leading_non_name, name_like, without_full_stop, without_possessive,
};
use super::words::{Word, within, words};

/// A speaker as the attribution names them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    Person { name: String, start: usize, end: usize },
    Pronoun { start: usize, end: usize },
}

/// How many words after a quotation its attribution may take to reach
/// the verb ("…,” the mayor of the town, Kari Vold, said").
const AFTER_REACH: usize = 20;

/// How far back a pronoun looks for the person it stands for.
const NARRATION_BYTES: usize = 600;

/// The attribution of one article: its words and its language's lexicon.
struct Reader<'a, 'l> {
    lexicon: &'l Lexicon,
    paragraphs: &'a [&'a str],
    /// Each paragraph's words, made when first read: most paragraphs of
    /// an article hold no quotation, and are never read word by word.
    words: Vec<std::cell::OnceCell<Vec<Word<'a>>>>,
}

impl<'a> Reader<'a, '_> {
    fn words(&self, paragraph: usize) -> &[Word<'a>] {
        self.words[paragraph].get_or_init(|| words(self.paragraphs[paragraph]))
    }

    fn is_verb(&self, word: &Word<'_>) -> bool {
        !word.punct && self.lexicon.is_speech_verb(&word.lower)
    }

    /// A verb that may attribute right after a quotation (gestures too).
    fn is_verb_after(&self, word: &Word<'_>) -> bool {
        self.is_verb(word) || (!word.punct && self.lexicon.is_gesture(&word.lower))
    }

    fn is_pronoun(&self, word: &Word<'_>) -> bool {
        !word.punct && self.lexicon.is_pronoun(&word.lower)
    }

    /// A word between a subject and its verb ("has since", "a", "s'est").
    fn is_auxiliary(&self, word: &Word<'_>) -> bool {
        (word.punct && !word.ends_clause()) || self.lexicon.is_auxiliary(&word.lower)
    }

    /// A lowercase word inside a name ("van", "de", "bin"); "der" or "la"
    /// only after one of those ("von der Leyen", "de la Cruz"), never
    /// alone: "sagte Weber der Zeitung" ends the name at "Weber".
    fn particle(word: &Word<'_>) -> bool {
        matches!(
            word.lower.as_ref(),
            "de" | "van"
                | "von"
                | "da"
                | "di"
                | "del"
                | "della"
                | "bin"
                | "al"
                | "dos"
                | "du"
                | "zu"
                | "ten"
                | "ter"
        )
    }

    fn second_particle(word: &Word<'_>, before: Option<&Word<'_>>) -> bool {
        matches!(word.lower.as_ref(), "der" | "den" | "la" | "le" | "las" | "los")
            && before.is_some_and(|b| matches!(b.lower.as_ref(), "van" | "von" | "de"))
    }

    /// The person named by a run of words: the last run of capitalised
    /// words, without leading roles and determiners, and never one right
    /// after a preposition ("the mayor of Bergen"). `None` for "the
    /// spokesman".
    fn person_in(&self, words: &[Word<'_>]) -> Option<Named> {
        let words: Vec<&Word<'_>> = words.iter().filter(|w| !w.punct).collect();
        if let [only] = words.as_slice()
            && self.lexicon.is_pronoun(&only.lower)
        {
            return Some(Named::Pronoun { start: only.start, end: only.end });
        }
        // Runs of capitalised words; a run is broken by a lowercase word
        // (other than a name particle) or by a comma after a word.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut run_start: Option<usize> = None;
        for (i, word) in words.iter().enumerate() {
            let capital = word.capital && !word.is_possessive() && name_like(word.bare.trim_end_matches(','));
            let before = i.checked_sub(1).map(|b| words[b]);
            let particle = Self::particle(word) || Self::second_particle(word, before);
            if capital || (particle && run_start.is_some()) {
                run_start.get_or_insert(i);
                if word.ends_clause() || word.ends_sentence() {
                    runs.push((run_start.take().unwrap_or(i), i + 1));
                }
            } else if let Some(start) = run_start.take() {
                runs.push((start, i));
            }
        }
        if let Some(start) = run_start {
            runs.push((start, words.len()));
        }
        for (start, end) in runs.into_iter().rev() {
            let run = &words[start..end];
            // After a preposition (and its article: "of the"), or opening
            // with one ("In Hamburg"), a capitalised run is a place or a body.
            let before = (1..=start.min(3)).map(|back| words[start - back]).find(|w| {
                w.capital || self.lexicon.is_preposition(&w.lower) || !self.lexicon.is_not_name(&w.lower)
            });
            let after_preposition = before.is_some_and(|w| {
                !w.capital && self.lexicon.is_preposition(&w.lower) && !self.lexicon.is_role(&w.lower)
            });
            if after_preposition || self.lexicon.is_preposition(&run[0].lower) {
                continue;
            }
            let bares: Vec<&str> = run.iter().map(|w| w.bare).collect();
            let skip = leading_non_name(&bares, self.lexicon);
            // A run of nothing but roles may still be a surname ("Baker
            // said"), but never a run of determiners ("So", "The").
            let last = &run[run.len() - 1];
            if skip == run.len() && (self.lexicon.is_not_name(&last.lower) || is_acronym(last.bare)) {
                continue;
            }
            let name_words = &run[skip.min(run.len() - 1)..];
            if name_words
                .iter()
                .any(|w| self.lexicon.is_not_name(&w.lower) || self.lexicon.is_never_speaker(&w.lower))
            {
                continue;
            }
            // A lone capitalised word away from the verb is a modifier
            // ("Russian defence officials said"), not the speaker.
            if name_words.is_empty() || (name_words.len() == 1 && end < words.len()) {
                continue;
            }
            let name = name_words.iter().map(|w| name_form(w)).collect::<Vec<_>>().join(" ");
            let last = name_words[name_words.len() - 1];
            return Some(Named::Person {
                name,
                start: name_words[0].start,
                end: last.start + offset_of_bare(last) + name_form(last).len(),
            });
        }
        None
    }

    /// The person a subject names, reading its comma-separated parts: a
    /// scene before it ("At the summit,", "In March,") is skipped; a full
    /// name in any part wins ("One of them, Siri Dahl,"); else the first
    /// part that names someone ("Kari Vold, a spokeswoman,").
    fn subject_person(&self, subject: &[Word<'_>]) -> Option<Named> {
        let mut parts: Vec<&[Word<'_>]> = Vec::new();
        let mut start = 0;
        for (i, word) in subject.iter().enumerate() {
            if word.ends_clause() || i + 1 == subject.len() {
                parts.push(&subject[start..=i]);
                start = i + 1;
            }
        }
        let scene = |part: &[Word<'_>]| {
            part.iter().find(|w| !w.punct).is_some_and(|w| self.lexicon.opens_scene(&w.lower))
        };
        let parts: Vec<&[Word<'_>]> =
            parts.into_iter().filter(|p| !scene(p) || p.len() == subject.len()).collect();
        if parts.len() <= 1 {
            return parts.first().and_then(|p| self.person_in(p));
        }
        let full = parts.iter().filter_map(|part| self.person_in(part)).find(|named| match named {
            Named::Person { name, .. } => name.contains(' '),
            Named::Pronoun { .. } => false,
        });
        full.or_else(|| {
            parts
                .iter()
                .filter(|p| p.iter().find(|w| !w.punct).is_some_and(|w| w.capital || self.is_pronoun(w)))
                .find_map(|p| self.person_in(p))
        })
    }

    /// Reads the attribution after a quotation: "…,” Name said", "…,” said
    /// Name", "…», a ajouté Marie Dupont", "…,” she shrugged".
    fn after(&self, words: &[Word<'_>]) -> Option<Named> {
        let verb = words.iter().take(AFTER_REACH).position(|w| self.is_verb_after(w))?;
        // Words before the verb, up to a sentence end, name the speaker...
        let before = &words[..verb];
        if before.iter().any(Word::ends_sentence) {
            return None;
        }
        let subject_end = before.iter().rposition(|w| !self.is_auxiliary(w)).map_or(0, |i| i + 1);
        let subject = &before[..subject_end];
        if subject.iter().any(|w| !w.punct) {
            // French inversion: "…, a-t-il ajouté" names him after the verb.
            return self.subject_person(subject);
        }
        // ...or, after the verb (a repeated verb is a typo, not a name),
        // up to the end of the sentence ("said the founder, Astrid Kolle.").
        let mut rest = &words[verb + 1..];
        while let Some(first) = rest.first().filter(|w| self.is_verb(w) || self.is_auxiliary(w)) {
            if first.ends_sentence() {
                return None;
            }
            rest = &rest[1..];
        }
        let sentence_end = rest.iter().position(Word::ends_sentence).map_or(rest.len(), |i| i + 1);
        let rest = &rest[..sentence_end];
        if let Some(pronoun) = rest.first().filter(|w| self.is_pronoun(w)) {
            return Some(Named::Pronoun { start: pronoun.start, end: pronoun.end });
        }
        // The first run of capitalised words, with a role before it
        // ("the group’s founder, retired postwoman Astrid Kolle").
        let first_name = rest.iter().position(|w| w.capital && !w.punct)?;
        let run_end = rest[first_name..]
            .iter()
            .position(|w| !(w.capital || Self::particle(w)) || w.ends_clause() || w.ends_sentence())
            .map_or(rest.len(), |i| {
                let at = first_name + i;
                if rest[at].capital { at + 1 } else { at }
            });
        let found = self.person_in(&rest[first_name..run_end.min(rest.len())]);
        match found {
            Some(named) => Some(named),
            // "said the founder, Astrid Kolle": the name after the role.
            None => {
                self.person_in(&rest[run_end.min(rest.len())..]).filter(|n| matches!(n, Named::Person { .. }))
            }
        }
    }

    /// Reads an attribution that introduces the quotation: "Name said: “…”",
    /// "Name a déclaré : « … »", "At the summit, Name told reporters: “…”".
    fn before(&self, words: &[Word<'_>]) -> Option<Named> {
        let last = words.iter().rev().find(|w| !w.punct || w.ends_clause())?;
        if !last.ends_clause() {
            return None;
        }
        // The verb is among the last few words ("Peskov told reporters:").
        let content: Vec<usize> = (0..words.len()).filter(|&i| !words[i].punct).collect();
        let verb = content.iter().rev().take(5).copied().find(|&i| self.is_verb(&words[i]))?;
        let start = words[..verb].iter().rposition(Word::ends_sentence).map_or(0, |i| i + 1);
        let subject_end =
            words[start..verb].iter().rposition(|w| !self.is_auxiliary(w)).map_or(start, |i| start + i + 1);
        let subject = &words[start..subject_end];
        // Where the verb comes second, the subject follows it: "Am Montag
        // sagte Weber:", "In Hamburg erklärte Anna Krüger:".
        let inverted = || self.person_in(&words[verb + 1..]).filter(|n| matches!(n, Named::Person { .. }));
        if subject.is_empty() {
            return inverted();
        }
        self.subject_person(subject).or_else(inverted)
    }

    /// Indirect speech leading into a quotation in the same sentence:
    /// "Lise Marstrand said tourists would “simply drive away”", "X has
    /// since argued that … “…”". Only a person, never a pronoun alone.
    fn narrated(&self, sentence: &[Word<'_>]) -> Option<Named> {
        let verb = sentence.iter().position(|w| self.is_verb(w)).filter(|&v| v > 0)?;
        let subject_end = sentence[..verb].iter().rposition(|w| !self.is_auxiliary(w)).map_or(0, |i| i + 1);
        self.subject_person(&sentence[..subject_end]).filter(|n| matches!(n, Named::Person { .. }))
    }

    /// A participle after a comma leading into the quotation: "Smith
    /// criticised the plan, saying it was “a mess”": the sentence's subject.
    fn participle(&self, sentence: &[Word<'_>]) -> Option<Named> {
        let at = (1..sentence.len()).find(|&i| {
            sentence[i - 1].ends_clause()
                && !sentence[i].punct
                && self.lexicon.is_participle(&sentence[i].lower)
        })?;
        self.sentence_subject(&sentence[..at])
    }

    /// "according to Name" (in the lexicon's phrases) in the words.
    fn according_to(&self, words: &[Word<'_>]) -> Option<Named> {
        let content: Vec<&Word<'_>> = words.iter().filter(|w| !w.punct).collect();
        for phrase in &self.lexicon.according_to {
            let n = phrase.len();
            let Some(at) =
                content.windows(n).position(|w| w.iter().zip(phrase).all(|(w, p)| w.lower == p.as_str()))
            else {
                continue;
            };
            // The words after the phrase, up to the end of the clause.
            let from = content[at + n - 1].end;
            let rest: Vec<Word<'_>> = words.iter().filter(|w| w.start >= from).cloned().collect();
            let end = rest
                .iter()
                .position(|w| {
                    w.ends_clause() || w.ends_sentence() || (!w.capital && !w.punct && !Self::particle(w))
                })
                .map_or(rest.len(), |i| if rest[i].capital { i + 1 } else { i });
            let named = self.person_in(&rest[..end.min(rest.len())]);
            if let Some(named @ Named::Person { .. }) = named {
                return Some(named);
            }
        }
        None
    }

    /// The last person the narration of a paragraph names as a subject
    /// before byte `before` (outside quotations): someone said to speak,
    /// else the subject of a sentence. A name in passing ("a rival, Kim
    /// Berg,") is not who "he" is.
    fn subject_in_narration(
        &self,
        paragraph: usize,
        quotes: &[Quote],
        index: usize,
        by_paragraph: &ByParagraph,
    ) -> Option<String> {
        let before = quotes[index].spans[0].start;
        let quoted: Vec<(usize, usize)> = by_paragraph
            .before(quotes, index)
            .map(|q| q.spans[0])
            .take_while(|s| s.end + NARRATION_BYTES >= before)
            .map(|s| (s.start, s.end))
            .collect();
        let from = before.saturating_sub(NARRATION_BYTES);
        let narration: Vec<Word<'_>> = within(self.words(paragraph), from, before)
            .iter()
            .filter(|w| !quoted.iter().any(|&(s, e)| w.start >= s && w.start < e))
            .cloned()
            .collect();
        let mut found = None;
        let mut sentence_start = 0;
        for (i, word) in narration.iter().enumerate() {
            if word.ends_sentence() || i + 1 == narration.len() {
                let sentence = &narration[sentence_start..=i];
                let named = self.narrated(sentence).or_else(|| self.sentence_subject(sentence));
                if let Some(Named::Person { name, .. }) = named {
                    found = Some(name);
                }
                sentence_start = i + 1;
            }
        }
        found
    }

    /// The person a sentence opens with, after any scene ("In March,"):
    /// its subject, when it is a named person. The subject is the first
    /// clause part that starts with a name ("Coach Per-Erik Sand said…",
    /// "One of his subjects, Solveig Bakke, stood…"); a part that starts
    /// in lowercase is the predicate, where the search ends.
    fn sentence_subject(&self, sentence: &[Word<'_>]) -> Option<Named> {
        let mut start = 0;
        while start < sentence.len() {
            let end = sentence[start..]
                .iter()
                .position(Word::ends_clause)
                .map_or(sentence.len(), |i| start + i + 1);
            let part = &sentence[start..end];
            start = end;
            let Some(first) = part.iter().find(|w| !w.punct) else { continue };
            if self.lexicon.opens_scene(&first.lower) {
                continue;
            }
            if !first.capital {
                return None;
            }
            let head_end = part
                .iter()
                .position(|w| !w.punct && !w.capital && !Self::particle(w) && !self.lexicon.is_role(&w.lower))
                .unwrap_or(part.len());
            if let Some(named @ Named::Person { .. }) = self.person_in(&part[..head_end]) {
                return Some(named);
            }
        }
        None
    }
}

/// A word as part of a name: no possessive, no full stop unless it is
/// an initial or a title ("J.", "Dr.").
fn name_form<'w>(word: &Word<'w>) -> &'w str {
    without_full_stop(without_possessive(word.bare))
}

/// Where a word's bare form starts within it.
fn offset_of_bare(word: &Word<'_>) -> usize {
    word.text.find(word.bare).unwrap_or(0)
}

/// Whether a quotation reads like speech rather than a scare quote or a
/// title: several words, or ending in punctuation.
fn is_speech(quote: &Quote) -> bool {
    let text = quote.text.trim_end();
    text.split_whitespace().count() > 3 || text.ends_with(['.', ',', '!', '?', '…'])
}

/// Words up to the end of the first sentence.
fn first_sentence<'w, 'a>(words: &'w [Word<'a>]) -> &'w [Word<'a>] {
    let end = words.iter().position(Word::ends_sentence).map_or(words.len(), |i| i + 1);
    &words[..end]
}

/// Attributes a speaker to every quotation, reading `lexicon`'s language.
pub fn attribute(paragraphs: &[&str], quotes: &mut [Quote], lexicon: &Lexicon) {
    if quotes.is_empty() {
        return;
    }
    let reader = Reader { lexicon, paragraphs, words: vec![std::cell::OnceCell::new(); paragraphs.len()] };
    let mut people = FullNames::new(paragraphs, lexicon);
    let by_paragraph = ByParagraph::new(quotes, paragraphs.len());
    let mut last_named: Option<String> = None;
    // The speaker of the turn in progress, per paragraph.
    let mut turn: Option<(usize, String)> = None;
    for index in 0..quotes.len() {
        let quote = &quotes[index];
        let first = quote.spans[0];
        let last = *quote.spans.last().expect("a quotation has spans");
        // Only the sentence around the quotation counts, bounded by the
        // neighbouring quotations of the same depth.
        let (window_start, window_end) = window(quotes, index, reader.paragraphs, &by_paragraph);
        let after_words = within(reader.words(last.paragraph), last.end, window_end.max(last.end));
        let before_words = within(reader.words(first.paragraph), window_start.min(first.start), first.start);
        let sentence_start = before_words.iter().rposition(Word::ends_sentence).map_or(0, |i| i + 1);
        let sentence = &before_words[sentence_start..];
        let after_sentence = first_sentence(after_words);
        let (in_first, in_last) = (first.paragraph, last.paragraph);
        // A quotation followed by a comma or dash is a sentence said, however short.
        let followed = after_words
            .first()
            .is_some_and(|w| w.text.starts_with([',', ';', '–', '—']) || (w.punct && w.ends_clause()));
        let speech = is_speech(quote) || quote.depth > 0 || followed;
        // Each reading of the attribution, with the paragraph its words are in.
        let named = if speech {
            reader
                .after(after_words)
                .map(|n| (n, in_last))
                .or_else(|| reader.before(before_words).map(|n| (n, in_first)))
        } else {
            None
        }
        .or_else(|| reader.narrated(sentence).map(|n| (n, in_first)))
        .or_else(|| reader.participle(sentence).map(|n| (n, in_first)))
        .or_else(|| reader.according_to(sentence).map(|n| (n, in_first)))
        .or_else(|| reader.according_to(after_sentence).map(|n| (n, in_last)));
        let (speaker, span) = match named {
            Some((Named::Person { name, start, end }, at)) => {
                let full = people.resolve(&name, first.paragraph, lexicon);
                (Some(full), Some((at, start, end)))
            }
            Some((Named::Pronoun { start, end }, at)) => {
                // The paragraph's speaker, else the person its narration
                // last named as a subject, else the last speaker.
                let turn_here = turn.as_ref().filter(|(p, _)| *p == first.paragraph).map(|(_, n)| n.clone());
                let narrator = || {
                    reader
                        .subject_in_narration(first.paragraph, quotes, index, &by_paragraph)
                        .map(|name| people.resolve(&name, first.paragraph, lexicon))
                };
                let who = turn_here.or_else(narrator).or_else(|| last_named.clone());
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
            turn = Some((last.paragraph, name.clone()));
        }
        let quote = &mut quotes[index];
        quote.speaker = speaker;
        quote.speaker_span = span;
    }
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
