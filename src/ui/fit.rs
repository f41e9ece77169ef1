//! Fitting text into a number of columns.

use std::borrow::Cow;

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Text from a file on its way to the screen: sanitised a second time at
/// the boundary (free for the plain text it nearly always is), so nothing
/// that slipped past ingest can drive the terminal.
pub fn shown(text: &str) -> Cow<'_, str> {
    crate::library::sanitize::clean(text)
}

/// `text` cut to `width` display columns, ending in "…" when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if let Cow::Owned(cleaned) = shown(text) {
        return Cow::Owned(truncate(&cleaned, width).into_owned());
    }
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let (head, _) = text.unicode_truncate(width - 1);
    Cow::Owned(format!("{}…", head.trim_end()))
}

/// `text` padded with spaces to `width` columns (or cut to fit).
pub fn pad(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cleaned_on_its_way_out() {
        assert_eq!(truncate("a\x1b]0;x\x07b", 10), "ab");
        assert!(matches!(shown("plain words"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("hello world", 7), "hello…");
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
        assert!(truncate("日本語", 1).width() <= 1);
    }
}
