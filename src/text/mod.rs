//! Laying out article text for the reader: styled marks, wrapping, and the
//! wrapped article the reader scrolls through. No terminal code: the UI maps
//! marks to styles when it draws.

pub mod article_layout;
pub mod marks;
pub mod wrap;

pub use article_layout::{Decorations, ReaderStyle, TextMatch, WrappedArticle, layout_article};
pub use marks::{Marks, Overlay};
pub use wrap::{Span, WrappedLine};
