//! The authors of a library: one entry per person however their name is
//! spelled, with their articles, bio, dates, sources and the people they
//! quote most.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::article::Article;
use super::author::{self, AuthorKey, UNKNOWN_AUTHOR};
use super::formats::authors_file::AuthorInfo;

/// How many of the people an author quotes are kept, most quoted first.
const MOST_QUOTED: usize = 5;

/// One person (or "Unknown author") and the articles credited to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub key: AuthorKey,
    /// The spelling shown everywhere (the most common one).
    pub name: String,
    /// Every spelling seen, the shown one included.
    pub variants: Vec<String>,
    pub bio: Option<String>,
    /// Where the bio came from: `None` for `authors.toml` (or no bio), else
    /// the index of the article that gave the most complete one.
    pub bio_from: Option<usize>,
    pub url: Option<String>,
    /// Indexes into the library's articles, newest first (undated last).
    pub articles: Vec<usize>,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// The sources they wrote for, most frequent first.
    pub sources: Vec<String>,
    /// The people their articles quote most, with how many quotations.
    pub most_quoted: Vec<(String, usize)>,
}

impl Author {
    pub fn is_unknown(&self) -> bool {
        self.name == UNKNOWN_AUTHOR
    }

    /// How authors are ordered in the library: by key, "Unknown author" last.
    pub fn sort_key(&self) -> (bool, &str) {
        (self.is_unknown(), self.key.as_str())
    }
}

/// Groups articles by author, settles each author's spelling and bio, and
/// writes the settled spelling (and any `authors.toml` bio) back into the
/// articles' bylines.
pub fn index(articles: &mut [Article], info: &HashMap<AuthorKey, AuthorInfo>) -> Vec<Author> {
    let unknown = AuthorKey::of(UNKNOWN_AUTHOR);
    // Each byline's key, worked out once: folding names is most of the cost.
    let keys: Vec<Vec<AuthorKey>> =
        articles.iter().map(|a| a.bylines.iter().map(|b| AuthorKey::of(&b.name)).collect()).collect();
    let mut groups: HashMap<&AuthorKey, (HashMap<&str, usize>, Vec<usize>)> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        if article.bylines.is_empty() {
            let group = groups.entry(&unknown).or_default();
            *group.0.entry(UNKNOWN_AUTHOR).or_default() += 1;
            group.1.push(index);
        }
        for (byline, key) in article.bylines.iter().zip(&keys[index]) {
            let group = groups.entry(key).or_default();
            *group.0.entry(byline.name.as_str()).or_default() += 1;
            if group.1.last() != Some(&index) {
                group.1.push(index);
            }
        }
    }
    let context = Context { articles, keys: &keys, info };
    let mut authors: Vec<Author> = groups
        .into_iter()
        .map(|(key, (spellings, indexes))| build(key.clone(), &spellings, indexes, &context))
        .collect();
    authors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for author in &authors {
        let given_bio = info.get(&author.key).is_some_and(|i| i.bio.is_some());
        for &index in &author.articles {
            for (byline, key) in articles[index].bylines.iter_mut().zip(&keys[index]) {
                if *key == author.key {
                    if byline.name != author.name {
                        byline.name.clone_from(&author.name);
                    }
                    if given_bio {
                        byline.bio.clone_from(&author.bio);
                    }
                }
            }
        }
    }
    authors
}

/// What building one author looks at.
struct Context<'a> {
    articles: &'a [Article],
    keys: &'a [Vec<AuthorKey>],
    info: &'a HashMap<AuthorKey, AuthorInfo>,
}

fn build(
    key: AuthorKey,
    spellings: &HashMap<&str, usize>,
    mut indexes: Vec<usize>,
    context: &Context<'_>,
) -> Author {
    let Context { articles, keys, info } = *context;
    let name =
        author::preferred_spelling(spellings.iter().map(|(&spelling, &n)| (spelling, n))).unwrap_or_default();
    let mut variants: Vec<String> = spellings.keys().map(|&s| s.to_owned()).collect();
    variants.sort();
    // Newest first; undated after dated, in library order.
    indexes.sort_by_key(|&i| std::cmp::Reverse(articles[i].date.map(|d| d.order_key())));
    let given = info.get(&key);
    let (bio, bio_from) = match given.and_then(|i| i.bio.clone()) {
        Some(bio) => (Some(bio), None),
        None => match longest_bio(articles, &indexes, keys, &key) {
            Some((bio, from)) => (Some(bio), Some(from)),
            None => (None, None),
        },
    };
    let days: Vec<NaiveDate> = indexes.iter().filter_map(|&i| articles[i].date.map(|d| d.day())).collect();
    let mut most_quoted = by_frequency(indexes.iter().flat_map(|&i| articles[i].speakers.iter().cloned()));
    most_quoted.truncate(MOST_QUOTED);
    Author {
        name,
        variants,
        bio,
        bio_from,
        url: given.and_then(|i| i.url.clone()),
        first_date: days.iter().min().copied(),
        last_date: days.iter().max().copied(),
        sources: by_frequency(indexes.iter().filter_map(|&i| articles[i].source.clone()))
            .into_iter()
            .map(|(s, _)| s)
            .collect(),
        most_quoted,
        articles: indexes,
        key,
    }
}

/// The most complete bio an author's articles give them, and its article.
fn longest_bio(
    articles: &[Article],
    indexes: &[usize],
    keys: &[Vec<AuthorKey>],
    key: &AuthorKey,
) -> Option<(String, usize)> {
    indexes
        .iter()
        .flat_map(|&i| articles[i].bylines.iter().zip(&keys[i]).map(move |(b, k)| (i, b, k)))
        .filter(|(_, _, k)| *k == key)
        .filter_map(|(i, b, _)| b.bio.as_ref().map(|bio| (bio, i)))
        .max_by_key(|(bio, _)| bio.len())
        .map(|(bio, i)| (bio.clone(), i))
}

/// Distinct values with their counts, most frequent first (ties by name).
fn by_frequency(values: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    let mut counted: Vec<(String, usize)> = counts.into_iter().collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::library::Library;
    use crate::library::load::{FileEntry, classify, parse_bytes};

    fn library_of(files: &[(&str, &str)]) -> Library {
        let outcomes = files
            .iter()
            .map(|(name, text)| {
                let path = Path::new(name).to_path_buf();
                let kind = classify(&path).unwrap();
                (FileEntry { path: path.clone(), kind }, parse_bytes(&path, kind, text.as_bytes(), false))
            })
            .collect();
        Library::build(outcomes, Vec::new())
    }

    fn toml(title: &str, author: &str, date: &str) -> String {
        format!(
            "title = \"{title}\"\nauthor = \"{author}\"\ndate = {date}\nsource = \"Ledger\"\nbody = \"Text.\"\n"
        )
    }

    #[test]
    fn spellings_merge_into_one_author() {
        let a = toml("One", "Zoë Park", "2024-01-01");
        let b = toml("Two", "ZOE PARK", "2024-02-01");
        let c = toml("Three", "By zoë  park", "2024-03-01");
        let d = toml("Four", "Zoë Park", "2024-04-01");
        let library = library_of(&[("a.toml", &a), ("b.toml", &b), ("c.toml", &c), ("d.toml", &d)]);
        assert_eq!(library.authors.len(), 1);
        let author = &library.authors[0];
        assert_eq!(author.name, "Zoë Park");
        assert_eq!(author.articles.len(), 4);
        assert_eq!(author.variants.len(), 3, "{:?}", author.variants);
        // Every article shows the settled spelling.
        assert!(library.articles.iter().all(|a| a.bylines[0].name == "Zoë Park"));
    }

    #[test]
    fn people_sharing_a_surname_stay_two_authors() {
        let a = toml("One", "Jane Doe", "2024-01-01");
        let b = toml("Two", "John Doe", "2024-01-02");
        let library = library_of(&[("a.toml", &a), ("b.toml", &b)]);
        let names: Vec<&str> = library.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "John Doe"]);
    }

    #[test]
    fn articles_newest_first_with_dates_sources_and_bio_source() {
        let old = "title = \"Old\"\nauthor = \"Ann Lee\"\nbio = \"Ann Lee writes.\"\ndate = 2023-05-01\nsource = \"Ledger\"\nbody = \"x\"\n";
        let new = "title = \"New\"\nauthor = \"Ann Lee\"\nbio = \"Ann Lee writes about the sea for the Ledger.\"\ndate = 2024-05-01\nsource = \"Gazette\"\nbody = \"x\"\n";
        let undated = "Undated\n\nBody.\n\nAnn Lee\nAnn Lee is a reporter.\n";
        let library = library_of(&[("a.toml", old), ("b.toml", new), ("c.txt", undated)]);
        let author = &library.authors[0];
        let titles: Vec<&str> = author.articles.iter().map(|&i| library.articles[i].title.as_str()).collect();
        assert_eq!(titles, ["New", "Old", "Undated"]);
        assert_eq!(author.first_date.unwrap().to_string(), "2023-05-01");
        assert_eq!(author.last_date.unwrap().to_string(), "2024-05-01");
        assert_eq!(author.sources, ["Gazette", "Ledger"]);
        assert_eq!(author.bio.as_deref(), Some("Ann Lee writes about the sea for the Ledger."));
        assert_eq!(library.articles[author.bio_from.unwrap()].title, "New");
    }

    #[test]
    fn multi_author_articles_and_unknown_author() {
        let both = "title = \"Both\"\nauthor = [\"Ann Lee\", \"Bo Park\"]\nbody = \"x\"\n";
        let nobody = "Nobody wrote this\n\nBody.\n";
        let library = library_of(&[("a.toml", both), ("b.txt", nobody)]);
        let names: Vec<(&str, usize)> =
            library.authors.iter().map(|a| (a.name.as_str(), a.articles.len())).collect();
        assert_eq!(names, [("Ann Lee", 1), ("Bo Park", 1), ("Unknown author", 1)]);
        let articles: Vec<&[usize]> = library.authors.iter().map(|a| a.articles.as_slice()).collect();
        assert_eq!(articles, [&[0][..], &[0], &[1]]);
    }

    #[test]
    fn most_quoted_people() {
        let text = "T\n\n“One,” said Kari Vold.\n\n“Two,” Vold said. “Three,” she added.\n\n“Four,” said Odd Berg.\n\nAnn Lee\nAnn Lee is a reporter.";
        let library = library_of(&[("a.txt", text)]);
        let author = library.authors.iter().find(|a| a.name == "Ann Lee").unwrap();
        assert_eq!(author.most_quoted, [("Kari Vold".to_owned(), 3), ("Odd Berg".to_owned(), 1)]);
    }

    #[test]
    fn authors_toml_bio_wins() {
        let article = "title = \"T\"\nauthor = \"Ann Lee\"\nbio = \"From the article.\"\nbody = \"x\"\n";
        let file = "[authors.\"ANN LEE\"]\nbio = \"From authors.toml.\"\nurl = \"https://x.example\"\n";
        let library = library_of(&[("a.toml", article), ("authors.toml", file)]);
        let author = &library.authors[0];
        assert_eq!((author.bio.as_deref(), author.bio_from), (Some("From authors.toml."), None));
        assert_eq!(author.url.as_deref(), Some("https://x.example"));
        assert_eq!(library.articles[0].bio(), Some("From authors.toml."));
    }
}
