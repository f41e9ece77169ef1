//! Colours and emphasis, grouped by the part of the screen they paint.
//! With `NO_COLOR` set, [`Theme::monochrome`] keeps every distinction with
//! bold, italic, underline and reverse alone.

use ratatui::style::{Color, Modifier, Style};

use crate::text::Marks;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub header: HeaderTheme,
    pub status: StatusTheme,
    pub list: ListTheme,
    pub reader: ReaderTheme,
    pub border: BorderTheme,
    pub diagnostics: DiagnosticsTheme,
    pub help: HelpTheme,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderTheme {
    pub bar: Style,
    pub title: Style,
    pub view: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTheme {
    pub bar: Style,
    pub key: Style,
    pub hint: Style,
    pub message: Style,
    pub error: Style,
    pub progress: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListTheme {
    pub title: Style,
    pub title_read: Style,
    pub meta: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub unread: Style,
    pub bookmark: Style,
    pub empty: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderTheme {
    pub text: Style,
    pub headline: Style,
    pub byline: Style,
    pub meta: Style,
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub blockquote: Style,
    pub decoration: Style,
    pub code: Style,
    pub bio: Style,
    pub quote: Style,
    pub quote_mark: Style,
    pub speaker: Style,
    pub nested_quote: Style,
    pub focused_quote: Style,
    pub search_match: Style,
    pub current_match: Style,
    pub position: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BorderTheme {
    pub focused: Style,
    pub unfocused: Style,
    pub title_focused: Style,
    pub title_unfocused: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticsTheme {
    pub error: Style,
    pub warning: Style,
    pub location: Style,
    pub message: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpTheme {
    pub border: Style,
    pub section: Style,
    pub key: Style,
    pub description: Style,
}

const ACCENT: Color = Color::Rgb(0xe0, 0xa4, 0x58);
const INK: Color = Color::Rgb(0xd8, 0xd4, 0xcc);
const MUTED: Color = Color::Rgb(0x8a, 0x86, 0x80);
const PAPER: Color = Color::Rgb(0x23, 0x22, 0x20);
const SELECTION: Color = Color::Rgb(0x3d, 0x3a, 0x35);
const QUOTE: Color = Color::Rgb(0x9c, 0xc9, 0xa8);
const SPEAKER: Color = Color::Rgb(0x8f, 0xb8, 0xde);
const ERROR: Color = Color::Rgb(0xe0, 0x6c, 0x6c);

impl Theme {
    /// The theme for this environment: monochrome when `NO_COLOR` is set
    /// to anything non-empty (see no-color.org).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Self::monochrome(),
            _ => Self::dark(),
        }
    }

    pub fn dark() -> Self {
        let fg = |c| Style::new().fg(c);
        Self {
            header: HeaderTheme {
                bar: Style::new().bg(PAPER).fg(INK),
                title: fg(ACCENT).add_modifier(Modifier::BOLD),
                view: fg(INK).add_modifier(Modifier::BOLD),
            },
            status: StatusTheme {
                bar: Style::new().bg(PAPER).fg(MUTED),
                key: fg(ACCENT).add_modifier(Modifier::BOLD),
                hint: fg(MUTED),
                message: fg(INK),
                error: fg(ERROR).add_modifier(Modifier::BOLD),
                progress: fg(ACCENT),
            },
            list: ListTheme {
                title: fg(INK).add_modifier(Modifier::BOLD),
                title_read: fg(INK),
                meta: fg(MUTED),
                selected: Style::new().bg(SELECTION),
                selected_unfocused: Style::new().bg(Color::Rgb(0x2e, 0x2c, 0x29)),
                unread: fg(ACCENT),
                bookmark: fg(ACCENT),
                empty: fg(MUTED).add_modifier(Modifier::ITALIC),
            },
            reader: ReaderTheme {
                text: fg(INK),
                headline: fg(Color::Rgb(0xf2, 0xee, 0xe6)).add_modifier(Modifier::BOLD),
                byline: fg(ACCENT),
                meta: fg(MUTED),
                heading: fg(Color::Rgb(0xf2, 0xee, 0xe6)).add_modifier(Modifier::BOLD),
                emphasis: Style::new().add_modifier(Modifier::ITALIC),
                strong: Style::new().add_modifier(Modifier::BOLD),
                blockquote: fg(MUTED).add_modifier(Modifier::ITALIC),
                decoration: fg(MUTED),
                code: fg(Color::Rgb(0xc8, 0xb4, 0x8a)),
                bio: fg(MUTED).add_modifier(Modifier::ITALIC),
                quote: fg(QUOTE),
                quote_mark: fg(QUOTE).add_modifier(Modifier::BOLD),
                speaker: fg(SPEAKER).add_modifier(Modifier::BOLD),
                nested_quote: fg(Color::Rgb(0xc9, 0xb8, 0x8f)).add_modifier(Modifier::ITALIC),
                focused_quote: Style::new().bg(Color::Rgb(0x2f, 0x3a, 0x32)),
                search_match: Style::new().bg(Color::Rgb(0x5a, 0x4a, 0x20)),
                current_match: Style::new().bg(ACCENT).fg(PAPER),
                position: fg(MUTED),
            },
            border: BorderTheme {
                focused: fg(ACCENT),
                unfocused: fg(Color::Rgb(0x4a, 0x47, 0x42)),
                title_focused: fg(ACCENT).add_modifier(Modifier::BOLD),
                title_unfocused: fg(MUTED),
            },
            diagnostics: DiagnosticsTheme {
                error: fg(ERROR).add_modifier(Modifier::BOLD),
                warning: fg(ACCENT).add_modifier(Modifier::BOLD),
                location: fg(INK).add_modifier(Modifier::BOLD),
                message: fg(INK),
            },
            help: HelpTheme {
                border: fg(ACCENT),
                section: fg(ACCENT).add_modifier(Modifier::BOLD),
                key: fg(INK).add_modifier(Modifier::BOLD),
                description: fg(MUTED),
            },
        }
    }

    /// No colour at all: emphasis and reverse video carry every distinction.
    pub fn monochrome() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let italic = Style::new().add_modifier(Modifier::ITALIC);
        let dim = Style::new().add_modifier(Modifier::DIM);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        Self {
            header: HeaderTheme { bar: reversed, title: bold, view: bold },
            status: StatusTheme {
                bar: plain,
                key: bold,
                hint: plain,
                message: plain,
                error: bold,
                progress: bold,
            },
            list: ListTheme {
                title: bold,
                title_read: plain,
                meta: dim,
                selected: reversed,
                selected_unfocused: underlined,
                unread: bold,
                bookmark: bold,
                empty: italic,
            },
            reader: ReaderTheme {
                text: plain,
                headline: bold,
                byline: bold,
                meta: dim,
                heading: bold.add_modifier(Modifier::UNDERLINED),
                emphasis: italic,
                strong: bold,
                blockquote: italic,
                decoration: dim,
                code: plain,
                bio: italic,
                quote: italic,
                quote_mark: bold,
                speaker: bold.add_modifier(Modifier::UNDERLINED),
                nested_quote: italic.add_modifier(Modifier::DIM),
                focused_quote: underlined,
                search_match: underlined,
                current_match: reversed,
                position: dim,
            },
            border: BorderTheme { focused: bold, unfocused: dim, title_focused: bold, title_unfocused: dim },
            diagnostics: DiagnosticsTheme { error: bold, warning: bold, location: bold, message: plain },
            help: HelpTheme {
                border: bold,
                section: bold.add_modifier(Modifier::UNDERLINED),
                key: bold,
                description: plain,
            },
        }
    }
}

impl ReaderTheme {
    /// The style for text carrying `marks`: later marks win where they set
    /// the same property (a search match shows inside a quote).
    pub fn style_for(&self, marks: Marks) -> Style {
        let layers = [
            (Marks::HEADLINE, self.headline),
            (Marks::BYLINE, self.byline),
            (Marks::META, self.meta),
            (Marks::HEADING, self.heading),
            (Marks::BLOCKQUOTE, self.blockquote),
            (Marks::CODE, self.code),
            (Marks::BIO, self.bio),
            (Marks::DECORATION, self.decoration),
            (Marks::EMPHASIS, self.emphasis),
            (Marks::STRONG, self.strong),
            (Marks::QUOTE, self.quote),
            (Marks::QUOTE_MARK, self.quote_mark),
            (Marks::NESTED, self.nested_quote),
            (Marks::SPEAKER, self.speaker),
            (Marks::FOCUS, self.focused_quote),
            (Marks::MATCH, self.search_match),
            (Marks::CURRENT, self.current_match),
        ];
        layers
            .iter()
            .filter(|(m, _)| marks.contains(*m))
            .fold(self.text, |style, (_, layer)| style.patch(*layer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_colour(style: Style) -> bool {
        style.fg.is_some_and(|c| c != Color::Reset) || style.bg.is_some_and(|c| c != Color::Reset)
    }

    const ALL_MARKS: [Marks; 15] = [
        Marks::HEADLINE,
        Marks::BYLINE,
        Marks::META,
        Marks::HEADING,
        Marks::EMPHASIS,
        Marks::STRONG,
        Marks::BLOCKQUOTE,
        Marks::DECORATION,
        Marks::CODE,
        Marks::BIO,
        Marks::QUOTE,
        Marks::QUOTE_MARK,
        Marks::SPEAKER,
        Marks::MATCH,
        Marks::CURRENT,
    ];

    #[test]
    fn monochrome_has_no_colour_anywhere() {
        let theme = Theme::monochrome();
        let debug = format!("{theme:?}");
        assert!(!debug.contains("Rgb") && !debug.contains("Indexed"), "{debug}");
        for a in ALL_MARKS {
            for b in ALL_MARKS {
                assert!(!has_colour(theme.reader.style_for(a | b)));
            }
        }
    }

    #[test]
    fn layered_styles_combine() {
        let theme = Theme::dark();
        let style = theme.reader.style_for(Marks::QUOTE | Marks::EMPHASIS | Marks::MATCH);
        assert_eq!(style.fg, theme.reader.quote.fg);
        assert_eq!(style.bg, theme.reader.search_match.bg);
        assert!(style.add_modifier.contains(Modifier::ITALIC));
    }
}
