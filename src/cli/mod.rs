//! The command line: what `broadsheet --help` describes, and the scripting
//! commands that print instead of opening the TUI.

pub mod authors;
pub mod check;
pub mod export;
pub mod feeds;
pub mod index;
mod names;
pub mod quotes;
pub mod read;
pub mod search;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::library::stream::{self, Item, Totals};
use crate::library::{Article, Detail, Diagnostic, LoadOptions};

const EXAMPLES: &str = "\
Examples:
  broadsheet                      read the embedded sample library
  broadsheet ~/articles           read every article under ~/articles
  broadsheet export ~/articles    print the articles as JSON Lines
  broadsheet check ~/articles     list files that could not be read
  broadsheet index ~/articles     build the index the reader starts from
  broadsheet authors ~/articles   print the authors as JSON Lines
  broadsheet quotes ~/articles    print every quotation, with its speaker
  broadsheet feeds add https://example.org/feed.xml
  broadsheet fetch                fetch every subscribed feed into the library
  broadsheet search 'author:quist \"night bus\" is:unread' ~/articles";

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

    /// Keep read marks, bookmarks and positions in FILE (SQLite) instead of
    /// the default state file.
    #[arg(long, value_name = "FILE", global = true)]
    pub state: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every parsed article as one JSON object per line (JSON Lines).
    ///
    /// Fields: id, path, format, title, authors, bio, date, source, url,
    /// tags, paragraphs, quotes, words, reading_minutes, warnings.
    /// Diagnostics go to stderr. When a state file exists, `read`,
    /// `bookmarked` and `position` are added. `quotes` lists each quotation as
    /// {text, speaker, paragraph}: the text without its marks (a quotation
    /// over several paragraphs joined by a blank line), the speaker or null,
    /// and the index of the paragraph it starts in.
    Export {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the articles matching QUERY as JSON Lines (like export).
    ///
    /// Words must all match (title, authors, body); "exact phrase";
    /// author:NAME tag:TAG source:NAME title:WORD; is:unread is:read
    /// is:bookmarked (from the state file); -TERM excludes. Case and accents
    /// are ignored.
    Search {
        /// The query (quote it for the shell).
        query: String,
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print a completion script for SHELL (bash, zsh, fish, elvish,
    /// powershell), e.g. `broadsheet completions bash > ~/.local/share/bash-completion/completions/broadsheet`.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `broadsheet man | man -l -`.
    Man,
    /// Print the authors as JSON Lines: name, variants, bio, articles
    /// (ids, newest first), count, first_date, last_date.
    Authors {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print every quotation as JSON Lines: text, speaker (or null),
    /// article (id), title, paragraph, date.
    Quotes {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print everyone quoted as JSON Lines: name, variants, quotes,
    /// articles (ids, newest first), count, first_date, last_date.
    People {
        /// Article files or directories; the sample library if none.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Manage the feeds `fetch` fetches (kept in feeds.toml beside the config).
    Feeds {
        #[command(subcommand)]
        command: feeds::FeedsCommand,
    },
    /// Fetch every feed (or those named) into the library.
    ///
    /// Each new item becomes a Markdown file under
    /// $XDG_DATA_HOME/broadsheet/feeds/<feed>/. Prints one line per feed
    /// that failed and a summary; exits with status 1 if any failed.
    Fetch {
        /// Feeds by name, title or address; all if none.
        #[arg(value_name = "NAME")]
        names: Vec<String>,
    },
    /// Build or update the library index the reader starts from.
    ///
    /// The reader keeps it up to date by itself (in the cache directory,
    /// $XDG_CACHE_HOME/broadsheet); this does the work ahead of time, e.g.
    /// from cron, and prints what changed. Deleting the index is safe.
    Index {
        /// Article files or directories; the configured library if none.
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

/// Runs what the command line asks for and returns the exit status.
pub fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("broadsheet: {error}");
            return ExitCode::from(2);
        }
    };
    let state = state_path(cli.state.as_deref(), &config);
    let result = match &cli.command {
        None => read::run(&cli.paths, &config, cli.config.as_deref(), state),
        Some(Command::Export { paths }) => saved_state(state.as_deref())
            .and_then(|saved| script(paths, read::load_options(&config), export::Export::new(saved))),
        Some(Command::Search { query, paths }) => saved_state(state.as_deref())
            .and_then(|saved| script(paths, read::load_options(&config), search::Search::new(query, saved))),
        Some(Command::Check { paths }) => {
            let options = LoadOptions { detail: Detail::Identity, ..read::load_options(&config) };
            script(paths, options, check::Check::default())
        }
        Some(Command::Index { paths }) => index::run(paths, &config),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "broadsheet", &mut script);
            print_bytes(&script)
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            let mut page = Vec::new();
            man.render(&mut page).map_err(|e| e.to_string()).and_then(|()| print_bytes(&page))
        }
        Some(Command::Authors { paths }) => {
            script(paths, read::load_options(&config), authors::Authors::default())
        }
        Some(Command::Feeds { command }) => feeds::feeds(command, &config, cli.config.as_deref()),
        Some(Command::Fetch { names }) => feeds::fetch(names, &config, cli.config.as_deref()),
        Some(Command::Quotes { paths }) => script(paths, read::load_options(&config), quotes::Quotes),
        Some(Command::People { paths }) => {
            script(paths, read::load_options(&config), quotes::People::default())
        }
    };
    result.unwrap_or_else(|message| {
        eprintln!("broadsheet: {message}");
        ExitCode::from(2)
    })
}

/// A scripting command: it takes the library's articles and problems one
/// at a time, as they are read, and finishes with what the run comes to.
pub trait Script {
    fn article(&mut self, article: Article, out: &mut dyn io::Write) -> io::Result<()>;

    /// A problem with a file; printed to stderr unless the command prints
    /// problems itself.
    fn problem(&mut self, diagnostic: &Diagnostic, _out: &mut dyn io::Write) -> io::Result<()> {
        eprintln!("{diagnostic}");
        Ok(())
    }

    /// Writes what comes after the last article; returns whether the run
    /// failed (exit status 1).
    fn finish(self, totals: Totals, out: &mut dyn io::Write) -> io::Result<bool>;
}

/// Runs a scripting command over the library at `paths` (the sample
/// library if none), streaming: nothing is kept per article beyond what
/// the command keeps. A closed pipe is not an error.
fn script(paths: &[PathBuf], options: LoadOptions, mut command: impl Script) -> Result<ExitCode, String> {
    use std::io::{IsTerminal, Write as _};
    use std::ops::ControlFlow;
    check_paths_exist(paths)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failure: Option<io::Error> = None;
    let bar = (io::stderr().is_terminal() && !paths.is_empty()).then(|| {
        indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} reading: {pos} files, {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        )
    });
    let mut each = |item: Item<'_>| {
        let written = match item {
            Item::Article(article) => command.article(*article, &mut out),
            Item::Problem(diagnostic) => match &bar {
                Some(bar) => bar.suspend(|| command.problem(diagnostic, &mut out)),
                None => command.problem(diagnostic, &mut out),
            },
            Item::Progress(progress) => {
                if let Some(bar) = &bar {
                    bar.set_position(progress.done as u64);
                }
                Ok(())
            }
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(error) => {
                failure = Some(error);
                ControlFlow::Break(())
            }
        }
    };
    let totals = if paths.is_empty() {
        let mut options = options;
        options.read.files = crate::library::files::Files::Sample;
        stream::stream(&options.read.files.default_roots(), &options, &mut each)
    } else {
        stream::stream(paths, &options, &mut each)
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let result = match failure {
        Some(error) => Err(error),
        None => command.finish(totals, &mut out).and_then(|failed| out.flush().map(|()| failed)),
    };
    match result {
        Ok(true) => Ok(ExitCode::from(1)),
        Ok(false) => Ok(ExitCode::SUCCESS),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => {
            eprintln!("broadsheet: {error}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Writes generated text to stdout; a closed pipe is not an error.
fn print_bytes(bytes: &[u8]) -> Result<ExitCode, String> {
    use std::io::Write;
    match io::stdout().write_all(bytes).and_then(|()| io::stdout().flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error.to_string()),
    }
}

/// The state file's contents, if there is one.
fn saved_state(path: Option<&std::path::Path>) -> Result<Option<crate::store::Saved>, String> {
    match path {
        Some(path) => crate::store::Store::read_only(path).map_err(|e| e.to_string()),
        None => Ok(None),
    }
}

/// The state file: `--state`, else the config's, else the XDG default.
pub fn state_path(explicit: Option<&std::path::Path>, config: &Config) -> Option<PathBuf> {
    explicit
        .map(std::path::Path::to_path_buf)
        .or_else(|| (!config.state.path.as_os_str().is_empty()).then(|| config.state.path.clone()))
        .or_else(crate::store::default_path)
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
