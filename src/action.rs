//! What the user can ask for, named for intent rather than for the key that
//! asks. Bindable actions have snake_case names used in the config's `[keys]`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    MoveDown,
    MoveUp,
    First,
    Last,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Open,
    Back,
    BackOrQuit,
    Quit,
    SwitchFocus,
    ToggleFullWidth,
    ToggleHelp,
    ShowDiagnostics,
    ToggleRead,
    ToggleBookmark,
    NextQuote,
    PreviousQuote,
    ShowQuotes,
    AuthorPage,
    AuthorsIndex,
    PersonPage,
    PeopleIndex,
    SourcesIndex,
    CycleSort,
    Search,
    NextMatch,
    PreviousMatch,
    ToggleUnreadOnly,
    ToggleBookmarkedOnly,
    OpenLink,
    CopyLink,
    PipeArticle,
    EditArticle,
    Reload,
    FetchFeeds,
    Suspend,
    Redraw,
}

impl Action {
    /// Every bindable action, in the order the help overlay lists them.
    pub const ALL: [Self; 40] = [
        Self::MoveDown,
        Self::MoveUp,
        Self::First,
        Self::Last,
        Self::HalfPageDown,
        Self::HalfPageUp,
        Self::PageDown,
        Self::PageUp,
        Self::Open,
        Self::Back,
        Self::SwitchFocus,
        Self::ToggleFullWidth,
        Self::NextQuote,
        Self::PreviousQuote,
        Self::ShowQuotes,
        Self::Search,
        Self::NextMatch,
        Self::PreviousMatch,
        Self::CycleSort,
        Self::ToggleUnreadOnly,
        Self::ToggleBookmarkedOnly,
        Self::AuthorPage,
        Self::AuthorsIndex,
        Self::PersonPage,
        Self::PeopleIndex,
        Self::SourcesIndex,
        Self::ToggleRead,
        Self::ToggleBookmark,
        Self::OpenLink,
        Self::CopyLink,
        Self::PipeArticle,
        Self::EditArticle,
        Self::Reload,
        Self::FetchFeeds,
        Self::ShowDiagnostics,
        Self::ToggleHelp,
        Self::BackOrQuit,
        Self::Quit,
        Self::Suspend,
        Self::Redraw,
    ];

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Self::MoveDown => "Next article / scroll down a line",
            Self::MoveUp => "Previous article / scroll up a line",
            Self::First => "First article / top of the article",
            Self::Last => "Last article / end of the article",
            Self::HalfPageDown => "Half a page down",
            Self::HalfPageUp => "Half a page up",
            Self::PageDown => "A page down",
            Self::PageUp => "A page up",
            Self::Open => "Open the selected article in the reader",
            Self::Back => "Back: from the reader to the list, close a view",
            Self::BackOrQuit => "Back, or quit from the article list",
            Self::Quit => "Quit at once",
            Self::SwitchFocus => "Switch focus between list and reader",
            Self::ToggleFullWidth => "Reader at full width (zen mode)",
            Self::ToggleHelp => "Show or hide this help",
            Self::ShowDiagnostics => "Problems found while loading the library",
            Self::ToggleRead => "Mark the article read or unread",
            Self::ToggleBookmark => "Bookmark the article, or remove the bookmark",
            Self::NextQuote => "Next quotation in the article",
            Self::PreviousQuote => "Previous quotation in the article",
            Self::ShowQuotes => "Who said what: the article's quotations",
            Self::AuthorPage => "The author's page (a chooser when there are several)",
            Self::AuthorsIndex => "Every author, with article counts",
            Self::PersonPage => "Everything the quoted person said (or the author's quotations)",
            Self::PeopleIndex => "Everyone quoted, with quotation counts",
            Self::SourcesIndex => "Every source and feed, with article and unread counts",
            Self::Search => {
                "Search (title, author, body; \"phrase\" author: speaker: tag: source: is:unread)"
            }
            Self::NextMatch => "Next search match, on into the next article",
            Self::PreviousMatch => "Previous search match",
            Self::CycleSort => "Next sort order (newest, oldest, title, author, unread first)",
            Self::ToggleUnreadOnly => "Show unread articles only, or all",
            Self::ToggleBookmarkedOnly => "Show bookmarked articles only, or all",
            Self::OpenLink => "Open the article's link in the browser",
            Self::CopyLink => "Copy the article's link to the clipboard",
            Self::PipeArticle => "Pipe the article's text to a command (a pager by default)",
            Self::EditArticle => "Edit the article's file, then read the library again",
            Self::Suspend => "Suspend to the shell (resume with fg)",
            Self::Redraw => "Redraw the screen",
            Self::Reload => "Look for new, changed and removed article files",
            Self::FetchFeeds => "Fetch the subscribed feeds in the background",
        }
    }

    /// A word or two for the status line's key hints.
    pub fn hint(self) -> &'static str {
        match self {
            Self::MoveDown | Self::MoveUp => "move",
            Self::Open => "open",
            Self::Back => "back",
            Self::BackOrQuit => "quit",
            Self::SwitchFocus => "focus",
            Self::ToggleFullWidth => "zen",
            Self::ToggleHelp => "help",
            Self::PageDown => "page",
            Self::ToggleRead => "read",
            Self::ToggleBookmark => "bookmark",
            Self::ShowDiagnostics => "problems",
            Self::NextQuote => "quote",
            Self::ShowQuotes => "quotes",
            Self::AuthorPage => "author",
            Self::AuthorsIndex => "authors",
            Self::PersonPage => "person",
            Self::PeopleIndex => "people",
            Self::SourcesIndex => "sources",
            Self::Search => "search",
            Self::NextMatch => "next match",
            Self::CycleSort => "sort",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_action_once() {
        let mut seen = std::collections::BTreeSet::new();
        for action in Action::ALL {
            assert!(seen.insert(action), "{action:?} twice");
            assert!(!action.description().is_empty());
        }
    }

    #[test]
    fn names_are_snake_case() {
        let name = toml::Value::try_from(Action::HalfPageDown).unwrap();
        assert_eq!(name.as_str(), Some("half_page_down"));
    }
}
