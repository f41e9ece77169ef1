//! Application state, split by concern. Each piece owns its invariants
//! (selection in range, scroll clamped) and knows nothing of drawing.

pub mod bodies;
pub mod fetching;
pub mod name_index;
pub mod paged;
pub mod reader;
pub mod screen;
pub mod search;
pub mod selection;
pub mod status;
pub mod window;

pub use bodies::Bodies;
pub use fetching::Fetching;
pub use name_index::{Keyed, NameIndex};
pub use paged::Paged;
pub use reader::Reader;
pub use screen::{AuthorsIndex, Browser, PeopleIndex, Screen, SourcesIndex};
pub use search::SearchState;
pub use selection::{Motion, Selection};
pub use status::{Level, StatusLine};
pub use window::{Fetch, ListWindow};
