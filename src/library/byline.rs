//! Author names from what feeds, pages and scrapers write in an author
//! field: "By Jane Doe and John Roe", "jane@example.com (Jane Doe)",
//! "Ana Ruiz; ana ruiz", "Von Max Weber und Eva Roth", "Jane Doe, Staff
//! Writer", `["Reuters", "https://example.com/author/jane-doe"]`.
//!
//! Organisations and agencies ("Reuters", "Agence France-Presse") are
//! names like any other; addresses, URLs, slugs, dates and section words
//! ("Staff", "News", "Updated") are not.

use super::author::{AuthorKey, clean_name};

/// Splits one author field into names, tidied and without repeats.
///
/// ```
/// use broadsheet::library::byline::names;
///
/// assert_eq!(names("By Jane Doe and JOHN ROE; jane doe"), ["Jane Doe", "JOHN ROE"]);
/// assert_eq!(names("news@example.com (Ana Ruiz)"), ["Ana Ruiz"]);
/// assert_eq!(names("Von Max Weber und Eva Roth"), ["Max Weber", "Eva Roth"]);
/// ```
pub fn names(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in split(field) {
        push_unique(&mut out, &part);
    }
    out
}

/// Names from several fields (a list of authors), without repeats.
pub fn names_from_all<'a>(fields: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for field in fields {
        for part in split(field) {
            push_unique(&mut out, &part);
        }
    }
    out
}

fn push_unique(out: &mut Vec<String>, name: &str) {
    let key = AuthorKey::of(name);
    if !out.iter().any(|n| AuthorKey::of(n) == key) {
        out.push(name.to_owned());
    }
}

/// Words that introduce a byline in the languages we read.
const LEAD_INS: [&str; 22] = [
    "written by",
    "words by",
    "reporting by",
    "story by",
    "text by",
    "posted by",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "od",
    "autor",
    "autorin",
    "autore",
    "auteur",
    "author",
    "text",
    "texto",
];

/// Words that join two names.
const JOINERS: [&str; 9] = ["and", "und", "et", "y", "e", "i", "en", "och", "и"];

fn split(field: &str) -> Vec<String> {
    let field = field.trim();
    if field.is_empty() || field.len() > 400 {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let chunks = field
        .split([';', '|', '\n'])
        .filter(|c| !c.contains("://") && !c.trim_start().starts_with("www."))
        .flat_map(|c| c.split('/'));
    for chunk in chunks {
        let chunk = strip_lead_in(chunk);
        for piece in split_commas(&chunk) {
            let piece = strip_lead_in(&without_email(&piece));
            for name in split_joiners(&piece) {
                let name = without_roles(&clean_name(strip_lead_in(&name).as_str()));
                if is_name(&name) {
                    parts.push(name);
                }
            }
        }
    }
    parts
}

/// "x@y.z (Name)" and "Name <x@y.z>" are Name; a bare address stays.
fn without_email(text: &str) -> String {
    let text = text.trim();
    if !text.contains('@') {
        return text.to_owned();
    }
    if let (Some(open), Some(close)) = (text.find('('), text.rfind(')'))
        && open < close
    {
        let inside = text[open + 1..close].trim();
        let outside = format!("{} {}", &text[..open], &text[close + 1..]);
        let (name, address) =
            if inside.contains('@') { (outside, inside.to_owned()) } else { (inside.to_owned(), outside) };
        return if name.trim().is_empty() { address.trim().to_owned() } else { name.trim().to_owned() };
    }
    if let (Some(open), Some(close)) = (text.find('<'), text.rfind('>'))
        && open < close
    {
        let name = text[..open].trim().trim_matches('"');
        return if name.is_empty() { text[open + 1..close].trim().to_owned() } else { name.to_owned() };
    }
    text.to_owned()
}

fn strip_lead_in(text: &str) -> String {
    let trimmed = text.trim().trim_start_matches(['-', '–', '—', '·', ':']).trim();
    let lower = trimmed.to_lowercase();
    for lead in LEAD_INS {
        if let Some(rest) = lower.strip_prefix(lead)
            && (rest.starts_with([' ', ':']) || rest.is_empty())
        {
            let cut = trimmed.len() - rest.len();
            return trimmed[cut..].trim_start_matches([' ', ':']).trim().to_owned();
        }
    }
    trimmed.to_owned()
}

/// Commas separate names ("A B, C D") but also a name from its job ("A B,
/// Staff Writer", dropped later as not a name); two single words are one
/// person written surname first ("Doe, Jane").
fn split_commas(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() == 2 && parts.iter().all(|p| !p.contains(' ')) {
        return vec![text.trim().to_owned()];
    }
    parts.into_iter().map(str::to_owned).collect()
}

fn split_joiners(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let joins =
            (JOINERS.contains(&lower.as_str()) || *word == "&") && !current.is_empty() && i + 1 < words.len();
        if joins {
            names.push(current.join(" "));
            current.clear();
        } else {
            current.push(word);
        }
    }
    if !current.is_empty() {
        names.push(current.join(" "));
    }
    names
}

/// Words of a job title written next to a name ("Senior Correspondent
/// Jane Doe", "Jane Doe Staff Writer").
const ROLE_WORDS: [&str; 30] = [
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "senior",
    "chief",
    "political",
    "foreign",
    "business",
    "sports",
    "science",
    "health",
    "contributing",
    "contributor",
    "columnist",
    "journalist",
    "photographer",
    "special",
    "associate",
    "deputy",
    "managing",
    "economics",
    "technology",
    "culture",
    "investigative",
    "national",
    "international",
    "freelance",
    "digital",
];

/// A name without the job title before or after it, when a name is left.
fn without_roles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_role = |w: &&&str| ROLE_WORDS.contains(&w.to_lowercase().trim_matches(['.', ',']));
    let start = words.iter().take_while(is_role).count();
    let end = words.len() - words.iter().rev().take_while(is_role).count();
    if start < end && end - start >= 1 && (start > 0 || end < words.len()) && end - start < words.len() {
        let kept = &words[start..end];
        // One word left of "Staff Writer" is no name; keep the phrase to be rejected.
        if kept.len() >= 2 {
            return kept.join(" ");
        }
    }
    name.to_owned()
}

/// Words that make a phrase a job, a section or a placeholder, not a name.
const NOT_NAMES: [&str; 44] = [
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "editorial",
    "contributor",
    "contributors",
    "columnist",
    "journalist",
    "photographer",
    "photos",
    "photo",
    "updated",
    "published",
    "posted",
    "news",
    "home",
    "opinion",
    "share",
    "comments",
    "comment",
    "admin",
    "administrator",
    "unknown",
    "none",
    "null",
    "nan",
    "anonymous",
    "guest",
    "team",
    "desk",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redakce",
    "редакция",
    "min",
    "read",
];

/// Whether a cleaned phrase can be a person's or an organisation's name.
pub fn is_name(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || !name.chars().any(char::is_alphabetic) {
        return false;
    }
    if name.contains('@') {
        // An address alone is all some feeds give: keep it as written.
        return !name.contains(' ');
    }
    if name.contains("://") || name.starts_with("www.") || looks_like_domain(name) {
        return false;
    }
    // A URL slug: "jane-doe", "by-jane-doe-123".
    if !name.contains(' ')
        && name.contains('-')
        && name.chars().all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit())
    {
        return false;
    }
    // Dates, times and counts ("March 5", "3 min read"); names have no digits.
    if name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<String> =
        name.split_whitespace().map(|w| w.to_lowercase().trim_matches('.').to_owned()).collect();
    if words.len() > 6 {
        return false;
    }
    // "Staff Writer", "News Desk", "Updated": every word a job or section word.
    let placeholder = words.iter().all(|w| NOT_NAMES.contains(&w.as_str()) || w == "the" || w == "of");
    !placeholder
        && !words.iter().any(|w| matches!(w.as_str(), "writer" | "reporter" | "correspondent" | "staff"))
}

fn looks_like_domain(name: &str) -> bool {
    if name.contains(' ') || !name.contains('.') {
        return false;
    }
    let tld = name.rsplit('.').next().unwrap_or("");
    (2..=12).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_many_languages() {
        assert_eq!(names("Jane Doe, John Roe & Ann Lee"), ["Jane Doe", "John Roe", "Ann Lee"]);
        assert_eq!(names("Marie Dupont et Paul Martin"), ["Marie Dupont", "Paul Martin"]);
        assert_eq!(names("Por Ana Ruiz y Luis Gómez"), ["Ana Ruiz", "Luis Gómez"]);
        assert_eq!(names("Иван Петров и Анна Смирнова"), ["Иван Петров", "Анна Смирнова"]);
        assert_eq!(names("Ana Ruiz; ana ruiz; ANA RUIZ"), ["Ana Ruiz"]);
        assert_eq!(names("Doe, Jane"), ["Doe, Jane"]);
    }

    #[test]
    fn jobs_and_junk_are_not_names() {
        assert_eq!(names("Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("By Staff"), Vec::<String>::new());
        assert_eq!(names("example.com"), Vec::<String>::new());
        assert_eq!(names("https://example.com/author/jane-doe"), Vec::<String>::new());
        assert_eq!(names("jane-doe"), Vec::<String>::new());
        assert_eq!(names("March 5, 2024"), Vec::<String>::new());
        assert_eq!(names("None"), Vec::<String>::new());
    }

    #[test]
    fn job_titles_beside_names_go() {
        assert_eq!(names("Senior Correspondent Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("Staff Writer"), Vec::<String>::new());
    }

    #[test]
    fn agencies_are_kept() {
        assert_eq!(names("Reuters"), ["Reuters"]);
        assert_eq!(names("Agence France-Presse"), ["Agence France-Presse"]);
        assert_eq!(names("The Associated Press"), ["The Associated Press"]);
    }

    #[test]
    fn addresses() {
        assert_eq!(names("Jane Doe <jane@example.com>"), ["Jane Doe"]);
        assert_eq!(names("jane@example.com"), ["jane@example.com"]);
        assert_eq!(names("editor@example.com (Jane Doe), web@example.com (Bo Li)"), ["Jane Doe", "Bo Li"]);
    }

    #[test]
    fn initials_and_particles_survive() {
        assert_eq!(names("J. R. Hartley"), ["J. R. Hartley"]);
        assert_eq!(names("Ludwig van Beethoven"), ["Ludwig van Beethoven"]);
        assert_eq!(names("Anna de la Cruz"), ["Anna de la Cruz"]);
    }
}
