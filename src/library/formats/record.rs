//! Articles from records whose field names someone else chose: the JSON of
//! scrapers and read-later services (news-please, trafilatura, newspaper,
//! Wallabag), Hugging Face news datasets, and the rows of CSV datasets.
//!
//! Each part of an article has a list of names it goes by, best first,
//! matched without regard to case, `-`, `_` or spaces. Missing values are
//! missing whatever the tool wrote for them (`null`, `""`, `"None"`,
//! `"NULL"`, `"nan"`); fields the reader has no use for are ignored.

use super::ParseError;
use super::feed::first_words;
use super::fields::paragraphs;
use crate::library::article::{ArticleDate, Block, Byline, ParsedArticle};
use crate::library::{byline, dates, html};

/// One field's value, from JSON or a dataset's cell.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Json(&'a serde_json::Value),
    Text(&'a str),
}

/// The text of a value: strings trimmed, numbers written out, a list of
/// strings joined by "; ". `None` for every spelling of "nothing".
pub fn text_of(value: &Value<'_>) -> Option<String> {
    let text = match value {
        Value::Text(text) => (*text).to_owned(),
        Value::Json(serde_json::Value::String(text)) => text.clone(),
        Value::Json(serde_json::Value::Number(n)) => n.to_string(),
        Value::Json(serde_json::Value::Bool(b)) => b.to_string(),
        Value::Json(serde_json::Value::Array(items)) => {
            let texts: Vec<String> = items.iter().filter_map(|i| text_of(&Value::Json(i))).collect();
            texts.join("; ")
        }
        Value::Json(serde_json::Value::Object(object)) => {
            return ["name", "label", "title", "text"]
                .iter()
                .find_map(|k| object.get(*k))
                .and_then(|v| text_of(&Value::Json(v)));
        }
        Value::Json(serde_json::Value::Null) => return None,
    };
    let trimmed = text.trim();
    (!is_missing(trimmed)).then(|| trimmed.to_owned())
}

/// How tools write "no value".
pub fn is_missing(text: &str) -> bool {
    matches!(text, "" | "None" | "none" | "NULL" | "null" | "Null" | "nan" | "NaN" | "N/A" | "n/a" | "undefined" | "[]")
        // The zero dates of news-please and of databases.
        || text.starts_with("1-01-01")
        || text.starts_with("0001-01-01")
        || text.starts_with("0000-00-00")
}

/// A field name folded for matching: lowercase without `-`, `_` and spaces.
pub fn fold_key(key: &str) -> String {
    key.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parts of an article and the names (folded) each goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Body,
    Authors,
    Date,
    Source,
    Url,
    Tags,
    Bio,
}

impl Role {
    pub const ALL: [Self; 8] =
        [Self::Title, Self::Body, Self::Authors, Self::Date, Self::Source, Self::Url, Self::Tags, Self::Bio];

    /// Field names for this part, best first (folded).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Title => &[
                "title",
                "headline",
                "articletitle",
                "titlerss",
                "titlepage",
                "heading",
                "titel",
                "titre",
                "titulo",
                "título",
                "titolo",
                "tytuł",
                "název",
                "заголовок",
            ],
            Self::Body => &[
                "body",
                "maintext",
                "text",
                "content",
                "article",
                "articletext",
                "articlebody",
                "contenthtml",
                "contenttext",
                "fulltext",
                "story",
                "rawtext",
                "description",
                "summary",
                "excerpt",
                "texte",
                "texto",
                "testo",
                "tekst",
                "inhalt",
                "contenu",
                "contenido",
                "contenuto",
                "conteúdo",
                "obsah",
                "treść",
                "текст",
            ],
            Self::Authors => &[
                "author",
                "authors",
                "byline",
                "creator",
                "creators",
                "publishedby",
                "authorname",
                "writer",
                "writers",
                "autor",
                "auteur",
                "autore",
                "autoři",
                "автор",
            ],
            Self::Date => &[
                "date",
                "datepublish",
                "published",
                "publishdate",
                "publishedat",
                "publisheddate",
                "datepublished",
                "publicationdate",
                "pubdate",
                "datetime",
                "createdat",
                "datecreated",
                "created",
                "timestamp",
                "time",
                "datum",
                "fecha",
                "data",
                "дата",
            ],
            Self::Source => &[
                "publication",
                "sitename",
                "sourcehostname",
                "source",
                "sourcename",
                "publisher",
                "outlet",
                "newspaper",
                "sourcedomain",
                "domainname",
                "hostname",
                "domain",
                "site",
                "quelle",
                "fuente",
                "fonte",
                "zdroj",
                "źródło",
                "источник",
            ],
            Self::Url => &[
                "url",
                "link",
                "canonicalurl",
                "articleurl",
                "uri",
                "href",
                "originurl",
                "givenurl",
                "source",
            ],
            Self::Tags => {
                &["tags", "categories", "keywords", "category", "section", "topics", "labels", "subjects"]
            }
            Self::Bio => &["bio", "authorbio"],
        }
    }
}

/// Where each part of an article is in a record's fields: the field index
/// for every role (`fields` are the record's folded field names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// For each role, the fields to try in order.
    pub roles: Vec<(Role, Vec<usize>)>,
    /// `year`, `month` and `day` fields, for datasets that split the date.
    pub year_month_day: [Option<usize>; 3],
}

impl Mapping {
    /// Works out which fields hold what, from their names; `overrides`
    /// (role, field name as written) come first.
    pub fn new(fields: &[String], overrides: &[(Role, String)]) -> Self {
        let folded: Vec<String> = fields.iter().map(|f| fold_key(f)).collect();
        let roles = Role::ALL
            .iter()
            .map(|&role| {
                let mut found: Vec<usize> = overrides
                    .iter()
                    .filter(|(r, _)| *r == role)
                    .filter_map(|(_, name)| folded.iter().position(|f| *f == fold_key(name)))
                    .collect();
                for alias in role.aliases() {
                    if let Some(at) = folded.iter().position(|f| f == alias)
                        && !found.contains(&at)
                    {
                        found.push(at);
                    }
                }
                (role, found)
            })
            .collect();
        let find = |name: &str| folded.iter().position(|f| f == name);
        Self { roles, year_month_day: [find("year"), find("month"), find("day")] }
    }

    pub fn fields(&self, role: Role) -> &[usize] {
        self.roles.iter().find(|(r, _)| *r == role).map_or(&[], |(_, f)| f.as_slice())
    }

    pub fn has(&self, role: Role) -> bool {
        !self.fields(role).is_empty()
    }
}

/// Builds an article from a record: `get(i)` is field `i`'s value under
/// `mapping`. Fails only when the record has neither title nor text.
pub fn article<'a>(
    mapping: &Mapping,
    get: impl Fn(usize) -> Option<Value<'a>>,
    line: usize,
    offset: u64,
) -> Result<ParsedArticle, ParseError> {
    let first_text = |role: Role| -> Option<(usize, String)> {
        mapping.fields(role).iter().find_map(|&i| get(i).and_then(|v| text_of(&v)).map(|t| (i, t)))
    };
    let url_field = first_text(Role::Url).filter(|(_, u)| looks_like_url(u));
    let body = first_text(Role::Body);
    let body_blocks = body.as_ref().map(|(_, text)| blocks_of(text)).unwrap_or_default();
    let mut warnings = Vec::new();
    let given_title = first_text(Role::Title).map(|(_, t)| html::inline_text(&t)).filter(|t| !t.is_empty());
    let derived_title = given_title.is_none();
    let title = match given_title {
        Some(title) => title,
        // trafilatura without its metadata option writes no title.
        None => first_words(&body_blocks)
            .ok_or_else(|| ParseError::new(Some(line), "neither a title nor any text"))?,
    };
    if body_blocks.is_empty() {
        warnings.push("the article has a title but no body text".to_owned());
    }
    // Authors may be in several fields; the first that gives a name wins.
    let names = mapping
        .fields(Role::Authors)
        .iter()
        .filter_map(|&i| get(i))
        .map(|value| author_names(&value))
        .find(|names| !names.is_empty())
        .unwrap_or_default();
    let mut bylines: Vec<Byline> = names.into_iter().map(Byline::new).collect();
    if let (Some(first), Some((_, bio))) = (bylines.first_mut(), first_text(Role::Bio)) {
        first.bio = Some(bio);
    }
    let date = date_of(mapping, &get);
    if date.is_none()
        && let Some((_, written)) = first_text(Role::Date)
    {
        warnings.push(format!("the date {written:?} could not be read; ignored"));
    }
    // A `source` that is an address is the article's (trafilatura).
    let source = mapping
        .fields(Role::Source)
        .iter()
        .find_map(|&i| get(i).and_then(|v| text_of(&v)).filter(|s| !looks_like_url(s) && !s.contains("://")));
    let tags = mapping
        .fields(Role::Tags)
        .iter()
        .filter_map(|&i| get(i))
        .map(|v| tag_list(&v))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let mut body_blocks = body_blocks;
    // Text that opens with its own headline (trafilatura without metadata).
    if derived_title && body_blocks.len() > 1 && body_blocks[0].text == title {
        body_blocks.remove(0);
    }
    let url = url_field.map(|(_, u)| u);
    // Without a source, the site the address names.
    let source = source.or_else(|| {
        let host = url.as_deref().and_then(|u| url::Url::parse(u).ok())?.host_str()?.to_owned();
        Some(host.trim_start_matches("www.").to_owned())
    });
    Ok(ParsedArticle {
        guid: None,
        title,
        bylines,
        date,
        source,
        url,
        tags,
        body: body_blocks,
        warnings,
        line,
        offset,
        format: None,
        language: None,
    })
}

/// Paragraphs of a body: HTML converted; plain text split at blank lines,
/// or at line breaks when it has no blank line (as scrapers write it).
pub fn blocks_of(text: &str) -> Vec<Block> {
    if html::has_markup(text) {
        return html::blocks(text, html::Options::default());
    }
    if text.contains("\n\n") || text.contains("\r\n\r\n") {
        return paragraphs(text);
    }
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(Block::paragraph).collect()
}

fn looks_like_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://")) && !text.contains(char::is_whitespace)
}

fn author_names(value: &Value<'_>) -> Vec<String> {
    match value {
        Value::Json(serde_json::Value::Array(items)) => {
            let texts: Vec<String> = items.iter().filter_map(|i| text_of(&Value::Json(i))).collect();
            byline::names_from_all(texts.iter().map(String::as_str))
        }
        other => text_of(other).map(|t| byline::names(&t)).unwrap_or_default(),
    }
}

fn tag_list(value: &Value<'_>) -> Vec<String> {
    let raw: Vec<String> = match value {
        Value::Json(serde_json::Value::Array(items)) => {
            items.iter().filter_map(|i| text_of(&Value::Json(i))).collect()
        }
        other => match text_of(other) {
            // A Python list written as text: "['a', 'b']".
            Some(text) if text.starts_with('[') && text.ends_with(']') => text[1..text.len() - 1]
                .split(',')
                .map(|t| t.trim().trim_matches(['\'', '"']).to_owned())
                .collect(),
            Some(text) => {
                let separator = if text.contains(';') { ';' } else { ',' };
                text.split(separator).map(str::to_owned).collect()
            }
            None => Vec::new(),
        },
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.iter().map(|t| t.trim()).filter(|t| !is_missing(t)) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

fn date_of<'a>(mapping: &Mapping, get: &impl Fn(usize) -> Option<Value<'a>>) -> Option<ArticleDate> {
    let written = mapping.fields(Role::Date).iter().filter_map(|&i| get(i)).find_map(|v| text_of(&v));
    if let Some(date) = written.as_deref().and_then(dates::parse_date) {
        return Some(date);
    }
    // "All the News": float `year` and `month` columns ("2016.0").
    let number = |slot: Option<usize>| -> Option<u32> {
        let text = text_of(&get(slot?)?)?;
        let value: f64 = text.parse().ok()?;
        (value.fract() == 0.0 && value >= 1.0).then_some(value as u32)
    };
    let [year, month, day] = mapping.year_month_day;
    let year = number(year)?;
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, number(month)?, number(day).unwrap_or(1))?;
    // A year and month alone only place the article in its month.
    Some(ArticleDate::Day(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_json(text: &str) -> Result<ParsedArticle, ParseError> {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let object = value.as_object().unwrap();
        let keys: Vec<String> = object.keys().cloned().collect();
        let mapping = Mapping::new(&keys, &[]);
        article(&mapping, |i| object.get(&keys[i]).map(Value::Json), 1, 0)
    }

    #[test]
    fn news_please() {
        let a = from_json(
            r#"{"authors": ["Ana Ruiz"], "date_download": "2024-03-06 01:00:00", "date_modify": "None",
                "date_publish": "2024-03-05 10:00:00", "description": "Short.", "filename": "x.html.json",
                "image_url": null, "language": "en", "localpath": "None", "maintext": "First.\nSecond.",
                "source_domain": "news.example", "text": null, "title": "Harbour opens", "title_page": "None",
                "title_rss": "NULL", "url": "https://news.example/a"}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Harbour opens");
        assert_eq!(a.bylines[0].name, "Ana Ruiz");
        assert_eq!(a.date.unwrap().to_string(), "2024-03-05T10:00:00+00:00");
        assert_eq!(a.source.as_deref(), Some("news.example"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.body.len(), 2);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn news_please_placeholders_are_missing() {
        let a = from_json(
            r#"{"title": "T", "maintext": "x", "authors": [], "date_publish": "1-01-01 00:00:00"}"#,
        )
        .unwrap();
        assert!(a.bylines.is_empty());
        assert!(a.date.is_none());
    }

    #[test]
    fn trafilatura() {
        let a = from_json(
            r#"{"title": "Ferry returns", "author": "Bo Li; bo li; Cy Tran", "hostname": "ledger.example",
                "source": "https://ledger.example/ferry", "source-hostname": "The Ledger", "date": "2024-03-05",
                "categories": "Transport;Coast", "tags": "", "text": "One.\nTwo.\nThree.", "comments": "", "fingerprint": "abc"}"#,
        )
        .unwrap();
        assert_eq!(a.bylines.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["Bo Li", "Cy Tran"]);
        assert_eq!(a.url.as_deref(), Some("https://ledger.example/ferry"));
        assert_eq!(a.source.as_deref(), Some("The Ledger"));
        assert_eq!(a.tags, ["Transport", "Coast"]);
        assert_eq!(a.body.len(), 3);
    }

    #[test]
    fn trafilatura_without_metadata() {
        let a =
            from_json(r#"{"text": "The quay flooded at dawn. Boats were moved.", "comments": ""}"#).unwrap();
        assert_eq!(a.title, "The quay flooded at dawn");
        assert!(from_json(r#"{"comments": "", "fingerprint": "x"}"#).is_err());
    }

    #[test]
    fn newspaper() {
        let a = from_json(
            r#"{"title": "Tide tables", "authors": ["Mara Quist", "News.example", "mara-quist"],
                "publish_date": "2024-03-05T10:00:00.123456", "text": "A.\n\nB.", "top_image": "x", "keywords": ["tide", "sea"]}"#,
        )
        .unwrap();
        assert_eq!(a.bylines.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["Mara Quist"]);
        assert_eq!(a.date.unwrap().day().to_string(), "2024-03-05");
        assert_eq!(a.tags, ["tide", "sea"]);
        let undated = from_json(r#"{"title": "T", "text": "x", "publish_date": null}"#).unwrap();
        assert!(undated.date.is_none() && undated.warnings.is_empty());
    }

    #[test]
    fn wallabag() {
        let a = from_json(
            r#"{"id": 1, "title": "Night bus", "url": "https:\/\/bus.example\/n4", "content": "<p>One<\/p><p>Two<\/p>",
                "published_by": ["Ivo Brandt"], "published_at": "2024-03-05T10:00:00+0100",
                "tags": [{"id": 3, "label": "transport", "slug": "transport"}], "domain_name": "bus.example"}"#,
        )
        .unwrap();
        assert_eq!(a.url.as_deref(), Some("https://bus.example/n4"));
        assert_eq!(a.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), ["One", "Two"]);
        assert_eq!(a.bylines[0].name, "Ivo Brandt");
        assert_eq!(a.date.unwrap().to_string(), "2024-03-05T10:00:00+01:00");
        assert_eq!(a.tags, ["transport"]);
        assert_eq!(a.source.as_deref(), Some("bus.example"));
    }

    #[test]
    fn hugging_face_rows() {
        let a = from_json(r#"{"title": "Storm", "text": "Wind.", "domain": "ledger.example", "date": "2024-03-05", "description": "", "url": "", "image_url": ""}"#)
            .unwrap();
        assert!(a.url.is_none() && a.bylines.is_empty());
        assert_eq!(a.source.as_deref(), Some("ledger.example"));
    }

    #[test]
    fn split_dates_and_python_lists() {
        let keys: Vec<String> =
            ["", "title", "author", "year", "month", "content", "tags"].map(String::from).to_vec();
        let mapping = Mapping::new(&keys, &[]);
        let row = ["7", "T", "Ann Lee", "2016.0", "12.0", "Body.", "['a', 'b']"];
        let a = article(&mapping, |i| row.get(i).map(|t| Value::Text(t)), 2, 10).unwrap();
        assert_eq!(a.date.unwrap().to_string(), "2016-12-01");
        assert_eq!(a.tags, ["a", "b"]);
        assert_eq!((a.line, a.offset), (2, 10));
    }

    #[test]
    fn overrides_come_first() {
        let keys: Vec<String> = ["headline", "story_html", "text"].map(String::from).to_vec();
        let mapping = Mapping::new(&keys, &[(Role::Body, "story_html".to_owned())]);
        assert_eq!(mapping.fields(Role::Body), [1, 2]);
    }
}
