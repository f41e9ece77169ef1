//! The people index: everyone quoted, with how often, in how many
//! articles and when last.

use ratatui::Frame;

use super::header::count;
use super::name_index::{self, Labels};
use crate::app::App;
use crate::library::index::catalog::people_sort_label;
use crate::state::PeopleIndex;

pub fn render(app: &App, index: &PeopleIndex, frame: &mut Frame) {
    let labels = Labels {
        title: "People",
        sort: people_sort_label(index.sort),
        empty: "Nobody is quoted by name in this library.",
        none_match: "Nobody quoted matches the filter.",
    };
    name_index::render(app, index, &labels, frame, |person| {
        let mut meta =
            format!("{} in {}", count(person.quotes, "quotation"), count(person.articles, "article"));
        if let Some(last) = person.latest {
            meta.push_str(&format!(" · latest {}", last.format("%-d %b %Y")));
        }
        (person.name.clone(), meta)
    });
}
