//! An index of names (the authors and people indexes, the sources view): sorted,
//! filtered by typing, and read from the library index a page at a time.

use super::paged::Paged;
use crate::library::index::catalog::{AuthorRow, AuthorSort, PersonRow, SourceRow};

/// A row of a name index, known by its key.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for AuthorRow {
    fn key(&self) -> &str {
        &self.key
    }
}

impl Keyed for SourceRow {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for PersonRow {
    fn key(&self) -> &str {
        &self.key
    }
}

/// `P` is what a wide terminal shows of the selected row beside the list
/// (an author's or a person's page; nothing for the sources view).
#[derive(Debug, Clone)]
pub struct NameIndex<R, P = ()> {
    pub sort: AuthorSort,
    pub filter: String,
    /// Whether typed characters go to the filter.
    pub editing: bool,
    pub list: Paged<R>,
    /// The selected row's page, while there is room to show it.
    pub preview: Option<Box<P>>,
}

impl<R, P> Default for NameIndex<R, P> {
    fn default() -> Self {
        Self {
            sort: AuthorSort::default(),
            filter: String::new(),
            editing: false,
            list: Paged::default(),
            preview: None,
        }
    }
}

impl<R: Keyed, P> NameIndex<R, P> {
    /// The key of the selected row.
    pub fn selected_key(&self) -> Option<&str> {
        self.list.selected().map(Keyed::key)
    }
}
