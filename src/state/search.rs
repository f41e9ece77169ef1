//! The main list's search, sort order and quick filters: what the user
//! asked for, which becomes the main list's [`ListSpec`].

use crate::library::index::catalog::{ListSpec, Scope, SortOrder};
use crate::library::search::Query;

/// Search and filters over the main list.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What the user typed.
    pub input: String,
    /// Whether typing goes into the prompt.
    pub editing: bool,
    /// The parsed input.
    pub query: Query,
    /// When a search put off for a pause in typing is to run.
    pub due: Option<std::time::Instant>,
    pub sort: SortOrder,
    pub unread_only: bool,
    pub bookmarked_only: bool,
}

impl SearchState {
    /// Takes new input.
    pub fn set_input(&mut self, input: String) {
        self.query = Query::parse(&input);
        self.input = input;
        self.due = None;
    }

    /// The main list this asks for.
    pub fn spec(&self) -> ListSpec {
        ListSpec {
            scope: Scope::All,
            order: self.sort,
            unread_only: self.unread_only,
            bookmarked_only: self.bookmarked_only,
            query: self.query.clone(),
        }
    }

    /// Whether anything narrows the list.
    pub fn is_filtering(&self) -> bool {
        !self.query.is_empty() || self.unread_only || self.bookmarked_only
    }

    /// "harbour · unread only", for the header.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.input.trim().is_empty() {
            parts.push(format!("“{}”", self.input.trim()));
        }
        if self.unread_only {
            parts.push("unread only".to_owned());
        }
        if self.bookmarked_only {
            parts.push("bookmarked only".to_owned());
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_follows_the_search_and_filters() {
        let mut search = SearchState::default();
        assert!(!search.is_filtering());
        search.set_input("harbour is:unread".into());
        search.sort = SortOrder::Title;
        search.bookmarked_only = true;
        let spec = search.spec();
        assert_eq!((spec.order, spec.bookmarked_only, spec.query.terms.len()), (SortOrder::Title, true, 2));
        assert_eq!(search.describe(), "“harbour is:unread” · bookmarked only");
    }
}
