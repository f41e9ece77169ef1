//! broadsheet: a terminal reader for a library of stored news articles.
//!
//! The flow, in module names: `library` turns files into articles and
//! keeps them in an index (no terminal code); `loader` keeps the index up
//! to date and `queries` answers the slower questions about it; `event`
//! merges input, signals and the workers' messages; `keymap` turns keys
//! into `action`s; `app` updates the `state`, reading its lists from the
//! index a page at a time; `ui` draws it, using `layout` and `theme`;
//! `terminal` sets the terminal up and always restores it. `cli` holds the
//! scripting commands.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod event;
pub mod fetch;
pub mod harness;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod loader;
pub mod queries;
pub mod state;
pub mod store;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
