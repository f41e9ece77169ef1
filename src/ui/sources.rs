//! The sources view: every outlet and feed with its article and unread
//! counts, its latest article and, for a subscribed feed, its last fetch.

use ratatui::Frame;

use super::header::{count, grouped};
use super::name_index::{self, Labels};
use crate::app::App;
use crate::library::index::catalog::{UNREAD_COUNTED, sources_sort_label};
use crate::state::SourcesIndex;

pub fn render(app: &App, index: &SourcesIndex, frame: &mut Frame) {
    let labels = Labels {
        title: "Sources",
        sort: sources_sort_label(index.sort),
        empty: "No article names its source.",
        none_match: "No source matches the filter.",
    };
    name_index::render(app, index, &labels, frame, |source| {
        let unread = if source.unread >= UNREAD_COUNTED {
            format!("{}+ unread", grouped(UNREAD_COUNTED))
        } else {
            format!("{} unread", grouped(source.unread))
        };
        let mut meta = format!("{} · {unread}", count(source.articles, "article"));
        if let Some(last) = source.latest {
            meta.push_str(&format!(" · latest {}", last.format("%-d %b %Y")));
        }
        if let Some((fetched, status)) = &source.feed {
            match fetched {
                Some(when) => {
                    meta.push_str(&format!(" · fetched {}", when.replace('T', " ").trim_end_matches('Z')))
                }
                None => meta.push_str(" · never fetched"),
            }
            if let Some(status) = status.as_deref().filter(|s| !matches!(*s, "ok" | "not modified")) {
                meta.push_str(&format!(" · {status}"));
            }
        }
        (source.name.clone(), meta)
    });
}
