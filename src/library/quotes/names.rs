//! The full names an article uses, to resolve what attributions say:
//! "Peskov" or "Dr. Aalto" to the fullest name used for the person, and
//! where names inflect, "Nováka" or "Kowalskiego" to the form the article
//! introduced ("Jan Novák").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::Lexicon;
use super::words::Word;

/// Full names by surname, in the order the article uses them.
pub struct FullNames {
    /// Surname -> (paragraph first seen, the name's words).
    by_surname: HashMap<String, Vec<(usize, Vec<String>)>>,
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

impl FullNames {
    /// Every run of two or more capitalised words (without leading roles)
    /// outside quotation marks, by paragraph.
    pub fn collect(paragraphs: &[&str], lexicon: &Lexicon) -> Self {
        let mut names = Self { by_surname: HashMap::default() };
        let mut seen: HashSet<Vec<String>> = HashSet::default();
        for (p, text) in paragraphs.iter().enumerate() {
            let mut run: Vec<&str> = Vec::new();
            super::words::capitalised(text, |word| {
                names.read(p, word.as_ref(), &mut run, &mut seen, lexicon)
            });
            names.flush(p, &mut run, &mut seen, lexicon);
        }
        names
    }

    /// Reads the next word of paragraph `p` (`None` for one that is not
    /// capitalised), adding to the capitalised run or ending it.
    fn read<'a>(
        &mut self,
        p: usize,
        word: Option<&Word<'a>>,
        run: &mut Vec<&'a str>,
        seen: &mut HashSet<Vec<String>>,
        lexicon: &Lexicon,
    ) {
        let Some(word) = word else {
            // Most words are not capitalised, and follow one that was not.
            if !run.is_empty() {
                self.flush(p, run, seen, lexicon);
            }
            return;
        };
        let bare = without_possessive(word.bare);
        if word.capital && !word.punct && name_like(bare) {
            run.push(without_full_stop(bare));
            if word.ends_clause() || word.ends_sentence() || bare.len() != word.bare.len() {
                self.flush(p, run, seen, lexicon);
            }
        } else {
            self.flush(p, run, seen, lexicon);
        }
    }

    /// Ends a run of capitalised words: a full name if two or more remain
    /// once leading roles are left out.
    fn flush(&mut self, p: usize, run: &mut Vec<&str>, seen: &mut HashSet<Vec<String>>, lexicon: &Lexicon) {
        // A lone capitalised word (most often a sentence's first) is no full name.
        if run.len() < 2 {
            run.clear();
            return;
        }
        let skip = leading_non_name(run, lexicon).min(run.len());
        let name = &run[skip..];
        if name.len() >= 2 && !name.iter().any(|w| lexicon.is_not_name(&w.to_lowercase())) {
            let name: Vec<String> = name.iter().map(|w| (*w).to_owned()).collect();
            if seen.insert(name.clone()) {
                let surname = name[name.len() - 1].clone();
                self.by_surname.entry(surname).or_default().push((p, name));
            }
        }
        run.clear();
    }

    /// The fullest name for `name` as said in paragraph `paragraph`: a
    /// longer name the article used (an earlier one preferred) that ends
    /// with the same surname (or, where names inflect, its stem) and
    /// agrees with any first name given.
    pub fn resolve(&self, name: &str, paragraph: usize, lexicon: &Lexicon) -> String {
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
        if let Some(found) = self.by_surname.get(surname).and_then(|c| pick(c)) {
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

    fn names(paragraphs: &[&str], language: &str) -> (FullNames, &'static Lexicon) {
        let lexicon = Lexicon::of(language).unwrap();
        (FullNames::collect(paragraphs, lexicon), lexicon)
    }

    #[test]
    fn surnames_and_titles_resolve_to_the_name_used() {
        let (people, en) =
            names(&["Kremlin spokesman Dmitry Peskov spoke.", "Dr. Sunniva Aalto agreed."], "en");
        assert_eq!(people.resolve("Peskov", 1, en), "Dmitry Peskov");
        assert_eq!(people.resolve("Aalto", 1, en), "Sunniva Aalto");
        assert_eq!(people.resolve("Nobody", 1, en), "Nobody");
        assert_eq!(people.resolve("Ivan Peskov", 1, en), "Ivan Peskov", "another first name");
    }

    #[test]
    fn inflected_surnames_resolve_where_names_inflect() {
        let (people, cs) = names(&["Ministr Jan Novák přijel do Brna."], "cs");
        assert_eq!(people.resolve("Nováka", 0, cs), "Jan Novák");
        assert_eq!(people.resolve("Novákovi", 0, cs), "Jan Novák");
        let (people, pl) = names(&["Posłanka Anna Kowalska mówiła długo."], "pl");
        assert_eq!(people.resolve("Kowalskiej", 0, pl), "Anna Kowalska");
        let (people, ru) = names(&["Министр Сергей Иванов приехал."], "ru");
        assert_eq!(people.resolve("Иванова", 0, ru), "Сергей Иванов");
        let (people, en) = names(&["Anna Kowalska spoke."], "en");
        assert_eq!(people.resolve("Kowalskiej", 0, en), "Kowalskiej", "English does not inflect names");
    }
}
