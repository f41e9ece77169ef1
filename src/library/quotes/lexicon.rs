//! The words attribution reads, per language: one TOML file per language
//! in `lexicons/`, embedded in the binary, so adding a language is adding
//! a file. An article's language is guessed from its function words
//! ("the", "der", "le", "и"...) when nothing says what it is.
//!
//! The lists (every word lowercase):
//! - `function_words`: frequent short words, for the guess;
//! - `speech_verbs`: finite forms that attribute speech ("said", "a
//!   ajouté" is an auxiliary and "ajouté"); `participles` introduce it
//!   after a comma ("…, saying it was “…”"); `gestures` attribute only
//!   right after a quotation ("“…,” he shrugged");
//! - `auxiliaries`: words that may sit between a subject and its verb, or
//!   between the verb and a name after it ("has since argued", "a-t-il");
//! - `pronouns` that stand for a person; `according_to` phrases;
//! - `roles` and titles before a name; `not_names`: capitalised words that
//!   are never a person; `prepositions` (and time words) that open a scene
//!   before the subject; `months`, `weekdays` and sentence `adverbs`,
//!   never a speaker;
//! - `name_endings`: case endings a name may carry where names inflect.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::library::chars::is_punctuation_mark;

/// The lexicon files, by language code.
const FILES: [(&str, &str); 10] = [
    ("en", include_str!("lexicons/en.toml")),
    ("fr", include_str!("lexicons/fr.toml")),
    ("de", include_str!("lexicons/de.toml")),
    ("es", include_str!("lexicons/es.toml")),
    ("it", include_str!("lexicons/it.toml")),
    ("pt", include_str!("lexicons/pt.toml")),
    ("cs", include_str!("lexicons/cs.toml")),
    ("pl", include_str!("lexicons/pl.toml")),
    ("ru", include_str!("lexicons/ru.toml")),
    ("nb", include_str!("lexicons/nb.toml")),
];

/// How many words of an article the language guess reads.
const GUESS_WORDS: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: String,
    function_words: Vec<String>,
    speech_verbs: Vec<String>,
    participles: Vec<String>,
    gestures: Vec<String>,
    auxiliaries: Vec<String>,
    pronouns: Vec<String>,
    according_to: Vec<String>,
    #[serde(default)]
    name_endings: Vec<String>,
    roles: Vec<String>,
    not_names: Vec<String>,
    prepositions: Vec<String>,
    months: Vec<String>,
    weekdays: Vec<String>,
    adverbs: Vec<String>,
}

type Set = FxHashSet<String>;

/// One language's words.
#[derive(Debug)]
pub struct Lexicon {
    pub language: String,
    function_words: Set,
    speech_verbs: Set,
    participles: Set,
    gestures: Set,
    auxiliaries: Set,
    pronouns: Set,
    /// Each phrase as its words.
    pub according_to: Vec<Vec<String>>,
    /// Longest first, so the longest ending is taken off.
    pub name_endings: Vec<String>,
    roles: Set,
    not_names: Set,
    prepositions: Set,
    /// Months, weekdays and sentence adverbs.
    never_speakers: Set,
}

fn set(words: Vec<String>) -> Set {
    words.into_iter().collect()
}

impl Lexicon {
    fn parse(code: &str, text: &str) -> Self {
        let file: File =
            toml::from_str(text).unwrap_or_else(|e| panic!("lexicon {code} does not parse: {e}"));
        assert_eq!(file.language, code, "lexicon file for {code} names another language");
        let mut endings = file.name_endings;
        endings.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
        let mut never = set(file.months);
        never.extend(file.weekdays);
        never.extend(file.adverbs);
        Self {
            language: file.language,
            function_words: set(file.function_words),
            speech_verbs: set(file.speech_verbs),
            participles: set(file.participles),
            gestures: set(file.gestures),
            auxiliaries: set(file.auxiliaries),
            pronouns: set(file.pronouns),
            according_to: file
                .according_to
                .iter()
                .map(|p| p.split_whitespace().map(str::to_owned).collect())
                .collect(),
            name_endings: endings,
            roles: set(file.roles),
            not_names: set(file.not_names),
            prepositions: set(file.prepositions),
            never_speakers: never,
        }
    }

    /// A finite speech verb; in French a participle agreeing with its
    /// subject counts too ("s’est exclamée").
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
            || (self.language == "fr"
                && ["es", "e", "s"]
                    .iter()
                    .any(|e| word.strip_suffix(e).is_some_and(|w| self.speech_verbs.contains(w))))
    }

    pub fn is_participle(&self, word: &str) -> bool {
        self.participles.contains(word)
    }

    pub fn is_gesture(&self, word: &str) -> bool {
        self.gestures.contains(word)
    }

    pub fn is_auxiliary(&self, word: &str) -> bool {
        self.auxiliaries.contains(word)
    }

    /// A pronoun standing for a person, also at the end of an inversion
    /// ("a-t-elle", "dit-il").
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
            || word.rsplit_once('-').is_some_and(|(_, last)| self.pronouns.contains(last))
    }

    /// A preposition (not a time word): what a place or a body follows.
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(word)
    }

    pub fn is_role(&self, word: &str) -> bool {
        self.roles.contains(word)
    }

    /// A capitalised word that is still never (part of) a person's name.
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(word) || self.never_speakers.contains(word)
    }

    /// A word that opens a scene before the subject ("At", "In", "Hier").
    pub fn opens_scene(&self, word: &str) -> bool {
        self.prepositions.contains(word) || self.never_speakers.contains(word)
    }

    /// A month, weekday or sentence adverb.
    pub fn is_never_speaker(&self, word: &str) -> bool {
        self.never_speakers.contains(word)
    }

    /// Whether the language inflects names (so surnames are matched by stem).
    pub fn inflects_names(&self) -> bool {
        !self.name_endings.is_empty()
    }

    /// The lexicon of a language, by code ("en", "fr"...).
    pub fn of(language: &str) -> Option<&'static Lexicon> {
        let code = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let code =
            if code == "no" || code == "nn" || code == "da" || code == "sv" { "nb".to_owned() } else { code };
        all().iter().find(|l| l.language == code)
    }

    /// The lexicon for text of an unknown language: the one whose function
    /// words its first few hundred words use most (English when none do).
    pub fn guess(paragraphs: &[&str]) -> &'static Lexicon {
        let lexicons = all();
        let languages = function_words();
        let mut hits = vec![0usize; lexicons.len()];
        let words = paragraphs.iter().flat_map(|p| Words { text: p, at: 0 }).take(GUESS_WORDS);
        let mut lower = String::new();
        for word in words {
            let Some(mask) = languages.get(word, &mut lower) else { continue };
            for (i, hit) in hits.iter_mut().enumerate() {
                *hit += usize::from(mask & (1 << i) != 0);
            }
        }
        let best = (0..lexicons.len()).max_by_key(|&i| (hits[i], std::cmp::Reverse(i))).unwrap_or(0);
        if hits[best] == 0 { &lexicons[0] } else { &lexicons[best] }
    }
}

/// The runs of letters, digits and apostrophes of a text, ASCII by its
/// bytes and anything else by the char it starts.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// Whether the character at `at` is part of a word, and its length.
    fn class_at(&self) -> (bool, usize) {
        let b = self.text.as_bytes()[self.at];
        if b.is_ascii() {
            (WORDY_ASCII[usize::from(b)], 1)
        } else {
            let c = self.text[self.at..].chars().next().expect("at a char boundary");
            (!is_punctuation_mark(c) && c.is_alphanumeric(), c.len_utf8())
        }
    }

    /// Moves past the characters that are part of a word (`wordy`), or
    /// past those that are not.
    fn pass(&mut self, wordy: bool) {
        while self.at < self.text.len() {
            let (is_wordy, len) = self.class_at();
            if is_wordy != wordy {
                return;
            }
            self.at += len;
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.pass(false);
        let start = self.at;
        self.pass(true);
        (self.at > start).then(|| &self.text[start..self.at])
    }
}

/// Which ASCII bytes a word is made of: letters, digits, apostrophes.
const WORDY_ASCII: [bool; 128] = {
    let mut wordy = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        wordy[b] = c.is_ascii_alphanumeric() || c == b'\'';
        b += 1;
    }
    wordy
};

/// Every lexicon's function words, each with the languages (bits in the
/// order of [`all`]) that use it. Most are at most eight bytes long and
/// are kept as one number, so a lookup hashes a single integer.
struct FunctionWords {
    short: rustc_hash::FxHashMap<u64, u32>,
    long: rustc_hash::FxHashMap<String, u32>,
}

impl FunctionWords {
    /// The languages whose function word `word` is, in any case; `lower`
    /// is room for a lowercased word that is not ASCII.
    fn get(&self, word: &str, lower: &mut String) -> Option<u32> {
        if word.is_ascii() {
            if let Some(key) = pack(word.bytes().map(|b| b.to_ascii_lowercase()), word.len()) {
                return self.short.get(&key).copied();
            }
            lower.clear();
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(key) = pack(lower.bytes(), lower.len()) {
                return self.short.get(&key).copied();
            }
        }
        self.long.get(lower.as_str()).copied()
    }
}

/// A word of at most eight bytes as a number (no word holds a zero byte,
/// so two words never share one).
fn pack(bytes: impl Iterator<Item = u8>, len: usize) -> Option<u64> {
    (len <= 8).then(|| bytes.fold(0u64, |key, b| key << 8 | u64::from(b)))
}

fn function_words() -> &'static FunctionWords {
    static WORDS: OnceLock<FunctionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = FunctionWords { short: Default::default(), long: Default::default() };
        for (i, lexicon) in all().iter().enumerate().take(32) {
            for word in &lexicon.function_words {
                let mask = match pack(word.bytes(), word.len()) {
                    Some(key) => words.short.entry(key).or_insert(0),
                    None => words.long.entry(word.clone()).or_insert(0),
                };
                *mask |= 1u32 << i;
            }
        }
        words
    })
}

/// Every lexicon, English first, parsed on first use.
pub fn all() -> &'static [Lexicon] {
    static ALL: OnceLock<Vec<Lexicon>> = OnceLock::new();
    ALL.get_or_init(|| FILES.iter().map(|(code, text)| Lexicon::parse(code, text)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses_and_is_lowercase() {
        for (code, text) in FILES {
            let lexicon = Lexicon::parse(code, text);
            assert!(lexicon.speech_verbs.len() >= 20, "{code}");
            let file: File = toml::from_str(text).unwrap();
            let lists = [
                &file.function_words,
                &file.speech_verbs,
                &file.participles,
                &file.gestures,
                &file.auxiliaries,
                &file.pronouns,
                &file.roles,
                &file.not_names,
                &file.prepositions,
                &file.months,
                &file.weekdays,
                &file.adverbs,
            ];
            for word in lists.into_iter().flatten() {
                assert_eq!(word, &word.to_lowercase(), "{code}: {word}");
            }
        }
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_apostrophes() {
        let found: Vec<&str> = Words { text: "L'été, 2024 — «très» don't…x", at: 0 }.collect();
        assert_eq!(found, ["L'été", "2024", "très", "don't", "x"]);
        assert_eq!(Words { text: " ,. ", at: 0 }.count(), 0);
    }

    #[test]
    fn the_language_is_guessed_from_function_words() {
        let cases = [
            ("en", "The council said that the ferry would run again from the first of May."),
            ("fr", "Le maire a déclaré que la ville allait rouvrir le port dans les prochains jours."),
            ("de", "Der Bürgermeister sagte, dass die Stadt den Hafen in den nächsten Tagen öffnen wird."),
            ("es", "El alcalde dijo que la ciudad abrirá el puerto en los próximos días, según fuentes."),
            (
                "it",
                "Il sindaco ha detto che la città riaprirà il porto nei prossimi giorni, secondo la giunta.",
            ),
            ("pt", "O prefeito disse que a cidade vai reabrir o porto nos próximos dias, segundo a câmara."),
            ("cs", "Starosta řekl, že město znovu otevře přístav v příštích dnech, jak uvedla radnice."),
            ("pl", "Burmistrz powiedział, że miasto otworzy port w najbliższych dniach, według urzędu."),
            ("ru", "Мэр сказал, что город откроет порт в ближайшие дни, по словам его помощника."),
            ("nb", "Ordføreren sier at byen skal åpne havnen igjen, og at det er viktig for alle."),
        ];
        for (code, text) in cases {
            assert_eq!(Lexicon::guess(&[text]).language, code, "{text}");
        }
        assert_eq!(Lexicon::guess(&["12345 —"]).language, "en");
        // In capitals, ASCII or not, and longer than eight bytes.
        assert_eq!(Lexicon::guess(&["EL PUERTO DE LA CIUDAD"]).language, "es");
        assert_eq!(Lexicon::guess(&["TAMBIÉN MÁS SEGÚN"]).language, "es");
        assert_eq!(Lexicon::guess(&["ТАКЖЕ КОТОРЫЙ СЛОВАМ"]).language, "ru");
        assert_eq!(Lexicon::of("fr-CA").unwrap().language, "fr");
        assert_eq!(Lexicon::of("sv").unwrap().language, "nb");
        assert!(Lexicon::of("xx").is_none());
    }
}
