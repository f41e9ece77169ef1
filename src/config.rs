//! The user's configuration: `$XDG_CONFIG_HOME/broadsheet/config.toml`, or
//! the file named by `--config`. A missing default file means defaults; every
//! error names the file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::keymap::{Bindings, Keymap};

/// Every setting, with its default. `config.example.toml` documents the same
/// values, and a test keeps the two in step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub library: LibraryConfig,
    pub reader: ReaderConfig,
    pub layout: LayoutConfig,
    pub theme: ThemeConfig,
    pub commands: CommandsConfig,
    pub state: StateConfig,
    pub feeds: FeedsConfig,
    pub keys: Bindings,
}

/// How feeds are fetched (the subscriptions are in `feeds.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedsConfig {
    /// Minutes between fetches while the reader runs (0: only on `F`).
    pub interval: u64,
    /// Requests in flight at once, all hosts together.
    pub connections: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Seconds a request may take in all (connect, headers, body).
    pub timeout: u64,
    /// The most bytes of one response (after decompression).
    pub max_bytes: u64,
    /// The most new items stored from one feed in one fetch.
    pub max_items: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        Self {
            interval: 0,
            connections: 32,
            per_host: 2,
            timeout: 30,
            max_bytes: 10 * 1024 * 1024,
            max_items: 1000,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateConfig {
    /// The state database; empty means `$XDG_STATE_HOME/broadsheet/state.db`.
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// Files and directories opened when none are given on the command line
    /// (`~` and `$VARIABLES` are expanded).
    pub paths: Vec<PathBuf>,
    /// Extensions to skip although broadsheet could read them ("json").
    pub ignore_extensions: Vec<String>,
    /// Files larger than this many bytes are read only this far, with a
    /// warning.
    pub max_file_size: u64,
    /// Keep an index of the library (in the cache directory) so that start,
    /// search and browsing never read every file.
    pub index: bool,
    /// Seconds between looks for new, changed and removed files while the
    /// reader runs (0: only at start and on request).
    pub refresh_interval: u64,
    /// Dataset columns with names broadsheet does not know.
    pub columns: ColumnsConfig,
}

/// Which dataset column holds what, for names broadsheet does not know
/// (`title`, `text`, `author`... are found by themselves). Empty: unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ColumnsConfig {
    pub title: String,
    pub body: String,
    pub author: String,
    pub date: String,
    pub source: String,
    pub url: String,
    pub tags: String,
}

impl ColumnsConfig {
    /// The mapping the dataset reader takes.
    pub fn mapping(&self) -> crate::library::formats::dataset::Columns {
        use crate::library::formats::record::Role;
        let pairs = [
            (Role::Title, &self.title),
            (Role::Body, &self.body),
            (Role::Authors, &self.author),
            (Role::Date, &self.date),
            (Role::Source, &self.source),
            (Role::Url, &self.url),
            (Role::Tags, &self.tags),
        ];
        crate::library::formats::dataset::Columns {
            overrides: pairs
                .into_iter()
                .filter(|(_, name)| !name.trim().is_empty())
                .map(|(role, name)| (role, name.trim().to_owned()))
                .collect(),
        }
    }
}

impl Default for LibraryConfig {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            ignore_extensions: Vec::new(),
            max_file_size: crate::library::load::DEFAULT_MAX_FILE_BYTES,
            index: true,
            refresh_interval: 300,
            columns: ColumnsConfig::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReaderConfig {
    /// The widest the text column gets, in columns.
    pub max_width: u16,
    /// Stretch lines to both margins.
    pub justify: bool,
    /// Blank lines between paragraphs (0 to 3).
    pub paragraph_spacing: u8,
    /// Break long words at their hyphens when a line needs it.
    pub hyphenate: bool,
    /// Show the authors' bios after the article.
    pub show_bio: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self { max_width: 78, justify: false, paragraph_spacing: 1, hyphenate: false, show_bio: true }
    }
}

/// How list and reader share the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutMode {
    /// Side by side from 80 columns, one at a time below.
    #[default]
    Auto,
    /// Always side by side.
    Split,
    /// The list above the reader.
    Stacked,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutConfig {
    /// Width of the article list beside the reader, in percent.
    pub list_width: u16,
    pub mode: LayoutMode,
    /// Start with the reader at full width.
    pub zen: bool,
    /// Mouse wheel and clicks; off leaves text selection to the terminal.
    pub mouse: bool,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        Self { list_width: 38, mode: LayoutMode::Auto, zen: false, mouse: true }
    }
}

/// Colours: a built-in theme, how many colours the terminal gets, and
/// colours to change.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    pub name: ThemeName,
    pub colors: ColorMode,
    /// Palette entries to change: role name -> "#rrggbb", a colour name
    /// ("red", "light-blue") or a 256-colour index ("208").
    pub palette: std::collections::BTreeMap<String, String>,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        Self { name: ThemeName::Dark, colors: ColorMode::Auto, palette: std::collections::BTreeMap::new() }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// How colours reach the terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColorMode {
    /// Truecolor where COLORTERM says so, else 256 colours; none under NO_COLOR.
    #[default]
    Auto,
    Truecolor,
    #[serde(rename = "256")]
    Indexed,
    /// Bold, italic, underline and reverse only.
    None,
}

/// Programs broadsheet runs for you.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommandsConfig {
    /// `|` pipes the open article's text to this command (split like a
    /// shell would, never run through one). Empty: `$PAGER`, else `less`.
    pub pipe: String,
    /// `e` opens the article's file with this; empty: `$VISUAL`, `$EDITOR`, `vi`.
    pub editor: String,
}

/// A configuration problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The offending line with a caret under the column.
    pub snippet: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(snippet) = &self.snippet {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub(crate) fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
        let Some(offset) = offset.map(|o| o.min(text.len())) else {
            return Self { path: path.to_path_buf(), line: None, column: None, message, snippet: None };
        };
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let source = crate::library::sanitize::clean_line(&text[line_start..line_end]);
        let snippet = format!(
            "  {line} | {source}\n  {} | {}^",
            " ".repeat(line.to_string().len()),
            " ".repeat(column - 1)
        );
        Self {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message,
            snippet: Some(snippet),
        }
    }
}

/// Where the config lives when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.config_dir().join("broadsheet").join("config.toml"))
}

impl Config {
    /// Reads the config: `explicit` must exist; the default path may not.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match default_path() {
                Some(path) if path.exists() => path,
                _ => return Ok(Self::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|error| ConfigError {
            path: path.clone(),
            line: None,
            column: None,
            message: format!("cannot read the config: {error}"),
            snippet: None,
        })?;
        Self::parse(&path, &text)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let mut config: Self = toml::from_str(text).map_err(|error| {
            ConfigError::at(
                path,
                text,
                error.span().map(|s| s.start),
                with_suggestion(error.message().trim()),
            )
        })?;
        config.library.paths = config.library.paths.iter().map(|p| expand(p)).collect();
        if !config.state.path.as_os_str().is_empty() {
            config.state.path = expand(&config.state.path);
        }
        // An error pointing at the first line that mentions `needle`.
        let at = |needle: &str, message: String| ConfigError::at(path, text, find_key(text, needle), message);
        let ranges = [
            (config.reader.max_width >= 20, "max_width", "reader.max_width must be at least 20"),
            (
                config.library.max_file_size >= 1024,
                "max_file_size",
                "library.max_file_size must be at least 1024 bytes",
            ),
            (
                config.reader.paragraph_spacing <= 3,
                "paragraph_spacing",
                "reader.paragraph_spacing must be 0 to 3",
            ),
            (config.feeds.connections >= 1, "connections", "feeds.connections must be at least 1"),
            (config.feeds.per_host >= 1, "per_host", "feeds.per_host must be at least 1"),
            (config.feeds.timeout >= 1, "timeout", "feeds.timeout must be at least 1 (second)"),
            (config.feeds.max_bytes >= 1024, "max_bytes", "feeds.max_bytes must be at least 1024"),
            (
                (10..=90).contains(&config.layout.list_width),
                "list_width",
                "layout.list_width must be between 10 and 90 (percent)",
            ),
        ];
        if let Some((_, key, message)) = ranges.iter().find(|(ok, ..)| !ok) {
            return Err(at(key, (*message).to_owned()));
        }
        for (role, value) in &config.theme.palette {
            if let Err(message) = crate::theme::Palette::check(role, value) {
                return Err(at(role, message));
            }
        }
        for command in [&config.commands.pipe, &config.commands.editor] {
            if shell_words::split(command).is_err() {
                return Err(at(command, format!("cannot split {command:?} into words (an unclosed quote?)")));
            }
        }
        if let Err(conflict) = Keymap::with_patch(&config.keys) {
            return Err(at(&format!("\"{}\"", conflict.key_text()), conflict.to_string()));
        }
        Ok(config)
    }

    pub fn keymap(&self) -> Keymap {
        Keymap::with_patch(&self.keys).expect("validated when the config was parsed")
    }
}

/// `~` and `$VARIABLE` / `${VARIABLE}` expanded; unknown variables are
/// left as written.
pub fn expand(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    let expanded =
        shellexpand::full_with_context_no_errors(&text, dirs_home, |name| std::env::var(name).ok());
    PathBuf::from(expanded.into_owned())
}

fn dirs_home() -> Option<String> {
    etcetera::home_dir().ok().map(|p| p.to_string_lossy().into_owned())
}

/// Adds "did you mean `x`?" to serde's "unknown field `y`, expected ..."
/// and "unknown variant" messages when one expected name is close.
fn with_suggestion(message: &str) -> String {
    let (Some(unknown), Some(expected)) = (
        message.split('`').nth(1).filter(|_| message.starts_with("unknown")),
        message.split_once("expected").map(|(_, rest)| rest),
    ) else {
        return message.to_owned();
    };
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, candidate)) => format!("{message} (did you mean `{candidate}`?)"),
        None => message.to_owned(),
    }
}

/// The byte offset of the first line that mentions `needle`, for errors
/// found after parsing.
fn find_key(text: &str, needle: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split('#').next().unwrap_or("");
        if let Some(at) = content.find(needle) {
            return Some(offset + at);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::action::Action;
    use crate::keymap::{Context, Key};

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("config.toml"), text)
    }

    #[test]
    fn example_file_equals_the_defaults() {
        let text = include_str!("../config.example.toml");
        assert_eq!(parse(text).unwrap(), Config::default());
    }

    #[test]
    fn example_file_lists_the_default_keys() {
        let text = include_str!("../config.example.toml");
        let block = text.split("The defaults").nth(1).unwrap().split("For example").next().unwrap();
        let mut listed = String::new();
        for line in block.lines().skip(1).map(|l| l.trim_start_matches('#').trim()) {
            let is_binding = line
                .split_once(" = [")
                .is_some_and(|(key, _)| key.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            if is_binding {
                listed.push_str(line);
                listed.push('\n');
            }
        }
        let listed: BTreeMap<Action, Vec<Key>> = toml::from_str(&listed).unwrap();
        assert_eq!(listed, Keymap::default_bindings()[&Context::Global]);
    }

    #[test]
    fn empty_file_is_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let err = parse("[reader]\nmax_widht = 70\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message.contains("unknown field `max_widht`"), "{}", err.message);
        assert!(err.to_string().starts_with("config.toml:2:1: unknown field"), "{err}");
        assert!(err.to_string().contains("2 | max_widht = 70"), "{err}");
    }

    #[test]
    fn typos_get_a_suggestion() {
        let err = parse("[reader]\nmax_widht = 70\n").unwrap_err();
        assert!(err.message.ends_with("(did you mean `max_width`?)"), "{}", err.message);
        let err = parse("[keys.global]\nnext_qoute = [\"x\"]\n").unwrap_err();
        assert!(err.message.contains("did you mean `next_quote`?"), "{}", err.message);
        let err = parse("[layout]\nmode = \"stackd\"\n").unwrap_err();
        assert!(err.message.contains("did you mean `stacked`?"), "{}", err.message);
        let err = parse("[zzz]\n").unwrap_err();
        assert!(!err.message.contains("did you mean"), "{}", err.message);
    }

    #[test]
    fn paths_expand_home_and_variables() {
        // SAFETY: tests in this module do not read this variable concurrently.
        unsafe { std::env::set_var("BROADSHEET_TEST_DIR", "/srv/news") };
        let config =
            parse("[library]\npaths = [\"$BROADSHEET_TEST_DIR/a\", \"~/b\", \"${BROADSHEET_TEST_DIR}\"]\n")
                .unwrap();
        assert_eq!(config.library.paths[0], PathBuf::from("/srv/news/a"));
        assert!(!config.library.paths[1].starts_with("~"), "{:?}", config.library.paths[1]);
        assert_eq!(config.library.paths[2], PathBuf::from("/srv/news"));
    }

    #[test]
    fn bad_colours_and_commands_point_at_their_line() {
        let err = parse("[theme.palette]\naccent = \"#12345\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = parse("[theme.palette]\nsparkle = \"red\"\n").unwrap_err();
        assert!(err.message.contains("sparkle"), "{err}");
        let err = parse("[commands]\npipe = \"less '\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn wrong_type_names_the_value() {
        let err = parse("[layout]\nmouse = \"yes\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(9)));
    }

    #[test]
    fn bad_key_and_unknown_action() {
        let err = parse("[keys.global]\nquit = [\"ctrl-\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("is not a key"));
        let err = parse("[keys.reader]\nfly_away = [\"f\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("unknown variant `fly_away`"));
    }

    #[test]
    fn conflicts_point_at_the_key() {
        let err = parse("[keys.global]\ntoggle_read = [\"s\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains("bound to both"));
    }

    #[test]
    fn out_of_range_values() {
        assert_eq!(parse("[reader]\nmax_width = 5").unwrap_err().line, Some(2));
        assert_eq!(parse("[layout]\nlist_width = 95").unwrap_err().line, Some(2));
    }

    #[test]
    fn remaps_take_effect() {
        let config = parse("[keys.global]\nmove_down = [\"x\", \"down\"]\n").unwrap();
        let keymap = config.keymap();
        assert_eq!(
            keymap.action(crate::keymap::Context::List, "x".parse().unwrap()),
            Some(crate::action::Action::MoveDown)
        );
    }
}
