//! The screens the user moves between, kept on a history stack so that
//! going back returns to each one exactly as it was left.

use super::{ArticleList, Reader, Selection};
use crate::layout::{Focus, View};
use crate::library::{Author, Library};

/// A list of articles with the reader beside it: the main view, and the
/// lower half of an author page.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub list: ArticleList,
    pub reader: Reader,
    pub focus: Focus,
}

impl Browser {
    pub fn new(order: Vec<usize>) -> Self {
        Self { list: ArticleList::new(order), ..Self::default() }
    }

    /// The article in front of the user: the reader's when it has focus,
    /// else the list's selection.
    pub fn focused_article(&self) -> Option<usize> {
        match self.focus {
            Focus::Reader => self.reader.article().or_else(|| self.list.selected_article()),
            Focus::List => self.list.selected_article(),
        }
    }
}

/// How the authors index is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorSort {
    #[default]
    Name,
    Count,
    Latest,
}

impl AuthorSort {
    pub fn next(self) -> Self {
        match self {
            Self::Name => Self::Count,
            Self::Count => Self::Latest,
            Self::Latest => Self::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Count => "most articles",
            Self::Latest => "latest article",
        }
    }
}

/// The authors index: every author, sorted and filtered.
#[derive(Debug, Clone, Default)]
pub struct AuthorsIndex {
    pub sort: AuthorSort,
    pub filter: String,
    /// Whether typed characters go to the filter.
    pub editing: bool,
    /// Author indexes shown, in order.
    rows: Vec<usize>,
    pub selection: Selection,
}

impl AuthorsIndex {
    pub fn new(library: &Library) -> Self {
        let mut index = Self::default();
        index.refresh(library);
        index
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    pub fn selected_author(&self) -> Option<usize> {
        self.rows.get(self.selection.selected()).copied()
    }

    /// Recomputes the rows for the current sort and filter, keeping the
    /// selected author selected where possible.
    pub fn refresh(&mut self, library: &Library) {
        let current = self.selected_author();
        let needle = fold(&self.filter);
        let mut rows: Vec<usize> = (0..library.authors.len())
            .filter(|&i| needle.is_empty() || matches_filter(&library.authors[i], &needle))
            .collect();
        let authors = &library.authors;
        match self.sort {
            // The library keeps authors sorted by name already.
            AuthorSort::Name => {}
            AuthorSort::Count => rows.sort_by_key(|&i| std::cmp::Reverse(authors[i].articles.len())),
            AuthorSort::Latest => rows.sort_by_key(|&i| std::cmp::Reverse(authors[i].last_date)),
        }
        self.rows = rows;
        self.selection.set_len(self.rows.len());
        let position = current.and_then(|a| self.rows.iter().position(|&r| r == a)).unwrap_or(0);
        self.selection.select(position);
    }
}

/// Case- and accent-insensitive form for filtering.
fn fold(text: &str) -> String {
    crate::library::AuthorKey::of(text).as_str().to_owned()
}

fn matches_filter(author: &Author, needle: &str) -> bool {
    author.key.as_str().contains(needle) || author.variants.iter().any(|v| fold(v).contains(needle))
}

/// One entry of the history.
#[derive(Debug, Clone)]
pub enum Screen {
    Articles(Browser),
    AuthorPage { author: usize, browser: Browser },
    Authors(AuthorsIndex),
    Diagnostics(Selection),
}

impl Screen {
    pub fn view(&self) -> View {
        match self {
            Self::Articles(_) => View::Articles,
            Self::AuthorPage { .. } => View::AuthorPage,
            Self::Authors(_) => View::Authors,
            Self::Diagnostics(_) => View::Diagnostics,
        }
    }

    pub fn browser(&self) -> Option<&Browser> {
        match self {
            Self::Articles(browser) | Self::AuthorPage { browser, .. } => Some(browser),
            _ => None,
        }
    }

    pub fn browser_mut(&mut self) -> Option<&mut Browser> {
        match self {
            Self::Articles(browser) | Self::AuthorPage { browser, .. } => Some(browser),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_sorts_and_filters() {
        let library = Library::sample();
        let mut index = AuthorsIndex::new(&library);
        assert_eq!(index.rows().len(), library.authors.len());
        index.sort = index.sort.next();
        index.refresh(&library);
        let counts: Vec<usize> = index.rows().iter().map(|&i| library.authors[i].articles.len()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
        index.filter = "AICHA".to_owned();
        index.refresh(&library);
        let names: Vec<&str> = index.rows().iter().map(|&i| library.authors[i].name.as_str()).collect();
        assert_eq!(names, ["Aïcha Benali"]);
        index.filter = "zzz".to_owned();
        index.refresh(&library);
        assert_eq!(index.selected_author(), None);
    }
}
