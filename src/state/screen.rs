//! The screens the user moves between, kept on a history stack so that
//! going back returns to each one exactly as it was left.

use super::paged::Paged;
use super::{ListWindow, Reader};
use crate::layout::{Focus, View};
use crate::library::ArticleId;
use crate::library::Diagnostic;
use crate::library::index::catalog::{AuthorPage, AuthorRow, AuthorSort, ListSpec};

/// A list of articles with the reader beside it: the main view, and the
/// lower half of an author page.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub list: ListWindow,
    pub reader: Reader,
    pub focus: Focus,
}

impl Browser {
    pub fn new(spec: ListSpec) -> Self {
        Self { list: ListWindow::new(spec), ..Self::default() }
    }

    /// The article in front of the user: the reader's when it has focus,
    /// else the list's selection.
    pub fn focused_article(&self) -> Option<ArticleId> {
        match self.focus {
            Focus::Reader => self.reader.article().or_else(|| self.list.selected_id()),
            Focus::List => self.list.selected_id(),
        }
    }
}

/// The authors index: every author, sorted and filtered, read from the
/// index a page at a time.
#[derive(Debug, Clone, Default)]
pub struct AuthorsIndex {
    pub sort: AuthorSort,
    pub filter: String,
    /// Whether typed characters go to the filter.
    pub editing: bool,
    pub list: Paged<AuthorRow>,
}

impl AuthorsIndex {
    /// The key of the selected author.
    pub fn selected_author(&self) -> Option<&str> {
        self.list.selected().map(|a| a.key.as_str())
    }
}

/// One entry of the history.
#[derive(Debug, Clone)]
pub enum Screen {
    Articles(Browser),
    AuthorPage { page: Box<AuthorPage>, browser: Browser },
    Authors(AuthorsIndex),
    Diagnostics(Paged<Diagnostic>),
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
