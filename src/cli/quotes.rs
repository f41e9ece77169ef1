//! `broadsheet quotes`: every quotation as JSON Lines, written as each
//! article is read; `broadsheet people`: everyone quoted, gathered while
//! the articles stream by (per person: spellings, quotation count, and
//! each quoting article's id and date).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::names::Named;
use crate::library::stream::Totals;
use crate::library::{Article, AuthorKey};

/// One line of `quotes` output.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// The words, without their marks (a quotation over several
    /// paragraphs joined by a blank line).
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    /// The article's id.
    pub article: String,
    pub title: &'a str,
    /// The paragraph it starts in.
    pub paragraph: usize,
    pub date: Option<String>,
}

/// Prints each quotation of each article (nested quotations are part of
/// the one that holds them).
#[derive(Default)]
pub struct Quotes;

impl super::Script for Quotes {
    fn article(&mut self, article: Article, out: &mut dyn Write) -> io::Result<()> {
        let id = article.id.to_string();
        let date = article.date.map(|d| d.to_string());
        for quote in article.quotes.iter().filter(|q| q.depth == 0) {
            let record = QuoteRecord {
                text: &quote.text,
                speaker: quote.speaker.as_deref(),
                article: id.clone(),
                title: &article.title,
                paragraph: quote.paragraph,
                date: date.clone(),
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(self, _: Totals, _: &mut dyn Write) -> io::Result<bool> {
        Ok(false)
    }
}

/// One line of `people` output.
#[derive(Debug, Serialize)]
pub struct PersonRecord<'a> {
    pub name: &'a str,
    pub variants: &'a [String],
    pub quotes: usize,
    /// The ids of the articles quoting them, newest first.
    pub articles: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// What is known of one person so far.
#[derive(Default)]
struct Tally {
    named: Named,
    quotes: usize,
}

#[derive(Default)]
pub struct People {
    tallies: HashMap<AuthorKey, Tally>,
}

impl super::Script for People {
    fn article(&mut self, article: Article, _: &mut dyn Write) -> io::Result<()> {
        for speaker in article.quotes.iter().filter(|q| q.depth == 0).filter_map(|q| q.speaker.as_deref()) {
            let key = AuthorKey::of(speaker);
            if key.as_str().is_empty() {
                continue;
            }
            let tally = self.tallies.entry(key).or_default();
            tally.named.saw(speaker, &article);
            tally.quotes += 1;
        }
        Ok(())
    }

    fn finish(self, _: Totals, out: &mut dyn Write) -> io::Result<bool> {
        let mut tallies: Vec<(AuthorKey, Tally)> = self.tallies.into_iter().collect();
        tallies.sort_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
        for (_, tally) in tallies {
            let named = tally.named.summary();
            let record = PersonRecord {
                name: &named.name,
                variants: &named.variants,
                quotes: tally.quotes,
                count: named.articles.len(),
                articles: named.articles,
                first_date: named.first_date,
                last_date: named.last_date,
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Ok(false)
    }
}
