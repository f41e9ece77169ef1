//! Saved web pages (`.html`, `.htm`, `.xhtml`): the article extracted the
//! way a browser's reader mode does it (dom_smoothie, a faithful port of
//! Mozilla's Readability), with our own layer on top for what extractors
//! get wrong: the metadata (see `metadata`), the title without the site's
//! name, and the boilerplate they keep at an article's edges (see `edges`).

mod edges;
mod lean;
mod markers;
mod metadata;
mod title;

use dom_query::Document;
use dom_smoothie::{Config, Readability};
use url::Url;

use super::ParseError;
use crate::library::article::{Block, Byline, ParsedArticle};
use crate::library::{byline, dates, html};

pub use metadata::Metadata;

/// Reads a page's article.
pub fn parse(text: &str) -> Result<ParsedArticle, ParseError> {
    let lean = lean::without_scripts(text);
    let text = lean.as_ref();
    let document = Document::from(text);
    let meta = metadata::read(&document);
    let url =
        meta.urls.iter().find_map(|u| Url::parse(u.trim()).ok().filter(|u| u.scheme().starts_with("http")));
    let extracted = extract(document, url.as_ref()).or_else(|| fallback(text));
    let Some((content, reader_byline, reader_date)) = extracted else {
        return Err(ParseError::new(None, "no article text found in the page"));
    };
    let chosen = title::choose(&meta, url.as_ref());
    let site =
        meta.site_names.iter().map(|s| s.trim().to_owned()).find(|s| !s.is_empty()).or(chosen.site).or_else(
            || url.as_ref().and_then(Url::host_str).map(|h| h.trim_start_matches("www.").to_owned()),
        );
    let title = chosen.title.clone();
    let mut authors = pick_authors(&meta);
    if authors.is_empty()
        && let Some(reader_byline) = reader_byline
    {
        authors = byline::names(&reader_byline);
    }
    let mut converted = html::convert(&content, html::Options { images: true });
    markers::drop_markers(&mut converted);
    if authors.is_empty()
        && let Some(line) = edges::byline_at_top(&converted)
    {
        authors = byline::names(line);
    }
    // Before the edges are trimmed: a date line at the top is the last resort.
    let date = pick_date(&meta, url.as_ref(), reader_date.as_deref(), &converted);
    let sections: Vec<String> = chosen.sections.iter().chain(&meta.sections).cloned().collect();
    let known =
        edges::Known { title: title.as_deref().unwrap_or(""), authors: &authors, sections: &sections };
    let bio = edges::trim(&mut converted, &known);
    let body: Vec<Block> = converted.into_iter().map(|c| c.block).collect();
    let mut warnings = Vec::new();
    let title = match title {
        Some(title) => title,
        None => {
            warnings.push("the page has no title; its first words stand in".to_owned());
            super::feed::first_words(&body)
                .ok_or_else(|| ParseError::new(None, "no article text found in the page"))?
        }
    };
    let mut bylines: Vec<Byline> = authors.into_iter().map(Byline::new).collect();
    if let Some((name, bio)) = bio
        && let Some(byline) = bylines.iter_mut().find(|b| b.name == name)
    {
        byline.bio = Some(bio);
    }
    if body.is_empty() {
        warnings.push("the page has a title but no article text".to_owned());
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in meta.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty() && t.chars().count() <= 60) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) && tags.len() < 12 {
            tags.push(tag.to_owned());
        }
    }
    Ok(ParsedArticle {
        guid: None,
        title,
        bylines,
        date,
        source: site,
        url: url.map(|u| u.to_string()),
        tags,
        body,
        warnings,
        line: 1,
        offset: 0,
        format: None,
        language: meta.language.clone(),
    })
}

/// The article's HTML, and what Readability read as its byline and date.
fn extract(document: Document, url: Option<&Url>) -> Option<(String, Option<String>, Option<String>)> {
    let config = Config { max_elements_to_parse: 0, ..Config::default() };
    let mut readability = Readability::with_document(document, url.map(Url::as_str), Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let content = article.content.to_string();
    (!content.trim().is_empty()).then_some((content, article.byline, article.published_time))
}

/// A page too small or odd for Readability: its `<article>`, `<main>` or
/// body, without navigation, headers and footers.
fn fallback(text: &str) -> Option<(String, Option<String>, Option<String>)> {
    let document = Document::from(text);
    document.select("script, style, nav, header, footer, aside, form, noscript").remove();
    let html = ["article", "main", "body"].iter().find_map(|sel| {
        let found = document.select(sel);
        let node = found.nodes().first()?;
        let inner = node.inner_html().to_string();
        (!html::blocks(&inner, html::Options::default()).is_empty()).then_some(inner)
    })?;
    Some((html, None, None))
}

/// Structured authors first (JSON-LD, meta tags), else the page's byline.
/// The declared authors, else the byline's. A declared author that is
/// only the site itself (many sites put their own name in `<meta
/// name="author">` or JSON-LD) gives way to the people the byline shows;
/// with no byline, the site stays the author, as an agency would.
fn pick_authors(meta: &Metadata) -> Vec<String> {
    let is_site = |name: &String| meta.site_names.iter().any(|site| title::same_words(site, name));
    let people: Vec<&String> = meta.authors.iter().filter(|a| !is_site(a)).collect();
    // "By Jane Doe, Harbour Times" on Harbour Times' page: the site after
    // a person is where she writes, not a second author.
    let byline_people: Vec<&String> = meta.byline_authors.iter().filter(|a| !is_site(a)).collect();
    let source: Vec<&String> = if !people.is_empty() {
        people
    } else if !byline_people.is_empty() {
        byline_people
    } else if !meta.byline_authors.is_empty() {
        meta.byline_authors.iter().collect()
    } else {
        meta.authors.iter().collect()
    };
    byline::names_from_all(source.into_iter().map(String::as_str))
}

/// The published date: declared, then in a `<time>`, then in the
/// address, then written in the byline; then the last change; then a date
/// written in a short line at the top of the text (`top`): "Tue 5 Mar
/// 2024 10.30 GMT", where a page with no marked date often writes it.
fn pick_date(
    meta: &Metadata,
    url: Option<&Url>,
    reader: Option<&str>,
    top: &[html::Converted],
) -> Option<crate::library::ArticleDate> {
    let slash = slash_order(meta, url);
    let parse = |d: &str| dates::parse_date_as(d, slash);
    meta.dates
        .iter()
        .find_map(|d| parse(d))
        .or_else(|| reader.and_then(parse))
        .or_else(|| url.and_then(|u| date_in_path(u.path())))
        .or_else(|| meta.byline_texts.iter().find_map(|t| dates::find_date_in_text_as(t, slash)))
        .or_else(|| meta.modified.iter().find_map(|d| parse(d)))
        .or_else(|| {
            top.iter()
                .take(8)
                .map(|b| b.block.text.as_str())
                .filter(|text| crate::library::stats::words_in(text) <= 15)
                .find_map(|text| dates::find_date_in_text_as(text, slash))
        })
}

/// How the page writes "05/03/2024": 5 March on a British page, May 3 on
/// an American one. A language with a region says; English with none (or
/// no language at all) looks further: to the address, where a country's
/// domain other than the few that write the month first means the day
/// first, then to the meta tags' locale (after the address, as blog
/// software writes "en_US" unless told otherwise).
fn slash_order(meta: &Metadata, url: Option<&Url>) -> dates::SlashDates {
    let has_region = |tag: &str| tag.contains(['-', '_']);
    let language = meta.language.as_deref().filter(|l| !l.is_empty());
    if let Some(tag) = language.filter(|tag| has_region(tag) || !tag.eq_ignore_ascii_case("en")) {
        return dates::SlashDates::for_language(Some(tag));
    }
    // Country domains sold to anyone (.io, .tv) say nothing of a country.
    let country = url.and_then(Url::host_str).and_then(|host| host.rsplit('.').next()).filter(|tld| {
        tld.len() == 2 && !["io", "co", "tv", "me", "ai", "ly", "fm", "gg", "cc"].contains(tld)
    });
    if let Some(tld) = country {
        let month_first = ["us", "ph", "ca"].contains(&tld);
        return if month_first { dates::SlashDates::MonthFirst } else { dates::SlashDates::DayFirst };
    }
    match meta.locales.iter().find(|l| has_region(l)) {
        Some(locale) => dates::SlashDates::for_language(Some(locale)),
        None => dates::SlashDates::for_language(language),
    }
}

/// A date in an address: `/2024/03/05/`, `/2024-03-05/`, `/20240305/`.
pub fn date_in_path(path: &str) -> Option<crate::library::ArticleDate> {
    let parts: Vec<&str> = path.split(['/', '_']).filter(|p| !p.is_empty()).collect();
    for window in parts.windows(3) {
        let [y, m, d] = window else { continue };
        if y.len() == 4
            && m.len() <= 2
            && d.len() <= 2
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
            && let Some(day) = chrono::NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some(crate::library::ArticleDate::Day(day));
        }
    }
    parts.iter().find_map(|part| {
        let digits: String = part.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        let digits = digits.trim_end_matches('-');
        let compact = digits.replace('-', "");
        if compact.len() == 8 && (digits.len() == 8 || digits.len() == 10) {
            let day = chrono::NaiveDate::parse_from_str(&compact, "%Y%m%d").ok()?;
            (1990..2100)
                .contains(&chrono::Datelike::year(&day))
                .then_some(crate::library::ArticleDate::Day(day))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests;
