//! A page's headline: the one it declares (JSON-LD, OpenGraph) or shows
//! (its `<h1>`), else its `<title>`, always without the site's name that
//! titles carry ("Storm closes ferry | Example News").

use url::Url;

use super::Metadata;

/// What separates a headline from the site's name in a title.
const SEPARATORS: [&str; 11] = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ", " « ", " ~ "];

/// Separators written without spaces, as Chinese and Japanese titles do
/// ("台风登陆_新浪新闻", "大雨で運休｜NHK"). They also occur inside
/// headlines, so a title is only split at one when a part is the site's
/// name or the page's heading.
const TIGHT_SEPARATORS: [&str; 7] = ["｜", "|", "丨", "_", "：", "—", ": "];

/// The headline, and the site's name when only the `<title>` gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub title: Option<String>,
    /// What followed (or led) the headline in `<title>`: the site's name.
    pub site: Option<String>,
    /// The other parts taken off the `<title>`: sections ("Coast").
    pub sections: Vec<String>,
}

pub fn choose(meta: &Metadata, url: Option<&Url>) -> Chosen {
    let host = url.and_then(Url::host_str).map(|h| h.trim_start_matches("www.").to_owned());
    let names: Vec<String> =
        meta.site_names.iter().map(|s| s.trim().to_owned()).chain(host).filter(|s| !s.is_empty()).collect();
    // A heading that only names the site is its logo, not the headline.
    let headings: Vec<String> = meta.headings.iter().filter(|h| !is_site_name(h, &names)).cloned().collect();
    let strip = |title: &str| without_site(title, &names, &headings).0;
    let declared = meta.titles.iter().map(|t| strip(t)).find(|t| !t.is_empty());
    let shown = headings.first().cloned();
    let (document, site, sections) = match meta.document_title.as_deref() {
        Some(title) => {
            let stripped = take_apart(title, &names, &headings);
            let sections = stripped.parts.into_iter().filter(|p| stripped.site.as_ref() != Some(p)).collect();
            (Some(stripped.title).filter(|t| !t.is_empty()), stripped.site, sections)
        }
        None => (None, None, Vec::new()),
    };
    let title = match (declared, shown) {
        // A declared headline cut short (JSON-LD asks for 110 characters)
        // gives way to the full one shown on the page.
        (Some(declared), Some(shown)) if is_cut_from(&declared, &shown) => Some(shown),
        (Some(declared), _) => Some(declared),
        // The page's own heading, when the title says the same or only
        // names the site.
        (None, Some(shown))
            if document.as_deref().is_none_or(|d| similar(d, &shown) || is_site_name(d, &names)) =>
        {
            Some(shown)
        }
        (None, _) => document,
    };
    Chosen { title, site, sections }
}

fn is_site_name(title: &str, names: &[String]) -> bool {
    names.iter().any(|name| same_words(name, title))
}

/// Whether two texts hold the same letters and digits, whatever their
/// case, spacing and punctuation ("The Harbour Ledger", "the-harbour-ledger").
pub fn same_words(a: &str, b: &str) -> bool {
    let a = fold(a);
    !a.is_empty() && a == fold(b)
}

fn is_cut_from(short: &str, full: &str) -> bool {
    let short = short.trim_end_matches(['.', '…']).trim();
    short.len() < full.len() && full.starts_with(short) && short.len() >= 20
}

fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.contains(&b) || b.contains(&a)
}

/// A text's letters and digits, lowercase: what comparisons of titles,
/// names and lines go by.
pub(super) fn fold(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A title without the site's name before or after it, and the name taken
/// off: the part that names the site when one does ("Headline - Site -
/// Section"), else the outermost part removed.
pub fn without_site(title: &str, names: &[String], headings: &[String]) -> (String, Option<String>) {
    let stripped = take_apart(title, names, headings);
    (stripped.title, stripped.site)
}

/// A `<title>` taken apart by [`take_apart`].
struct Stripped {
    title: String,
    /// The site's name, as [`without_site`] gives it.
    site: Option<String>,
    /// Every part taken off, outermost first (the site among them).
    parts: Vec<String>,
}

fn take_apart(title: &str, names: &[String], headings: &[String]) -> Stripped {
    let mut parts: Vec<String> = Vec::new();
    let mut title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut removed: Option<String> = None;
    let mut named: Option<String> = None;
    // Up to three rounds: "Headline - Section - Site".
    let is_heading = |part: &str| headings.iter().any(|h| fold(h) == fold(part));
    let mut site_removed = false;
    for _ in 0..3 {
        if is_heading(&title) {
            break;
        }
        let is_site = |part: &str| {
            let part = fold(part);
            !part.is_empty()
                && names.iter().any(|name| {
                    let name = fold(name);
                    !name.is_empty() && (part == name || name.contains(&part) || part.contains(&name))
                })
        };
        // At a separator that also occurs inside headlines, a part is the
        // site only when it is little more than the name ("潮見新聞デジタル"),
        // not a headline that mentions it ("Explained: why the BBC...").
        let is_site_alone = |part: &str| {
            let part = fold(part);
            names.iter().any(|name| {
                let name = fold(name);
                !name.is_empty() && part.contains(&name) && part.chars().count() <= name.chars().count() + 8
            })
        };
        let (left, right, tight) = match split_once_at_separator(&title, &SEPARATORS) {
            Some((left, right)) => (left, right, false),
            None => match split_once_at_separator(&title, &TIGHT_SEPARATORS) {
                // A site leads the title, and the headline has a colon of
                // its own ("Site: Storm: ports close").
                Some((left, right))
                    if !(is_site_alone(&right) || is_heading(&left) || is_heading(&right)) =>
                {
                    match split_first_at_separator(&title, &TIGHT_SEPARATORS) {
                        Some((first, rest)) if is_site_alone(&first) => (first, rest, true),
                        _ => (left, right, true),
                    }
                }
                Some((left, right)) => (left, right, true),
                None => break,
            },
        };
        let names_site = |part: &str| if tight { is_site_alone(part) } else { is_site(part) };
        let (next, gone) = if is_heading(&left) {
            (left, right)
        } else if is_heading(&right) {
            (right, left)
        } else if names_site(&right) {
            site_removed = true;
            named.get_or_insert(right.clone());
            (left, right)
        } else if names_site(&left) {
            site_removed = true;
            named.get_or_insert(left.clone());
            (right, left)
        } else if !tight
            && ((words(&right) <= 3 && words(&left) >= 4)
                || (site_removed && words(&right) <= 2 && words(&left) >= 3))
        {
            // A short tail after a long headline is a site or section name
            // ("Headline – Coast – Example News").
            (left, right)
        } else {
            break;
        };
        // Unless a part names it, the outermost part is the site; inner
        // ones are sections.
        removed.get_or_insert(gone.clone());
        parts.push(gone);
        title = next;
    }
    Stripped { title, site: named.or(removed), parts }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Splits at the last separator (site names usually trail), or at the
/// first one when the site leads ("Site | Headline").
fn split_once_at_separator(title: &str, separators: &[&str]) -> Option<(String, String)> {
    let last =
        separators.iter().filter_map(|s| title.rfind(s).map(|i| (i, s.len()))).max_by_key(|(i, _)| *i)?;
    let (i, len) = last;
    let (left, right) = (title[..i].trim(), title[i + len..].trim());
    if left.is_empty() || right.is_empty() {
        return None;
    }
    Some((left.to_owned(), right.to_owned()))
}

/// Splits at the first separator.
fn split_first_at_separator(title: &str, separators: &[&str]) -> Option<(String, String)> {
    let (i, len) =
        separators.iter().filter_map(|s| title.find(s).map(|i| (i, s.len()))).min_by_key(|(i, _)| *i)?;
    let (left, right) = (title[..i].trim(), title[i + len..].trim());
    (!left.is_empty() && !right.is_empty()).then(|| (left.to_owned(), right.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(title: &str, site: &str) -> String {
        without_site(title, &[site.to_owned()], &[]).0
    }

    #[test]
    fn site_names_go_from_either_end() {
        assert_eq!(strip("Storm closes ferry | Example News", "Example News"), "Storm closes ferry");
        assert_eq!(strip("Example News - Storm closes ferry", "Example News"), "Storm closes ferry");
        assert_eq!(strip("Storm closes ferry – Coast – Example News", "Example News"), "Storm closes ferry");
        assert_eq!(strip("Storm closes ferry | news.example", "news.example"), "Storm closes ferry");
    }

    #[test]
    fn the_part_naming_the_site_is_the_site_not_the_section_after_it() {
        let names = ["harbourledger.example".to_owned()];
        assert_eq!(
            without_site("Storm closes the ferry for a week - Harbour Ledger - Coast", &names, &[]),
            ("Storm closes the ferry for a week".to_owned(), Some("Harbour Ledger".to_owned()))
        );
        // With nothing naming the site, the outermost part is taken for it.
        assert_eq!(
            without_site("Storm closes the ferry for a week - Coast - Ledger", &[], &[]).1.as_deref(),
            Some("Ledger")
        );
    }

    #[test]
    fn a_short_tail_goes_even_unnamed() {
        assert_eq!(
            strip("Harbour board approves the new seawall plan - Ledger", ""),
            "Harbour board approves the new seawall plan"
        );
        // A dash inside a headline stays.
        assert_eq!(strip("Ferry cut - and what comes next", ""), "Ferry cut - and what comes next");
    }

    #[test]
    fn unspaced_separators_split_off_a_named_site_only() {
        assert_eq!(strip("台风登陆福建沿海_新浪新闻", "新浪新闻"), "台风登陆福建沿海");
        assert_eq!(strip("大雨で新幹線が運転見合わせ｜NHK", "NHK"), "大雨で新幹線が運転見合わせ");
        assert_eq!(strip("港の新しい防波堤：潮見新聞デジタル", "潮見新聞"), "港の新しい防波堤");
        // A colon and a space, as blogs write "Blog: Post".
        assert_eq!(strip("Saltmarsh Diary: The curlews are back", "Saltmarsh Diary"), "The curlews are back");
        assert_eq!(
            strip("Saltmarsh Diary: Storm: the wall holds", "Saltmarsh Diary"),
            "Storm: the wall holds"
        );
        assert_eq!(strip("Storm: the wall holds", "Saltmarsh Diary"), "Storm: the wall holds");
        // A headline that only mentions the site keeps its colon.
        assert_eq!(
            strip("Explained: why the BBC licence fee is rising", "BBC"),
            "Explained: why the BBC licence fee is rising"
        );
        assert_eq!(
            strip("港の新しい防波堤：潮見新聞と市の会見で明らかに", "潮見新聞"),
            "港の新しい防波堤：潮見新聞と市の会見で明らかに"
        );
        assert_eq!(strip("NHK｜大雨で新幹線が運転見合わせ", "NHK"), "大雨で新幹線が運転見合わせ");
        // Inside a headline they stay, with no site named or none matching.
        assert_eq!(strip("首相：来年度予算を発表", ""), "首相：来年度予算を発表");
        assert_eq!(strip("首相：来年度予算を発表", "潮見新聞"), "首相：来年度予算を発表");
        assert_eq!(
            strip("snake_case names in the harbour database", ""),
            "snake_case names in the harbour database"
        );
        let headings = ["渡船が三時間運休".to_owned()];
        assert_eq!(without_site("渡船が三時間運休_港の声", &[], &headings).0, "渡船が三時間運休");
    }

    #[test]
    fn a_title_that_only_names_the_site_gives_way_to_the_heading() {
        let meta = Metadata {
            document_title: Some("The Harbour Ledger".into()),
            site_names: vec!["The Harbour Ledger".into()],
            headings: vec!["Gulls take the pier".into()],
            ..Metadata::default()
        };
        assert_eq!(choose(&meta, None).title.as_deref(), Some("Gulls take the pier"));
        // A heading that is only the site's logo does not replace a title.
        let meta = Metadata {
            document_title: Some("Gulls take the pier | The Harbour Ledger".into()),
            site_names: vec!["The Harbour Ledger".into()],
            headings: vec!["The Harbour Ledger".into()],
            ..Metadata::default()
        };
        assert_eq!(choose(&meta, None).title.as_deref(), Some("Gulls take the pier"));
    }

    #[test]
    fn the_pages_heading_decides() {
        let headings = ["Why the tide - and the town - turned".to_owned()];
        assert_eq!(
            without_site("Why the tide - and the town - turned", &[], &headings).0,
            "Why the tide - and the town - turned"
        );
        let headings = ["Gulls take the pier".to_owned()];
        assert_eq!(
            without_site("Gulls take the pier - Le Petit Quai", &[], &headings),
            ("Gulls take the pier".to_owned(), Some("Le Petit Quai".to_owned()))
        );
    }
}
