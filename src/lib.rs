//! broadsheet: a terminal reader for a library of stored news articles.
//!
//! `library` turns files into articles and knows nothing of terminals; `cli`
//! holds the scripting commands.

pub mod cli;
pub mod library;
