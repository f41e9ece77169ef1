//! Problems found while loading a library: never fatal, always reported.

use std::fmt;
use std::path::{Path, PathBuf};

use super::sanitize::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was ignored or repaired; the article still loaded.
    Warning,
    /// A file (or a record in it) could not be loaded.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub severity: Severity,
    /// Always single-line and free of control characters.
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &Path, line: Option<usize>, message: impl AsRef<str>) -> Self {
        Self::new(path, line, Severity::Error, message.as_ref())
    }

    pub fn warning(path: &Path, line: Option<usize>, message: impl AsRef<str>) -> Self {
        Self::new(path, line, Severity::Warning, message.as_ref())
    }

    fn new(path: &Path, line: Option<usize>, severity: Severity, message: &str) -> Self {
        Self { path: path.to_path_buf(), line, severity, message: clean_line(message) }
    }

    /// `path:line` (or just the path), with the path made printable.
    pub fn location(&self) -> String {
        let path = clean_line(&self.path.to_string_lossy());
        match self.line {
            Some(line) => format!("{path}:{line}"),
            None => path,
        }
    }
}

/// `path:line: error: message`, the form editors and `grep -n` users know.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {severity}: {}", self.location(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_compiler() {
        let d = Diagnostic::error(Path::new("lib/a.toml"), Some(3), "missing `title`");
        assert_eq!(d.to_string(), "lib/a.toml:3: error: missing `title`");
        let d = Diagnostic::warning(Path::new("b.txt"), None, "odd\x1b[31m\nthing");
        assert_eq!(d.to_string(), "b.txt: warning: odd thing");
    }
}
