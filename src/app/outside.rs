//! Reaching outside the reader: a browser, the clipboard, a pipe, an
//! editor. The app only decides what to do; the loop does it (it owns the
//! terminal), through [`Effect`]s.

use std::path::PathBuf;

use super::{App, Effect};
use crate::library::Article;

/// The most an OSC 52 clipboard write carries (terminals refuse more).
pub const CLIPBOARD_LIMIT: usize = 64 * 1024;

/// Something to run or write outside the TUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// A validated http(s) URL, handed to the browser as one argument.
    OpenUrl(String),
    /// Text for the terminal's clipboard (OSC 52).
    Copy(String),
    /// A program (argv, never a shell) reading `input` on its stdin, with
    /// the terminal given back to it while it runs.
    Run { argv: Vec<String>, input: Option<String> },
}

/// The commands `|` and `e` use, resolved from config and environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commands {
    pub pipe: Vec<String>,
    pub editor: Vec<String>,
}

impl Commands {
    /// From the config's strings, else `$PAGER`/`less` and
    /// `$VISUAL`/`$EDITOR`/`vi`; split like a shell would.
    pub fn resolve(pipe: &str, editor: &str) -> Self {
        let env = |names: &[&str], fallback: &str| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
                .unwrap_or(fallback.to_owned())
        };
        let pipe = if pipe.trim().is_empty() { env(&["PAGER"], "less") } else { pipe.to_owned() };
        let editor =
            if editor.trim().is_empty() { env(&["VISUAL", "EDITOR"], "vi") } else { editor.to_owned() };
        let split = |s: &str| shell_words::split(s).unwrap_or_else(|_| vec![s.to_owned()]);
        Self { pipe: split(&pipe), editor: split(&editor) }
    }
}

/// The URL if it is one a browser may open: http or https, nothing else
/// (no file:, javascript:, data: or custom schemes).
pub fn safe_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("not a link: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        scheme => Err(format!("will not open {scheme}: links, only http and https")),
    }
}

/// The article as plain text, for a pipe.
pub fn plain_text(article: &Article) -> String {
    let mut text = format!("{}\n", article.title);
    let names: Vec<&str> = article.author_names().collect();
    if !names.is_empty() {
        text.push_str(&format!("By {}\n", names.join(", ")));
    }
    for block in &article.body {
        text.push('\n');
        text.push_str(&block.text);
        text.push('\n');
    }
    text
}

impl App {
    fn article_in_front(&self) -> Option<&Article> {
        self.focused_article()
    }

    pub(super) fn open_link(&mut self) {
        if let Some(url) = self.checked_link("opened") {
            self.status_message(format!("Opening {url}"));
            self.effects.push(Effect::Outside(Outside::OpenUrl(url)));
        }
    }

    pub(super) fn copy_link(&mut self) {
        if let Some(url) = self.checked_link("copied") {
            self.status_message(format!("Copied {url}"));
            self.effects.push(Effect::Outside(Outside::Copy(url)));
        }
    }

    /// The link of the article in front of the user, if it is one we may
    /// hand on; otherwise says why not ("Not opened: ...").
    fn checked_link(&mut self, verb: &str) -> Option<String> {
        let link = self.article_in_front()?.url.clone();
        match link.as_deref().map(safe_url) {
            None => self.status_message("This article has no link"),
            Some(Err(why)) => self.status_message(format!("Not {verb}: {why}")),
            Some(Ok(url)) => return Some(url.to_string()),
        }
        None
    }

    pub(super) fn pipe_article(&mut self) {
        let Some(text) = self.article_in_front().map(plain_text) else { return };
        let argv = self.commands.pipe.clone();
        self.effects.push(Effect::Outside(Outside::Run { argv, input: Some(text) }));
    }

    /// `e`: the article's file in the editor; the library is read again
    /// afterwards so the change shows.
    pub(super) fn edit_article(&mut self) {
        let Some(path) = self.article_in_front().map(|a| a.path.clone()) else { return };
        if self.library.read.files != crate::library::files::Files::Disk || !PathBuf::from(&path).is_file() {
            return self.status_message("This article is built in; there is no file to edit");
        }
        let mut argv = self.commands.editor.clone();
        argv.push(path.to_string_lossy().into_owned());
        self.save_session();
        self.effects.push(Effect::Outside(Outside::Run { argv, input: None }));
        self.effects.push(Effect::Reload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_open() {
        assert!(safe_url("https://ledger.example/a?b=c&d").is_ok());
        assert!(safe_url("http://x.example/").is_ok());
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "-x", "data:text/html,hi", "ms-msdt:foo", ""]
        {
            assert!(safe_url(bad).is_err(), "{bad}");
        }
        // Quotes and shell characters stay inside the one argument.
        let url = safe_url(r#"https://x.example/";touch /tmp/p;""#).unwrap();
        assert!(url.as_str().starts_with("https://x.example/"));
        assert!(!url.as_str().contains('"'));
    }

    #[test]
    fn commands_split_like_a_shell_without_one() {
        let commands = Commands::resolve("grep -i 'the harbour'", "nvim +10");
        assert_eq!(commands.pipe, ["grep", "-i", "the harbour"]);
        assert_eq!(commands.editor, ["nvim", "+10"]);
        let template = Commands::resolve("sh -c $(id)", "ed");
        assert_eq!(template.pipe, ["sh", "-c", "$(id)"], "no expansion");
    }
}
