//! `broadsheet [PATH]...`: the reader itself.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::{self, App, Commands, Prefs, Runtime};
use crate::config::Config;
use crate::event::{self, Events};
use crate::library::LoadOptions;
use crate::library::load::ReadOptions;
use crate::library::sanitize::clean_line;
use crate::loader::{self, LibrarySource};
use crate::store::Store;
use crate::terminal::Tui;
use crate::text::ReaderStyle;
use crate::theme::Theme;

/// Set to make the reader panic after its first frame (for the tests that
/// prove a panic leaves the terminal usable).
const PANIC_VAR: &str = "BROADSHEET_TEST_PANIC";

/// Opens the TUI on `paths`, else the configured library, else the sample.
pub fn run(
    paths: &[PathBuf],
    config: &Config,
    config_path: Option<&Path>,
    state: Option<PathBuf>,
) -> Result<ExitCode, String> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err("the reader needs a terminal; to print articles use `broadsheet export`".to_owned());
    }
    few_malloc_arenas();
    let paths = if paths.is_empty() { default_library(config, config_path) } else { paths.to_vec() };
    super::check_paths_exist(&paths)?;
    let index = config.library.index.then(|| index_path(&paths, config)).flatten();
    let (source, label) = match paths.as_slice() {
        [] => (LibrarySource::Sample, "sample library".to_owned()),
        [one] => (LibrarySource::Paths { paths: paths.clone(), index }, clean_line(&one.to_string_lossy())),
        many => (LibrarySource::Paths { paths: paths.clone(), index }, format!("{} paths", many.len())),
    };
    let reader = &config.reader;
    let prefs = Prefs {
        full_width: config.layout.zen,
        list_percent: config.layout.list_width,
        max_text_width: reader.max_width,
        mode: config.layout.mode,
        style: ReaderStyle {
            justify: reader.justify,
            paragraph_spacing: reader.paragraph_spacing,
            hyphenate: reader.hyphenate,
            show_bio: reader.show_bio,
        },
    };
    let mut app = App::new(label, config.keymap(), Theme::from_config(&config.theme), prefs);
    app.library.read = load_options(config).read;
    if matches!(source, LibrarySource::Sample) {
        app.library.read.files = crate::library::files::Files::Sample;
    }
    app.commands = Commands::resolve(&config.commands.pipe, &config.commands.editor);
    let store = open_store(state.as_deref(), &mut app);

    let events = Events::new();
    #[cfg(unix)]
    let signals = event::spawn_signals(events.sender()).map_err(|e| format!("cannot watch signals: {e}"))?;
    let every = (config.library.refresh_interval > 0)
        .then(|| std::time::Duration::from_secs(config.library.refresh_interval));
    let loader = loader::spawn(events.sender(), source, load_options(config), every);
    let mut tui = Tui::enter(config.layout.mouse).map_err(|e| format!("cannot set up the terminal: {e}"))?;
    event::spawn_input(events.sender());
    let panic_after_first_frame = std::env::var_os(PANIC_VAR).is_some();
    if config.feeds.interval > 0 {
        let every = std::time::Duration::from_secs(config.feeds.interval * 60);
        app.fetching = crate::state::Fetching::every(every, std::time::Instant::now());
    }
    app.fetching.setup = feeds_setup(config, config_path);
    app.fetching.outside =
        app.fetching.setup.as_ref().is_some_and(|s| !paths.iter().any(|p| s.root.starts_with(p)));
    let runtime = Runtime { store, loader, panic_after_first_frame };
    let result = app::run(&mut tui, app, &events, runtime);
    drop(tui);
    #[cfg(unix)]
    signals.close();
    result.map_err(|e| format!("terminal error: {e}"))
}

/// Keeps the reader's memory flat where SQLite allocates (from glibc; the
/// program's own allocations go to mimalloc): glibc gives each thread that
/// allocates an arena of its own (up to eight per core), and the reader's
/// workers (queries, counts, bodies, parsing) each leave big transient
/// allocations in theirs. With two arenas key-latency measured 102-123 MB
/// peak at a million articles (before mimalloc), keys no slower.
fn few_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; it is called
    // before the reader starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// The library when no path is given: the configured paths, plus the
/// fetched feeds once there are subscriptions or fetched articles (the
/// sample library when there are neither).
pub fn default_library(config: &Config, config_path: Option<&Path>) -> Vec<PathBuf> {
    let mut paths = config.library.paths.clone();
    let Some(root) = crate::fetch::store::feeds_root() else { return paths };
    let fetched = std::fs::read_dir(&root).is_ok_and(|mut entries| entries.next().is_some());
    let subscribed = crate::fetch::subscriptions::default_path(config_path)
        .and_then(|p| crate::fetch::subscriptions::Subscriptions::load(&p).ok())
        .is_some_and(|s| !s.feeds.is_empty());
    if (fetched || subscribed) && !paths.contains(&root) && std::fs::create_dir_all(&root).is_ok() {
        paths.push(root);
    }
    paths
}

/// How `F` fetches: the subscriptions beside the config, items into the
/// data directory.
fn feeds_setup(config: &Config, config_path: Option<&Path>) -> Option<crate::fetch::Setup> {
    Some(crate::fetch::Setup {
        subscriptions: crate::fetch::subscriptions::default_path(config_path)?,
        root: crate::fetch::store::feeds_root()?,
        options: crate::fetch::FetchOptions::from(&config.feeds),
    })
}

/// Where the library's index lives: the cache directory
/// (`$XDG_CACHE_HOME/broadsheet`), one file per library.
pub fn index_path(paths: &[PathBuf], config: &Config) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(
        strategy
            .cache_dir()
            .join("broadsheet")
            .join(crate::library::index::file_name_for(paths, &config.library.columns.mapping())),
    )
}

/// How the config asks for files to be read.
pub fn load_options(config: &Config) -> LoadOptions {
    LoadOptions {
        read: ReadOptions {
            files: crate::library::files::Files::Disk,
            max_file_bytes: config.library.max_file_size,
            columns: config.library.columns.mapping(),
        },
        ignore_extensions: config.library.ignore_extensions.clone(),
        ..LoadOptions::default()
    }
}

/// Opens the state file and takes the view it remembers. A file that
/// cannot be used leaves the reader working with a state kept in memory
/// for the session, and says so.
fn open_store(path: Option<&Path>, app: &mut App) -> Option<Store> {
    let opened = match path {
        Some(path) => Store::open(path).and_then(|store| store.session().map(|session| (store, session))),
        None => Err(crate::store::StoreError {
            path: std::path::PathBuf::from("state"),
            message: "no state directory could be found".to_owned(),
        }),
    };
    let store = match opened {
        Ok((store, session)) => {
            app.restore(session);
            Some(store)
        }
        Err(error) => {
            app.report_store_problem(format!("Reading without saving: {error}"));
            Store::in_memory().ok()
        }
    };
    app.library.state_uri = store.as_ref().map(|s| s.uri().to_owned());
    store
}
