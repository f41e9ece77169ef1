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
    pub state: StateConfig,
    pub keys: Bindings,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateConfig {
    /// The state database; empty means `$XDG_STATE_HOME/broadsheet/state.db`.
    pub path: PathBuf,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// Files and directories opened when none are given on the command line.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReaderConfig {
    /// The widest the text column gets, in columns.
    pub max_width: u16,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self { max_width: 78 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutConfig {
    /// Width of the article list beside the reader, in percent.
    pub list_width: u16,
    /// Mouse wheel and clicks; off leaves text selection to the terminal.
    pub mouse: bool,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        Self { list_width: 38, mouse: true }
    }
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
    fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
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
        let config: Self = toml::from_str(text).map_err(|error| {
            ConfigError::at(path, text, error.span().map(|s| s.start), error.message().trim().to_owned())
        })?;
        if config.reader.max_width < 20 {
            let offset = find_key(text, "max_width");
            return Err(ConfigError::at(
                path,
                text,
                offset,
                "reader.max_width must be at least 20".to_owned(),
            ));
        }
        if !(10..=90).contains(&config.layout.list_width) {
            let offset = find_key(text, "list_width");
            return Err(ConfigError::at(
                path,
                text,
                offset,
                "layout.list_width must be between 10 and 90 (percent)".to_owned(),
            ));
        }
        if let Err(conflict) = Keymap::with_patch(&config.keys) {
            let offset = find_key(text, &format!("\"{}\"", conflict.key_text()));
            return Err(ConfigError::at(path, text, offset, conflict.to_string()));
        }
        Ok(config)
    }

    pub fn keymap(&self) -> Keymap {
        Keymap::with_patch(&self.keys).expect("validated when the config was parsed")
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
