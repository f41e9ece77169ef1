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

/// The colours a theme is made of, by role. Users change entries in
/// `[theme.palette]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Color,
    pub text: Color,
    pub bright: Color,
    pub muted: Color,
    pub bar: Color,
    pub border: Color,
    pub selection: Color,
    pub selection_dim: Color,
    pub quote: Color,
    pub nested: Color,
    pub speaker: Color,
    pub focus: Color,
    pub found: Color,
    pub code: Color,
    pub error: Color,
}

/// The palette's role names, as the config spells them.
pub const ROLES: [&str; 15] = [
    "accent",
    "text",
    "bright",
    "muted",
    "bar",
    "border",
    "selection",
    "selection_dim",
    "quote",
    "nested",
    "speaker",
    "focus",
    "found",
    "code",
    "error",
];

const fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

impl Palette {
    /// Light text on a dark terminal.
    pub const DARK: Self = Self {
        accent: rgb(0xe0a458),
        text: rgb(0xd8d4cc),
        bright: rgb(0xf2eee6),
        muted: rgb(0x8a8680),
        bar: rgb(0x232220),
        border: rgb(0x4a4742),
        selection: rgb(0x3d3a35),
        selection_dim: rgb(0x2e2c29),
        quote: rgb(0x9cc9a8),
        nested: rgb(0xc9b88f),
        speaker: rgb(0x8fb8de),
        focus: rgb(0x2f3a32),
        found: rgb(0x5a4a20),
        code: rgb(0xc8b48a),
        error: rgb(0xe06c6c),
    };

    /// Dark text on a light terminal.
    pub const LIGHT: Self = Self {
        accent: rgb(0x9a5b12),
        text: rgb(0x2b2926),
        bright: rgb(0x111010),
        muted: rgb(0x6e6a64),
        bar: rgb(0xe8e4dc),
        border: rgb(0xb8b2a8),
        selection: rgb(0xd8d2c6),
        selection_dim: rgb(0xe6e1d8),
        quote: rgb(0x2f6b3f),
        nested: rgb(0x7a5c1e),
        speaker: rgb(0x1f5a8a),
        focus: rgb(0xd6e6d8),
        found: rgb(0xf2dc9b),
        code: rgb(0x6b4f1d),
        error: rgb(0xb02a2a),
    };

    fn slot(&mut self, role: &str) -> Option<&mut Color> {
        Some(match role {
            "accent" => &mut self.accent,
            "text" => &mut self.text,
            "bright" => &mut self.bright,
            "muted" => &mut self.muted,
            "bar" => &mut self.bar,
            "border" => &mut self.border,
            "selection" => &mut self.selection,
            "selection_dim" => &mut self.selection_dim,
            "quote" => &mut self.quote,
            "nested" => &mut self.nested,
            "speaker" => &mut self.speaker,
            "focus" => &mut self.focus,
            "found" => &mut self.found,
            "code" => &mut self.code,
            "error" => &mut self.error,
            _ => return None,
        })
    }

    /// Validates one `[theme.palette]` entry.
    pub fn check(role: &str, value: &str) -> Result<(), String> {
        if !ROLES.contains(&role) {
            return Err(format!("unknown palette role `{role}` (roles: {})", ROLES.join(", ")));
        }
        parse_color(value).map(|_| ())
    }

    /// Changes the roles given; entries were checked when the config loaded.
    pub fn with(mut self, overrides: &std::collections::BTreeMap<String, String>) -> Self {
        for (role, value) in overrides {
            if let (Some(slot), Ok(color)) = (self.slot(role), parse_color(value)) {
                *slot = color;
            }
        }
        self
    }

    /// Every colour brought down to the 256-colour palette.
    pub fn indexed(mut self) -> Self {
        for role in ROLES {
            if let Some(slot) = self.slot(role) {
                *slot = to_indexed(*slot);
            }
        }
        self
    }
}

/// "#rrggbb", a ratatui colour name ("red", "light-blue") or an index.
fn parse_color(value: &str) -> Result<Color, String> {
    let value = value.trim();
    if let Some(hex) = value.strip_prefix('#') {
        if hex.len() == 6
            && let Ok(n) = u32::from_str_radix(hex, 16)
        {
            return Ok(rgb(n));
        }
        return Err(format!("`{value}` is not a colour: write #rrggbb"));
    }
    value
        .parse::<Color>()
        .map_err(|_| format!("`{value}` is not a colour (#rrggbb, a name like \"red\", or 0-255)"))
}

/// The nearest colour of the xterm 256-colour cube or grey ramp.
fn to_indexed(color: Color) -> Color {
    let Color::Rgb(r, g, b) = color else { return color };
    let level = |v: u8| {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    let value = |l: u8| if l == 0 { 0 } else { 55 + 40 * l };
    let (lr, lg, lb) = (level(r), level(g), level(b));
    let cube = 16 + 36 * lr + 6 * lg + lb;
    let cube_rgb = (value(lr), value(lg), value(lb));
    let grey = ((u16::from(r) + u16::from(g) + u16::from(b)) / 3) as u8;
    let grey_index = if grey > 238 { 23 } else { grey.saturating_sub(3) / 10 };
    let grey_value = 8 + 10 * grey_index;
    let distance = |(x, y, z): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(x, r) + d(y, g) + d(z, b)
    };
    if distance((grey_value, grey_value, grey_value)) < distance(cube_rgb) {
        Color::Indexed(232 + grey_index)
    } else {
        Color::Indexed(cube)
    }
}

impl Theme {
    /// The theme the config and the environment ask for: no colour under
    /// `NO_COLOR` (non-empty) or `colors = "none"`; 256 colours unless
    /// `COLORTERM` promises truecolor (or the config insists).
    pub fn from_config(config: &crate::config::ThemeConfig) -> Self {
        use crate::config::{ColorMode, ThemeName};
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let truecolor = std::env::var("COLORTERM").is_ok_and(|v| v == "truecolor" || v == "24bit");
        let base = match config.name {
            ThemeName::Dark => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
        };
        let palette = base.with(&config.palette);
        match config.colors {
            ColorMode::None => Self::monochrome(),
            ColorMode::Auto if no_color => Self::monochrome(),
            ColorMode::Truecolor => Self::from_palette(&palette),
            ColorMode::Auto if truecolor => Self::from_palette(&palette),
            ColorMode::Auto | ColorMode::Indexed => Self::from_palette(&palette.indexed()),
        }
    }

    /// The dark theme in truecolor.
    pub fn dark() -> Self {
        Self::from_palette(&Palette::DARK)
    }

    /// A theme built from a palette.
    pub fn from_palette(p: &Palette) -> Self {
        let fg = |c| Style::new().fg(c);
        Self {
            header: HeaderTheme {
                bar: Style::new().bg(p.bar).fg(p.text),
                title: fg(p.accent).add_modifier(Modifier::BOLD),
                view: fg(p.text).add_modifier(Modifier::BOLD),
            },
            status: StatusTheme {
                bar: Style::new().bg(p.bar).fg(p.muted),
                key: fg(p.accent).add_modifier(Modifier::BOLD),
                hint: fg(p.muted),
                message: fg(p.text),
                error: fg(p.error).add_modifier(Modifier::BOLD),
                progress: fg(p.accent),
            },
            list: ListTheme {
                title: fg(p.text).add_modifier(Modifier::BOLD),
                title_read: fg(p.text),
                meta: fg(p.muted),
                selected: Style::new().bg(p.selection),
                selected_unfocused: Style::new().bg(p.selection_dim),
                unread: fg(p.accent),
                bookmark: fg(p.accent),
                empty: fg(p.muted).add_modifier(Modifier::ITALIC),
            },
            reader: ReaderTheme {
                text: fg(p.text),
                headline: fg(p.bright).add_modifier(Modifier::BOLD),
                byline: fg(p.accent),
                meta: fg(p.muted),
                heading: fg(p.bright).add_modifier(Modifier::BOLD),
                emphasis: Style::new().add_modifier(Modifier::ITALIC),
                strong: Style::new().add_modifier(Modifier::BOLD),
                blockquote: fg(p.muted).add_modifier(Modifier::ITALIC),
                decoration: fg(p.muted),
                code: fg(p.code),
                bio: fg(p.muted).add_modifier(Modifier::ITALIC),
                quote: fg(p.quote),
                quote_mark: fg(p.quote).add_modifier(Modifier::BOLD),
                speaker: fg(p.speaker).add_modifier(Modifier::BOLD),
                nested_quote: fg(p.nested).add_modifier(Modifier::ITALIC),
                focused_quote: Style::new().bg(p.focus),
                search_match: Style::new().bg(p.found),
                current_match: Style::new().bg(p.accent).fg(p.bar),
                position: fg(p.muted),
            },
            border: BorderTheme {
                focused: fg(p.accent),
                unfocused: fg(p.border),
                title_focused: fg(p.accent).add_modifier(Modifier::BOLD),
                title_unfocused: fg(p.muted),
            },
            diagnostics: DiagnosticsTheme {
                error: fg(p.error).add_modifier(Modifier::BOLD),
                warning: fg(p.accent).add_modifier(Modifier::BOLD),
                location: fg(p.text).add_modifier(Modifier::BOLD),
                message: fg(p.text),
            },
            help: HelpTheme {
                border: fg(p.accent),
                section: fg(p.accent).add_modifier(Modifier::BOLD),
                key: fg(p.text).add_modifier(Modifier::BOLD),
                description: fg(p.muted),
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
    fn palettes_convert_to_256_colours() {
        assert_eq!(to_indexed(rgb(0x000000)), Color::Indexed(16));
        assert_eq!(to_indexed(rgb(0xffffff)), Color::Indexed(231));
        assert_eq!(to_indexed(rgb(0xff0000)), Color::Indexed(196));
        assert_eq!(to_indexed(rgb(0x808080)), Color::Indexed(244));
        let indexed = Theme::from_palette(&Palette::DARK.indexed());
        assert!(!format!("{indexed:?}").contains("Rgb"));
    }

    #[test]
    fn overrides_and_light_theme() {
        let overrides = std::collections::BTreeMap::from([("quote".to_owned(), "#ff0000".to_owned())]);
        let palette = Palette::DARK.with(&overrides);
        assert_eq!(palette.quote, Color::Rgb(255, 0, 0));
        assert_eq!(Theme::from_palette(&palette).reader.quote.fg, Some(Color::Rgb(255, 0, 0)));
        assert!(Palette::check("quote", "light-blue").is_ok());
        assert!(Palette::check("quote", "208").is_ok());
        assert!(Palette::check("quote", "#abc").is_err());
        assert!(Palette::check("glow", "red").is_err());
        assert_ne!(Theme::from_palette(&Palette::LIGHT), Theme::dark());
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
