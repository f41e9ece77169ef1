//! Who said what: the people index, a person's page (their quotations,
//! each opened in the reader at that quotation), and the ways there from
//! a quotation, an author page and the index.

use super::App;
use crate::layout::Focus;
use crate::library::author::AuthorKey;
use crate::state::{Browser, PeopleIndex, Screen};

impl App {
    /// `P`: everyone quoted in the library.
    pub(super) fn open_people_index(&mut self) {
        if !matches!(self.screen(), Screen::People(_)) {
            self.push(Screen::People(PeopleIndex::default()));
            self.reload_name_indexes();
        }
    }

    /// The page of the person with `key`: their quotations, newest first.
    pub(super) fn open_person_page(&mut self, key: &str) {
        let Some(catalog) = &self.library.catalog else { return };
        match catalog.person(key) {
            Ok(Some(page)) => {
                let browser = Browser::of_quotes(page.quotes);
                self.push(Screen::PersonPage { page: Box::new(page), browser });
            }
            Ok(None) => self.status_message("Nobody by that name is quoted in this library"),
            Err(error) => self.report_problem(format!("Cannot read the library index: {error}")),
        }
    }

    /// `p`: the person in front of the user. In the people index, the
    /// selected one; on an author page, the author as a person quoted;
    /// in the reader, the speaker of the focused quotation.
    pub(super) fn open_person_of_current(&mut self) {
        let key = match self.screen() {
            Screen::People(index) => index.selected_key().map(str::to_owned),
            Screen::AuthorPage { page, browser } if browser.focus == Focus::List => {
                let quoted = self.library.catalog.as_ref().and_then(|c| c.person_key(&page.key));
                if quoted.is_none() {
                    let name = page.name.clone();
                    return self.status_message(format!("{name} is not quoted in this library"));
                }
                quoted
            }
            _ => match self.focused_speaker() {
                Some(speaker) => Some(speaker),
                None => {
                    return self.status_message(
                        "Focus a quotation with a speaker first (] and [ step through them, \" lists them)",
                    );
                }
            },
        };
        if let Some(key) = key {
            self.open_person_page(&key);
        }
    }

    /// The key of the speaker of the quotation the reader focuses.
    fn focused_speaker(&self) -> Option<String> {
        let browser = self.browser()?;
        let quote = browser.reader.focused_quote()?;
        self.speaker_key(quote)
    }

    /// The key of the speaker of quotation `quote` of the open article.
    pub(super) fn speaker_key(&self, quote: usize) -> Option<String> {
        let article = self.current_article()?;
        let speaker = article.quotes.get(quote)?.speaker.as_deref()?;
        Some(AuthorKey::of(speaker).as_str().to_owned()).filter(|k| !k.is_empty())
    }
}
