//! Fitting text into a number of columns.

use std::borrow::Cow;

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// `text` cut to `width` display columns, ending in "…" when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
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
