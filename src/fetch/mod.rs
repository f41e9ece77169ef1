//! Fetching the news: the subscriptions (`feeds.toml`), polite HTTP, and
//! each new item stored as an ordinary Markdown file in the library, so
//! that everything else (index, search, authors, quotations, reading
//! state) works on fetched news unchanged. Nothing here knows the
//! terminal; the only files it writes are library files, its per-feed
//! state beside them, and `feeds.toml`.

pub mod hosts;
pub mod http;
pub mod opml;
pub mod parse;
mod run;
pub mod store;
pub mod subscriptions;
#[doc(hidden)]
pub mod test_server;

pub use run::{FeedReport, FetchOptions, fetch, summary};
