//! The screens the user moves between, kept on a history stack so that
//! going back returns to each one exactly as it was left.

use super::paged::Paged;
use super::selection::{Motion, Selection};
use super::{ListWindow, NameIndex, Reader};
use crate::layout::{Focus, View};
use crate::library::ArticleId;
use crate::library::Diagnostic;
use crate::library::index::catalog::{
    AuthorPage, AuthorRow, ListSpec, PersonPage, PersonRow, QuoteRow, SourceRow,
};

/// A list with the reader beside it: the main view, the lower half of an
/// author page (their articles) and of a person page (their quotations,
/// each previewed in the reader at that quotation).
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub list: ListWindow,
    /// A person page's quotations, listed instead of `list`.
    pub quotes: Option<Paged<QuoteRow>>,
    pub reader: Reader,
    pub focus: Focus,
}

impl Browser {
    pub fn new(spec: ListSpec) -> Self {
        Self { list: ListWindow::new(spec), ..Self::default() }
    }

    /// A list of `total` quotations, none read yet.
    pub fn of_quotes(total: usize) -> Self {
        Self { quotes: Some(Paged::new(total)), ..Self::default() }
    }

    /// The article of the selected row.
    pub fn selected_id(&self) -> Option<ArticleId> {
        match &self.quotes {
            Some(quotes) => quotes.selected().map(|q| q.article),
            None => self.list.selected_id(),
        }
    }

    /// The selected quotation, on a person page.
    pub fn selected_quote(&self) -> Option<&QuoteRow> {
        self.quotes.as_ref().and_then(Paged::selected)
    }

    /// The article in front of the user: the reader's when it has focus,
    /// else the list's selection.
    pub fn focused_article(&self) -> Option<ArticleId> {
        match self.focus {
            Focus::Reader => self.reader.article().or_else(|| self.selected_id()),
            Focus::List => self.selected_id(),
        }
    }

    pub fn selection(&self) -> &Selection {
        match &self.quotes {
            Some(quotes) => quotes.selection(),
            None => self.list.selection(),
        }
    }

    /// How many rows the list has (as far as known).
    pub fn len(&self) -> usize {
        match &self.quotes {
            Some(quotes) => quotes.len(),
            None => self.list.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn apply(&mut self, motion: Motion) {
        match &mut self.quotes {
            Some(quotes) => quotes.apply(motion),
            None => self.list.apply(motion),
        }
    }

    pub fn select(&mut self, position: usize) {
        match &mut self.quotes {
            Some(quotes) => quotes.select(position),
            None => self.list.select(position),
        }
    }

    pub fn set_visible_rows(&mut self, rows: usize) {
        match &mut self.quotes {
            Some(quotes) => quotes.set_visible_rows(rows),
            None => self.list.set_visible_rows(rows),
        }
    }
}

/// The authors index: every author, sorted and filtered.
pub type AuthorsIndex = NameIndex<AuthorRow, AuthorPage>;

/// The people index: everyone quoted, sorted and filtered.
pub type PeopleIndex = NameIndex<PersonRow, PersonPage>;

/// The sources view: every outlet and feed, sorted and filtered.
pub type SourcesIndex = NameIndex<SourceRow>;

/// One entry of the history.
#[derive(Debug, Clone)]
pub enum Screen {
    Articles(Browser),
    AuthorPage { page: Box<AuthorPage>, browser: Browser },
    Authors(AuthorsIndex),
    People(PeopleIndex),
    Sources(SourcesIndex),
    PersonPage { page: Box<PersonPage>, browser: Browser },
    Diagnostics(Paged<Diagnostic>),
}

impl Screen {
    pub fn view(&self) -> View {
        match self {
            Self::Articles(_) => View::Articles,
            Self::AuthorPage { .. } => View::AuthorPage,
            Self::Authors(_) => View::Authors,
            Self::People(_) => View::People,
            Self::Sources(_) => View::Sources,
            Self::PersonPage { .. } => View::PersonPage,
            Self::Diagnostics(_) => View::Diagnostics,
        }
    }

    pub fn browser(&self) -> Option<&Browser> {
        match self {
            Self::Articles(browser) | Self::AuthorPage { browser, .. } | Self::PersonPage { browser, .. } => {
                Some(browser)
            }
            _ => None,
        }
    }

    /// A name index's filter and whether it is being typed.
    pub fn name_filter_mut(&mut self) -> Option<(&mut String, &mut bool)> {
        match self {
            Self::Authors(index) => Some((&mut index.filter, &mut index.editing)),
            Self::People(index) => Some((&mut index.filter, &mut index.editing)),
            Self::Sources(index) => Some((&mut index.filter, &mut index.editing)),
            _ => None,
        }
    }

    /// A name index's filter and whether it is being typed.
    pub fn name_filter(&self) -> Option<(&str, bool)> {
        match self {
            Self::Authors(index) => Some((&index.filter, index.editing)),
            Self::People(index) => Some((&index.filter, index.editing)),
            Self::Sources(index) => Some((&index.filter, index.editing)),
            _ => None,
        }
    }

    /// Whether this is a name index (authors, people).
    pub fn is_name_index(&self) -> bool {
        matches!(self, Self::Authors(_) | Self::People(_) | Self::Sources(_))
    }

    pub fn browser_mut(&mut self) -> Option<&mut Browser> {
        match self {
            Self::Articles(browser) | Self::AuthorPage { browser, .. } | Self::PersonPage { browser, .. } => {
                Some(browser)
            }
            _ => None,
        }
    }
}
