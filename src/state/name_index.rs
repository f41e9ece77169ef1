//! An index of names (the authors index, the people index): sorted,
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

#[derive(Debug, Clone)]
pub struct NameIndex<R> {
    pub sort: AuthorSort,
    pub filter: String,
    /// Whether typed characters go to the filter.
    pub editing: bool,
    pub list: Paged<R>,
}

impl<R> Default for NameIndex<R> {
    fn default() -> Self {
        Self { sort: AuthorSort::default(), filter: String::new(), editing: false, list: Paged::default() }
    }
}

impl<R: Keyed> NameIndex<R> {
    /// The key of the selected row.
    pub fn selected_key(&self) -> Option<&str> {
        self.list.selected().map(Keyed::key)
    }
}
