//! The full names an article uses, to resolve what attributions say:
//! "Peskov" or "Dr. Aalto" to the fullest name used for the person, and
//! where names inflect, "Nováka" or "Kowalskiego" to the form the article
//! introduced ("Jan Novák").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::Lexicon;
use super::words::Word;

/// Full names by surname, in the order the article uses them: every run
/// of two or more capitalised words (without leading roles) outside
/// quotation marks. Where names do not inflect, the names ending in a
/// surname are gathered when it is first asked about, from the paragraphs
/// whose text contains it; each paragraph is read for names at most once
/// (an article resolves a few surnames, and reading every word of it for
/// capitals was a seventh of indexing's work). Where they inflect, any
/// name's stem may be asked for: all are gathered at once.
pub struct FullNames<'p> {
    paragraphs: &'p [&'p str],
    /// The full names of each paragraph read so far, in their order.
    read: Vec<Option<Vec<Vec<String>>>>,
    /// Surname -> (paragraph first seen, the name's words), complete for
    /// every surname present as a key.
    by_surname: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// Every surname is a key already.
    complete: bool,
}

/// Whether a word can be part of a name: letters, hyphens, dots, apostrophes.
pub fn name_like(bare: &str) -> bool {
    bare.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '’' | '\''))
}

/// Strips a possessive ending: "Aalto’s" is Aalto.
pub fn without_possessive(bare: &str) -> &str {
    bare.strip_suffix("’s").or_else(|| bare.strip_suffix("'s")).unwrap_or(bare)
}

/// A word without the full stop that ends its sentence, keeping an
/// initial's or an abbreviation's ("J.", "U.N.").
pub fn without_full_stop(bare: &str) -> &str {
    match bare.strip_suffix('.') {
        Some(stem) if stem.chars().count() > 1 && !stem.contains('.') => stem,
        _ => bare,
    }
}

/// How many words at the front of a capitalised run are roles or
/// determiners rather than the name ("Kremlin Spokesman", "The").
pub fn leading_non_name(run: &[&str], lexicon: &Lexicon) -> usize {
    run.iter()
        .rposition(|w| {
            let lower = w.trim_end_matches('.').to_lowercase();
            // "Secretary-General", "Vice-President": a role by any of its parts.
            let role = lexicon.is_role(&lower) || lower.split('-').any(|p| lexicon.is_role(p));
            role || lexicon.is_not_name(&lower)
                || lexicon.opens_scene(&lower)
                || lower.ends_with("-old")
                || is_acronym(w)
        })
        .map_or(0, |i| i + 1)
}

/// "U.N.", "U.S.": an organisation's initials before a title.
pub fn is_acronym(word: &str) -> bool {
    word.len() >= 3 && word.ends_with('.') && word.matches('.').count() >= 2
}

impl<'p> FullNames<'p> {
    pub fn new(paragraphs: &'p [&'p str], lexicon: &Lexicon) -> Self {
        let mut names = Self::unread(paragraphs);
        if lexicon.inflects_names() {
            names.gather_all(lexicon);
        }
        names
    }

    /// Every full name of the article at once, whatever the language: what
    /// gathering them per surname must agree with.
    #[cfg(test)]
    fn all(paragraphs: &'p [&'p str], lexicon: &Lexicon) -> Self {
        let mut names = Self::unread(paragraphs);
        names.gather_all(lexicon);
        names
    }

    fn unread(paragraphs: &'p [&'p str]) -> Self {
        Self {
            paragraphs,
            read: vec![None; paragraphs.len()],
            by_surname: HashMap::default(),
            complete: false,
        }
    }

    /// Every name by its surname, each kept where first used.
    fn gather_all(&mut self, lexicon: &Lexicon) {
        for p in 0..self.paragraphs.len() {
            self.names_in(p, lexicon);
        }
        for (p, name) in self.first_uses(|_| true) {
            let surname = name[name.len() - 1].clone();
            self.by_surname.entry(surname).or_default().push((p, name));
        }
        self.complete = true;
    }

    /// The names ending in `surname`, in the order the article uses them.
    fn ending_in(&mut self, surname: &str, lexicon: &Lexicon) -> &[(usize, Vec<String>)] {
        if !self.complete && !self.by_surname.contains_key(surname) {
            // Only a paragraph whose text holds the surname can hold a name ending in it.
            let finder = memchr::memmem::Finder::new(surname);
            for p in 0..self.paragraphs.len() {
                if finder.find(self.paragraphs[p].as_bytes()).is_some() {
                    self.names_in(p, lexicon);
                }
            }
            let found = self.first_uses(|name| name.last().is_some_and(|last| last == surname));
            self.by_surname.insert(surname.to_owned(), found);
        }
        self.by_surname.get(surname).map_or(&[], Vec::as_slice)
    }

    /// The names of the paragraphs read so far that `keep` accepts, in
    /// order, each with the paragraph it is first used in.
    fn first_uses(&self, keep: impl Fn(&[String]) -> bool) -> Vec<(usize, Vec<String>)> {
        let mut seen: HashSet<&Vec<String>> = HashSet::default();
        let mut found = Vec::new();
        for (p, names) in self.read.iter().enumerate() {
            for name in names.iter().flatten() {
                if keep(name) && seen.insert(name) {
                    found.push((p, name.clone()));
                }
            }
        }
        found
    }

    /// The full names of paragraph `p`, in order, read once.
    fn names_in(&mut self, p: usize, lexicon: &Lexicon) -> &[Vec<String>] {
        let text = self.paragraphs[p];
        self.read[p].get_or_insert_with(|| {
            let mut names = Vec::new();
            let mut run: Vec<&str> = Vec::new();
            super::words::capitalised(text, |word| read(word.as_ref(), &mut run, &mut names, lexicon));
            flush(&mut run, &mut names, lexicon);
            names
        })
    }

    /// The fullest name for `name` as said in paragraph `paragraph`: a
    /// longer name the article used (an earlier one preferred) that ends
    /// with the same surname (or, where names inflect, its stem) and
    /// agrees with any first name given.
    pub fn resolve(&mut self, name: &str, paragraph: usize, lexicon: &Lexicon) -> String {
        let given: Vec<&str> = name.split_whitespace().collect();
        let Some(&surname) = given.last() else { return name.to_owned() };
        let agrees = |n: &(usize, Vec<String>)| {
            n.1.len() > given.len()
                && given[..given.len() - 1].iter().all(|g| n.1.iter().any(|w| same_name(w, g, lexicon)))
        };
        let pick = |candidates: &[(usize, Vec<String>)]| {
            candidates
                .iter()
                .filter(|n| n.0 <= paragraph)
                .find(|n| agrees(n))
                .or_else(|| candidates.iter().find(|n| agrees(n)))
                .map(|(_, words)| words.join(" "))
        };
        if let Some(found) = pick(self.ending_in(surname, lexicon)) {
            return found;
        }
        if lexicon.inflects_names() {
            // "Nováka" for Novák, "Kowalskiego" for Kowalski.
            let mut inflected: Vec<&(usize, Vec<String>)> = self
                .by_surname
                .iter()
                .filter(|(known, _)| same_name(known, surname, lexicon))
                .flat_map(|(_, names)| names)
                .filter(|n| n.1.len() >= given.len())
                .collect();
            inflected.sort_by_key(|n| (n.0 > paragraph, n.0));
            if let Some((_, words)) = inflected.first() {
                return words.join(" ");
            }
        }
        name.to_owned()
    }
}

/// Reads the next word of a paragraph (`None` for one that is not
/// capitalised), adding to the capitalised run or ending it.
fn read<'a>(
    word: Option<&Word<'a>>,
    run: &mut Vec<&'a str>,
    names: &mut Vec<Vec<String>>,
    lexicon: &Lexicon,
) {
    let Some(word) = word else {
        // Most words are not capitalised, and follow one that was not.
        if !run.is_empty() {
            flush(run, names, lexicon);
        }
        return;
    };
    let bare = without_possessive(word.bare);
    if word.capital && !word.punct && name_like(bare) {
        run.push(without_full_stop(bare));
        if word.ends_clause() || word.ends_sentence() || bare.len() != word.bare.len() {
            flush(run, names, lexicon);
        }
    } else {
        flush(run, names, lexicon);
    }
}

/// Ends a run of capitalised words: a full name if two or more remain
/// once leading roles are left out.
fn flush(run: &mut Vec<&str>, names: &mut Vec<Vec<String>>, lexicon: &Lexicon) {
    // A lone capitalised word (most often a sentence's first) is no full name.
    if run.len() >= 2 {
        let skip = leading_non_name(run, lexicon).min(run.len());
        let name = &run[skip..];
        if name.len() >= 2 && !name.iter().any(|w| lexicon.is_not_name(&w.to_lowercase())) {
            names.push(name.iter().map(|w| (*w).to_owned()).collect());
        }
    }
    run.clear();
}

/// Whether two forms are the same name: equal, or, where names inflect,
/// the same stem with a case ending ("Novák", "Nováka", "Novákovi").
fn same_name(known: &str, said: &str, lexicon: &Lexicon) -> bool {
    if known == said {
        return true;
    }
    if !lexicon.inflects_names() {
        return false;
    }
    let (known, said) = (known.to_lowercase(), said.to_lowercase());
    let stem = |word: &str| -> String {
        let ending =
            lexicon.name_endings.iter().find(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str()));
        let cut = ending.map_or(word, |e| &word[..word.len() - e.len()]);
        // Feminine and adjectival forms: "Nováková", "Kowalska"/"Kowalski".
        cut.trim_end_matches(['á', 'a', 'i', 'y', 'ý', 'й']).to_owned()
    };
    let (a, b) = (stem(&known), stem(&said));
    a.chars().count() >= 3 && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'p>(paragraphs: &'p [&'p str], language: &str) -> (FullNames<'p>, &'static Lexicon) {
        let lexicon = Lexicon::of(language).unwrap();
        (FullNames::new(paragraphs, lexicon), lexicon)
    }

    #[test]
    fn surnames_and_titles_resolve_to_the_name_used() {
        let (mut people, en) =
            names(&["Kremlin spokesman Dmitry Peskov spoke.", "Dr. Sunniva Aalto agreed."], "en");
        assert_eq!(people.resolve("Peskov", 1, en), "Dmitry Peskov");
        assert_eq!(people.resolve("Aalto", 1, en), "Sunniva Aalto");
        assert_eq!(people.resolve("Nobody", 1, en), "Nobody");
        assert_eq!(people.resolve("Ivan Peskov", 1, en), "Ivan Peskov", "another first name");
    }

    /// Words for random paragraphs: names, roles, words that are never
    /// names, plain words, and the punctuation that ends runs.
    const VOCABULARY: [&str; 24] = [
        "Ana", "Lind", "Lind’s", "Lind.", "Lind,", "Berg", "Berg:", "Tomas", "Mayor", "The", "Monday",
        "U.N.", "Dr.", "J.", "“Lind", "Berg”", "said", "the", "harbour", "—", "and", "Ana-Lind", "Aalto",
        "O'Neill",
    ];

    proptest::proptest! {
        /// Names looked for per surname, in the paragraphs that hold it,
        /// are those found by reading every paragraph whole.
        #[test]
        fn names_found_per_surname_are_those_found_in_one_pass(
            picks in proptest::collection::vec(proptest::collection::vec(0..VOCABULARY.len(), 0..24), 1..5),
            asked in proptest::collection::vec((0..VOCABULARY.len(), 0..VOCABULARY.len(), 0..5usize), 1..8),
        ) {
            let texts: Vec<String> =
                picks.iter().map(|p| p.iter().map(|&i| VOCABULARY[i]).collect::<Vec<_>>().join(" ")).collect();
            let paragraphs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let en = Lexicon::of("en").unwrap();
            let mut all = FullNames::all(&paragraphs, en);
            let mut lazy = FullNames::new(&paragraphs, en);
            for (first, last, paragraph) in asked {
                let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_owned();
                for name in [bare(VOCABULARY[last]), format!("{} {}", bare(VOCABULARY[first]), bare(VOCABULARY[last]))] {
                    proptest::prop_assert_eq!(
                        lazy.resolve(&name, paragraph, en),
                        all.resolve(&name, paragraph, en),
                        "{:?} in {:?}", name, texts
                    );
                }
            }
        }
    }

    #[test]
    fn inflected_surnames_resolve_where_names_inflect() {
        let (mut people, cs) = names(&["Ministr Jan Novák přijel do Brna."], "cs");
        assert_eq!(people.resolve("Nováka", 0, cs), "Jan Novák");
        assert_eq!(people.resolve("Novákovi", 0, cs), "Jan Novák");
        let (mut people, pl) = names(&["Posłanka Anna Kowalska mówiła długo."], "pl");
        assert_eq!(people.resolve("Kowalskiej", 0, pl), "Anna Kowalska");
        let (mut people, ru) = names(&["Министр Сергей Иванов приехал."], "ru");
        assert_eq!(people.resolve("Иванова", 0, ru), "Сергей Иванов");
        let (mut people, en) = names(&["Anna Kowalska spoke."], "en");
        assert_eq!(people.resolve("Kowalskiej", 0, en), "Kowalskiej", "English does not inflect names");
    }
}
