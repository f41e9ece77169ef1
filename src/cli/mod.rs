//! The command line: what `broadsheet --help` describes, and the scripting
//! commands that print instead of opening the TUI.

pub mod check;
pub mod export;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::library::{Library, LoadOptions};

const EXAMPLES: &str = "\
Examples:
  broadsheet                      read the embedded sample library
  broadsheet ~/articles           read every article under ~/articles
  broadsheet export ~/articles    print the articles as JSON Lines
  broadsheet check ~/articles     list files that could not be read";

/// A terminal reader for a library of stored news articles.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Article files or directories (walked recursively). Without any, the
    /// configured library, else the embedded sample library.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the configuration from FILE instead of the default location.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every parsed article as one JSON object per line (JSON Lines).
    ///
    /// Fields: id, path, format, title, authors, bio, date, source, url,
    /// tags, paragraphs, quotes, words, reading_minutes, warnings.
    /// Diagnostics go to stderr. `quotes` is always an empty array for now:
    /// quotation finding has not landed yet.
    Export {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Report files that could not be read, as `path:line: message`.
    ///
    /// Ends with a summary line and exits with status 1 when any file (or
    /// JSON Lines record) failed to load.
    Check {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// Loads the library named on the command line, or the sample.
pub fn load_library(paths: &[PathBuf]) -> Library {
    if paths.is_empty() { Library::sample() } else { Library::load(paths, LoadOptions::default()) }
}

/// Fails with a clear message when a path given on the command line does
/// not exist (a usage error, unlike an unreadable file inside a library).
pub fn check_paths_exist(paths: &[PathBuf]) -> Result<(), String> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(format!(
                "no such file or directory: {}",
                crate::library::sanitize::clean_line(&path.to_string_lossy())
            ));
        }
    }
    Ok(())
}
