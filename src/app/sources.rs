//! The sources view (`O`): every outlet and feed in the library, with
//! article and unread counts and, for a subscribed feed, its last fetch;
//! Enter lists the source's articles with the reader beside them.

use super::App;
use crate::fetch::store::FeedDir;
use crate::fetch::subscriptions::Subscriptions;
use crate::library::index::catalog::ListSpec;
use crate::library::search::Query;
use crate::state::{Browser, Screen, SourcesIndex};

impl App {
    pub(super) fn open_sources_index(&mut self) {
        if matches!(self.screen(), Screen::Sources(_)) {
            return;
        }
        self.read_feed_states();
        self.push(Screen::Sources(SourcesIndex::default()));
        self.reload_name_indexes();
    }

    /// The articles of `source`, newest first, in a list of their own.
    pub(super) fn open_source(&mut self, source: &str) {
        let quoted = source.replace('"', " ");
        let spec = ListSpec { query: Query::parse(&format!("source:\"{quoted}\"")), ..ListSpec::default() };
        self.push(Screen::Articles(Browser::new(spec)));
        self.request_list(self.screens.len() - 1);
    }

    /// Reads each subscribed feed's last fetch from its directory (a few
    /// small files), keyed by the name its articles carry as source.
    /// Feeds no article names yet are noted to be listed too.
    fn read_feed_states(&mut self) {
        let Some(setup) = &self.fetching.setup else { return };
        let Ok(subscriptions) = Subscriptions::load(&setup.subscriptions) else { return };
        self.fetching.feeds = subscriptions
            .feeds
            .iter()
            .map(|feed| {
                let state = FeedDir::new(&setup.root, feed.name()).state();
                (feed.name().to_owned(), (state.last_fetched, state.last_status))
            })
            .collect();
        let catalog = self.library.catalog.as_ref();
        self.fetching.unlisted = subscriptions
            .feeds
            .iter()
            .map(|feed| feed.name().to_owned())
            .filter(|name| catalog.is_some_and(|c| !c.has_source(name)))
            .collect();
    }
}
