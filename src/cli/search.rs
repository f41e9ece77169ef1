//! `broadsheet search QUERY`: the same search as the reader's `/`.

use crate::library::Library;
use crate::library::search::{Query, ScanIndex, SearchBackend};
use crate::store::Saved;

/// Library indexes of the articles matching `query`, in library order.
/// State terms (`is:unread`) read the state file; without one, nothing is
/// read or bookmarked.
pub fn run(library: &Library, query: &str, saved: Option<&Saved>) -> Vec<usize> {
    let query = Query::parse(query);
    let empty = Saved::default();
    let saved = saved.unwrap_or(&empty);
    ScanIndex::new(library)
        .search(&query)
        .into_iter()
        .filter(|&i| {
            let id = library.articles[i].id;
            query.matches_state(saved.read.contains(&id), saved.bookmarked.contains(&id))
        })
        .collect()
}
