//! Keys to actions: the only place where key literals live.
//!
//! The defaults are `src/keymap.toml`, compiled in; the user's `[keys]`
//! config patches them per context. A key is looked up in the current
//! context first, then in `global`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Deserializer};

use crate::action::Action;

const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where a key is pressed, for context-specific bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    List,
    Reader,
    Help,
    Quotes,
    Authors,
    Diagnostics,
}

impl Context {
    pub const ALL: [Self; 7] =
        [Self::Global, Self::List, Self::Reader, Self::Help, Self::Quotes, Self::Authors, Self::Diagnostics];

    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::List => "list",
            Self::Reader => "reader",
            Self::Help => "help",
            Self::Quotes => "quotes",
            Self::Authors => "authors",
            Self::Diagnostics => "diagnostics",
        }
    }
}

/// A key with the modifiers that matter (Ctrl, Alt; Shift only for keys
/// whose character does not already say it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    modifiers: u8,
}

/// `KeyCode` made orderable for use in maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: [(KeyCode, &str, &str); 14] = [
    (KeyCode::Enter, "enter", "Enter"),
    (KeyCode::Esc, "esc", "Esc"),
    (KeyCode::Tab, "tab", "Tab"),
    (KeyCode::BackTab, "backtab", "Shift-Tab"),
    (KeyCode::Backspace, "backspace", "Backspace"),
    (KeyCode::Up, "up", "↑"),
    (KeyCode::Down, "down", "↓"),
    (KeyCode::Left, "left", "←"),
    (KeyCode::Right, "right", "→"),
    (KeyCode::Home, "home", "Home"),
    (KeyCode::End, "end", "End"),
    (KeyCode::PageUp, "pageup", "PgUp"),
    (KeyCode::PageDown, "pagedown", "PgDn"),
    (KeyCode::Delete, "delete", "Del"),
];

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

impl Key {
    /// The key of a crossterm key event, if it is one we can bind.
    pub fn from_event(event: KeyEvent) -> Option<Self> {
        let mut modifiers = 0;
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            modifiers |= CTRL;
        }
        if event.modifiers.contains(KeyModifiers::ALT) {
            modifiers |= ALT;
        }
        let code = match event.code {
            // The character already carries Shift ("G", "?").
            KeyCode::Char(c) => {
                KeyCodeOrd::Char(if modifiers & CTRL != 0 { c.to_ascii_lowercase() } else { c })
            }
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::BackTab => return Some(Self { code: named_index(KeyCode::BackTab)?, modifiers }),
            code => {
                if event.modifiers.contains(KeyModifiers::SHIFT) {
                    modifiers |= SHIFT;
                }
                named_index(code)?
            }
        };
        Some(Self { code, modifiers })
    }
}

impl Key {
    /// The key event a terminal sends for this key (for driving the app in
    /// tests the way a terminal would).
    pub fn to_event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.modifiers & CTRL != 0 {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.modifiers & ALT != 0 {
            modifiers |= KeyModifiers::ALT;
        }
        if self.modifiers & SHIFT != 0 {
            modifiers |= KeyModifiers::SHIFT;
        }
        let code = match self.code {
            KeyCodeOrd::Char(c) => KeyCode::Char(c),
            KeyCodeOrd::F(n) => KeyCode::F(n),
            KeyCodeOrd::Named(i) => NAMED[usize::from(i)].0,
        };
        KeyEvent::new(code, modifiers)
    }
}

fn named_index(code: KeyCode) -> Option<KeyCodeOrd> {
    NAMED.iter().position(|(c, _, _)| *c == code).map(|i| KeyCodeOrd::Named(i as u8))
}

/// Parses "j", "G", "ctrl-d", "alt-x", "shift-tab", "f1", "space", "pagedown".
impl FromStr for Key {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let invalid =
            || format!("`{text}` is not a key (try \"j\", \"ctrl-d\", \"shift-tab\", \"f1\", \"space\")");
        if text.is_empty() {
            return Err(invalid());
        }
        let mut modifiers = 0;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (CTRL, 5)
            } else if lower.starts_with("alt-") {
                (ALT, 4)
            } else if lower.starts_with("shift-") {
                (SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break; // "ctrl-" alone: the "-" key would follow; treat as invalid below
            }
            modifiers |= flag;
            rest = &rest[len..];
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if modifiers & SHIFT != 0 { c.to_ascii_uppercase() } else { c };
                modifiers &= !SHIFT;
                KeyCodeOrd::Char(if modifiers & CTRL != 0 { c.to_ascii_lowercase() } else { c })
            }
            _ if lower == "space" => {
                modifiers &= !SHIFT;
                KeyCodeOrd::Char(' ')
            }
            _ if lower == "shift-tab" || (lower == "tab" && modifiers & SHIFT != 0) => {
                modifiers &= !SHIFT;
                named_index(KeyCode::BackTab).ok_or_else(invalid)?
            }
            _ if lower.len() > 1
                && lower.starts_with('f')
                && lower[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
            {
                KeyCodeOrd::F(lower[1..].parse().map_err(|_| invalid())?)
            }
            _ => {
                let aliases = [
                    ("return", "enter"),
                    ("escape", "esc"),
                    ("pgup", "pageup"),
                    ("pgdn", "pagedown"),
                    ("del", "delete"),
                ];
                let name = aliases.iter().find(|(a, _)| *a == lower).map_or(lower.as_str(), |(_, n)| n);
                let index = NAMED.iter().position(|(_, n, _)| *n == name).ok_or_else(invalid)?;
                KeyCodeOrd::Named(index as u8)
            }
        };
        Ok(Self { code, modifiers })
    }
}

/// How a key is shown in help and hints: "j", "Ctrl-d", "↓", "Space".
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers & CTRL != 0 {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers & ALT != 0 {
            f.write_str("Alt-")?;
        }
        if self.modifiers & SHIFT != 0 {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(i) => f.write_str(NAMED[usize::from(i)].2),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Bindings as written: context -> action -> keys.
pub type Bindings = BTreeMap<Context, BTreeMap<Action, Vec<Key>>>;

/// The keymap in effect.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Bindings,
    lookup: BTreeMap<(Context, Key), Action>,
}

/// A key bound to two actions in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub context: Context,
    pub key: Key,
    pub actions: (Action, Action),
}

impl Conflict {
    /// The key as written in a config file ("s", "ctrl-d").
    pub fn key_text(&self) -> String {
        let shown = self.key.to_string();
        match shown.as_str() {
            "Space" => "space".to_owned(),
            _ => shown.replacen("Ctrl-", "ctrl-", 1).replacen("Alt-", "alt-", 1),
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |a: Action| {
            toml::Value::try_from(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        };
        write!(
            f,
            "key `{}` is bound to both `{}` and `{}` in [keys.{}]",
            self.key,
            name(self.actions.0),
            name(self.actions.1),
            self.context.name()
        )
    }
}

impl Keymap {
    /// The built-in bindings.
    pub fn default_bindings() -> Bindings {
        toml::from_str(DEFAULT_KEYMAP).expect("the embedded default keymap is valid")
    }

    /// The defaults with `patch` applied: each action the patch lists gets
    /// exactly the keys it gives in that context. A key left bound to two
    /// actions of one context is a conflict (unbind with `action = []`).
    pub fn with_patch(patch: &Bindings) -> Result<Self, Conflict> {
        let mut bindings = Self::default_bindings();
        for (context, actions) in patch {
            let table = bindings.entry(*context).or_default();
            for (action, keys) in actions {
                table.insert(*action, keys.clone());
            }
        }
        Self::new(bindings)
    }

    pub fn new(bindings: Bindings) -> Result<Self, Conflict> {
        let mut lookup = BTreeMap::new();
        for (context, actions) in &bindings {
            for (action, keys) in actions {
                for key in keys {
                    if let Some(previous) = lookup.insert((*context, *key), *action)
                        && previous != *action
                    {
                        return Err(Conflict { context: *context, key: *key, actions: (previous, *action) });
                    }
                }
            }
        }
        Ok(Self { bindings, lookup })
    }

    /// The action for a key in a context, falling back to `global`.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        self.lookup.get(&(context, key)).or_else(|| self.lookup.get(&(Context::Global, key))).copied()
    }

    /// The keys that trigger `action` in `context` (its own, else global).
    pub fn keys_for(&self, context: Context, action: Action) -> &[Key] {
        self.bindings
            .get(&context)
            .and_then(|t| t.get(&action))
            .or_else(|| self.bindings.get(&Context::Global).and_then(|t| t.get(&action)))
            .map_or(&[], Vec::as_slice)
    }

    pub fn bindings(&self) -> &Bindings {
        &self.bindings
    }
}

/// One section of the help overlay: a context and its bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub title: &'static str,
    /// (keys as shown, what they do)
    pub rows: Vec<(String, &'static str)>,
}

impl Keymap {
    /// What the help overlay lists: the bindings in effect, global first,
    /// then whatever a context binds differently; with a `filter`, only the
    /// rows whose keys or description contain it (case aside).
    pub fn help(&self, filter: &str) -> Vec<HelpSection> {
        let filter = filter.to_lowercase();
        let titles = [
            (Context::Global, "Everywhere"),
            (Context::List, "In the article list"),
            (Context::Reader, "In the reader"),
            (Context::Help, "In this help"),
            (Context::Quotes, "In the quotes panel"),
            (Context::Authors, "In the authors index"),
            (Context::Diagnostics, "In the problems view"),
        ];
        titles
            .into_iter()
            .filter_map(|(context, title)| {
                let table = self.bindings.get(&context)?;
                let rows: Vec<(String, &'static str)> = Action::ALL
                    .into_iter()
                    .filter_map(|action| {
                        let keys = table.get(&action).filter(|k| !k.is_empty())?;
                        let shown = keys.iter().map(Key::to_string).collect::<Vec<_>>().join(" ");
                        let wanted = filter.is_empty()
                            || action.description().to_lowercase().contains(&filter)
                            || shown.to_lowercase().split(' ').any(|k| k == filter);
                        wanted.then(|| (shown, action.description()))
                    })
                    .collect();
                (!rows.is_empty()).then_some(HelpSection { title, rows })
            })
            .collect()
    }

    /// Lines the help overlay needs (section titles, rows, blank separators).
    pub fn help_line_count(&self, filter: &str) -> usize {
        let sections = self.help(filter);
        sections.iter().map(|s| s.rows.len() + 1).sum::<usize>() + sections.len().saturating_sub(1)
    }
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(Self::default_bindings()).expect("the default keymap has no conflicts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(KeyEvent::new(code, modifiers)).unwrap()
    }

    #[test]
    fn parses_key_strings() {
        assert_eq!("j".parse::<Key>().unwrap(), key(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!("G".parse::<Key>().unwrap(), key(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!("shift-g".parse::<Key>().unwrap(), key(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!("ctrl-d".parse::<Key>().unwrap(), key(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!("Ctrl-D".parse::<Key>().unwrap(), key(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!("shift-tab".parse::<Key>().unwrap(), key(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!("f1".parse::<Key>().unwrap(), key(KeyCode::F(1), KeyModifiers::NONE));
        assert_eq!("space".parse::<Key>().unwrap(), key(KeyCode::Char(' '), KeyModifiers::NONE));
        assert_eq!("pgdn".parse::<Key>().unwrap(), key(KeyCode::PageDown, KeyModifiers::NONE));
        assert_eq!("-".parse::<Key>().unwrap(), key(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!("alt-enter".parse::<Key>().unwrap(), key(KeyCode::Enter, KeyModifiers::ALT));
        for bad in ["", "ctrl-", "banana", "f99", "ctrl-foo"] {
            assert!(bad.parse::<Key>().is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_keys_for_people() {
        let shown: Vec<String> = ["ctrl-d", "down", "space", "G", "shift-tab", "f1"]
            .iter()
            .map(|k| k.parse::<Key>().unwrap().to_string())
            .collect();
        assert_eq!(shown, ["Ctrl-d", "↓", "Space", "G", "Shift-Tab", "F1"]);
    }

    #[test]
    fn defaults_cover_design_keys() {
        let keymap = Keymap::default();
        let check = |k: &str, action: Action| {
            assert_eq!(keymap.action(Context::List, k.parse().unwrap()), Some(action), "{k}")
        };
        check("j", Action::MoveDown);
        check("down", Action::MoveDown);
        check("k", Action::MoveUp);
        check("g", Action::First);
        check("G", Action::Last);
        check("home", Action::First);
        check("end", Action::Last);
        check("ctrl-d", Action::HalfPageDown);
        check("ctrl-u", Action::HalfPageUp);
        check("pagedown", Action::PageDown);
        check("space", Action::PageDown);
        check("b", Action::PageUp);
        check("enter", Action::Open);
        check("l", Action::Open);
        check("right", Action::Open);
        check("esc", Action::Back);
        check("h", Action::Back);
        check("left", Action::Back);
        check("tab", Action::SwitchFocus);
        check("z", Action::ToggleFullWidth);
        check("?", Action::ToggleHelp);
        check("q", Action::BackOrQuit);
        check("ctrl-c", Action::Quit);
        check("m", Action::ToggleRead);
        check("s", Action::ToggleBookmark);
    }

    #[test]
    fn patches_replace_and_context_overrides_global() {
        let patch: Bindings =
            toml::from_str("[reader]\nmove_down = [\"x\"]\n[global]\nquit = [\"ctrl-q\"]").unwrap();
        let keymap = Keymap::with_patch(&patch).unwrap();
        assert_eq!(keymap.action(Context::Reader, "x".parse().unwrap()), Some(Action::MoveDown));
        assert_eq!(keymap.action(Context::List, "x".parse().unwrap()), None);
        assert_eq!(keymap.action(Context::List, "ctrl-q".parse().unwrap()), Some(Action::Quit));
        assert_eq!(keymap.action(Context::List, "ctrl-c".parse().unwrap()), None);
        assert_eq!(keymap.keys_for(Context::Reader, Action::MoveDown).len(), 1);
    }

    #[test]
    fn help_lists_the_keymap_in_effect() {
        let patch: Bindings = toml::from_str("[reader]\nmove_down = [\"x\"]").unwrap();
        let keymap = Keymap::with_patch(&patch).unwrap();
        let quotes = keymap.help("quot");
        assert!(quotes.iter().flat_map(|s| &s.rows).all(|(_, d)| d.to_lowercase().contains("quot")));
        assert!(!quotes.is_empty());
        assert_eq!(keymap.help("ctrl-d")[0].rows.len(), 1, "a key finds its action");
        let help = keymap.help("");
        assert_eq!(help[0].title, "Everywhere");
        assert!(help[0].rows.iter().any(|(keys, d)| keys == "j ↓" && d.starts_with("Next article")));
        assert!(help[0].rows.iter().any(|(keys, _)| keys == "Ctrl-d"));
        let reader = help.iter().find(|s| s.title == "In the reader").unwrap();
        assert_eq!(reader.rows, [("x".to_owned(), Action::MoveDown.description())]);
    }

    #[test]
    fn conflicts_are_reported() {
        let patch: Bindings = toml::from_str("[global]\ntoggle_read = [\"s\"]").unwrap();
        let conflict = Keymap::with_patch(&patch).unwrap_err();
        assert_eq!(
            conflict.to_string(),
            "key `s` is bound to both `toggle_read` and `toggle_bookmark` in [keys.global]"
        );
    }

    #[test]
    fn unknown_actions_are_rejected() {
        let err = toml::from_str::<Bindings>("[global]\nfly = [\"f\"]").unwrap_err();
        assert!(err.message().contains("unknown variant `fly`"), "{}", err.message());
    }
}
