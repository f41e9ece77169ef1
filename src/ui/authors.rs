//! The authors index: every author with article count, latest date and
//! the source they write for most, sortable and filterable.

use ratatui::Frame;

use super::header::count;
use super::name_index::{self, Labels};
use crate::app::App;
use crate::state::AuthorsIndex;

pub fn render(app: &App, index: &AuthorsIndex, frame: &mut Frame) {
    let labels = Labels {
        title: "Authors",
        sort: index.sort.label(),
        empty: "No authors.",
        none_match: "No author matches the filter.",
    };
    name_index::render(app, index, &labels, frame, |author| {
        let mut meta = count(author.articles, "article");
        if let Some(last) = author.latest {
            meta.push_str(&format!(" · latest {}", last.format("%-d %b %Y")));
        }
        if let Some(source) = &author.source {
            meta.push_str(&format!(" · {source}"));
        }
        (author.name.clone(), meta)
    });
}
