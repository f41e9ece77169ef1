//! Application state, split by concern. Each piece owns its invariants
//! (selection in range, scroll clamped) and knows nothing of drawing.

pub mod bodies;
pub mod list;
pub mod marks;
pub mod reader;
pub mod screen;
pub mod search;
pub mod selection;
pub mod status;

pub use bodies::Bodies;
pub use list::ArticleList;
pub use marks::ReadMarks;
pub use reader::Reader;
pub use screen::{AuthorSort, AuthorsIndex, Browser, Screen};
pub use search::{SearchState, SortOrder};
pub use selection::{Motion, Selection};
pub use status::{Level, StatusLine};
