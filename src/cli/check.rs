//! `broadsheet check`: every diagnostic and a summary.

use std::io::{self, Write};

use crate::library::Library;

/// Prints diagnostics and the summary line; returns whether any file failed.
pub fn write(library: &Library, out: &mut impl Write) -> io::Result<bool> {
    for diagnostic in &library.diagnostics {
        writeln!(out, "{diagnostic}")?;
    }
    writeln!(out, "{}", summary(library))?;
    out.flush()?;
    Ok(library.failed > 0)
}

/// `N articles, M authors, K problems`.
pub fn summary(library: &Library) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!(
        "{}, {}, {}",
        plural(library.articles.len(), "article"),
        plural(library.named_authors(), "author"),
        plural(library.diagnostics.len(), "problem"),
    )
}
