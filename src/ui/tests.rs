//! Rendering tests: every view drawn into ratatui's `TestBackend` at two
//! sizes and compared with reviewed snapshots, plus checks of styles that a
//! text snapshot cannot see.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::app::{App, Headless};
use crate::library::Library;
use crate::theme::Theme;

fn draw(app: &App) -> Terminal<TestBackend> {
    let area = app.layout.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|frame| super::render(app, frame)).unwrap();
    terminal
}

fn app_after(width: u16, height: u16, keys: &[&str]) -> Headless {
    let mut app = App::for_tests(width, height);
    for key in keys {
        app.press(key);
    }
    app
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshot_test {
    ($name:ident, $width:expr, $height:expr, $keys:expr) => {
        #[test]
        fn $name() {
            let terminal = draw(&app_after($width, $height, $keys));
            insta::assert_snapshot!(terminal.backend());
        }
    };
}

snapshot_test!(articles_wide, 120, 36, &[]);
snapshot_test!(articles_narrow, 60, 20, &[]);
snapshot_test!(reader_wide, 120, 36, &["j", "enter"]);
snapshot_test!(reader_narrow_scrolled, 60, 20, &["j", "enter", "ctrl-d"]);
snapshot_test!(reader_end_shows_the_bio, 100, 24, &["G", "enter", "G"]);
snapshot_test!(zen_mode, 120, 30, &["z"]);
snapshot_test!(help_wide, 100, 34, &["?"]);
snapshot_test!(help_narrow, 50, 14, &["?"]);
snapshot_test!(help_filtered, 90, 20, &["?", "b", "o", "o", "k"]);
snapshot_test!(diagnostics_none, 100, 16, &["!"]);
snapshot_test!(people_by_count, 100, 24, &["P", "S"]);
snapshot_test!(sources_wide, 100, 20, &["O"]);
snapshot_test!(authors_index_with_a_page_beside, 160, 30, &["A", "j"]);
snapshot_test!(people_index_with_a_page_beside, 160, 30, &["P", "S"]);
snapshot_test!(people_filtered_narrow, 50, 14, &["P", "/", "k", "a"]);
snapshot_test!(person_page_wide, 130, 36, &["P", "/", "l", "u", "n", "d", "enter", "enter"]);
snapshot_test!(
    person_page_quote_opened,
    130,
    36,
    &["P", "/", "l", "u", "n", "d", "enter", "enter", "j", "enter"]
);
snapshot_test!(person_page_narrow, 60, 20, &["P", "/", "l", "u", "n", "d", "enter", "enter"]);

/// A library on disk made of files given as bytes (in a directory of
/// its own, kept while the app is), named by a relative path so that
/// screens showing it are the same on every machine.
fn library_of(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir_in(".").unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let root = PathBuf::from(".").join(dir.path().file_name().unwrap());
    (dir, root)
}

/// A library with two broken files of the kind a real library has: one
/// that loads with a warning, one that does not load.
fn app_with_problems(width: u16, height: u16, keys: &[&str]) -> (Headless, tempfile::TempDir) {
    let (dir, root) = library_of(&[
        ("culture/latin1-review.txt", &b"Caf\xe9 review\n\nThe caf\xe9 reopens.\n"[..]),
        ("town/broken.toml", &b"title = \"Broken\nbody = 3\n"[..]),
        ("town/fine.txt", &b"Fine\n\nBy Ann Lee\n\nAll well.\n"[..]),
    ]);
    let mut app = Headless::on(&[root], width, height);
    for key in keys {
        app.press(key);
    }
    (app, dir)
}

/// The screen as text, with the temporary library's random name
/// replaced by one of the same width.
fn screen_of(app: &Headless, dir: &tempfile::TempDir) -> String {
    let text = text_of(draw(app).backend().buffer());
    let name = dir.path().file_name().unwrap().to_string_lossy().into_owned();
    text.replace(&name, &"library-xyz".chars().cycle().take(name.chars().count()).collect::<String>())
}

#[test]
fn diagnostics_wide() {
    let (app, dir) = app_with_problems(100, 24, &["!"]);
    insta::assert_snapshot!(screen_of(&app, &dir));
}

#[test]
fn diagnostics_small() {
    let (app, dir) = app_with_problems(50, 10, &["!"]);
    let screen = screen_of(&app, &dir);
    assert!(screen.contains("Problems 2") && screen.contains("error"), "{screen}");
}
snapshot_test!(too_small, 12, 4, &[]);
snapshot_test!(quotes_panel_wide, 110, 30, &["enter", "\""]);
snapshot_test!(quotes_panel_narrow, 50, 16, &["enter", "]", "]", "\""]);
snapshot_test!(reader_focused_quote, 100, 24, &["enter", "]", "]"]);
snapshot_test!(author_page_wide, 120, 36, &["G", "a"]);
snapshot_test!(author_page_narrow, 60, 24, &["G", "a"]);
snapshot_test!(authors_index_wide, 100, 24, &["A"]);
snapshot_test!(authors_index_narrow, 40, 12, &["A", "S"]);
snapshot_test!(author_chooser, 100, 24, &["a"]);

#[test]
fn focus_is_visible_on_the_border() {
    let theme = Theme::dark();
    let app = app_after(120, 30, &[]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let list = app.layout.list.unwrap();
    let reader = app.layout.reader.unwrap();
    assert_eq!(buffer[(list.x, list.y)].fg, theme.border.focused.fg.unwrap());
    assert_eq!(buffer[(reader.x, reader.y)].fg, theme.border.unfocused.fg.unwrap());
    assert_eq!(buffer[(list.x, list.y)].symbol(), "┏");

    let app = app_after(120, 30, &["enter"]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    assert_eq!(buffer[(reader.x, reader.y)].fg, theme.border.focused.fg.unwrap());
}

#[test]
fn the_selected_row_is_highlighted_across_both_lines() {
    let theme = Theme::dark();
    let app = app_after(120, 30, &["j"]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let rows = app.layout.list_rows;
    let selected_bg = theme.list.selected.bg.unwrap();
    for y in [rows.y + 2, rows.y + 3] {
        assert_eq!(buffer[(rows.right() - 1, y)].bg, selected_bg, "row {y}");
    }
    assert_ne!(buffer[(rows.x + 5, rows.y)].bg, selected_bg);
}

#[test]
fn headline_is_bold_and_body_is_not() {
    let app = app_after(120, 30, &[]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = app.layout.reader_text;
    assert!(buffer[(text.x, text.y)].modifier.contains(Modifier::BOLD));
    let body_line = app.b().reader.wrapped().unwrap().block_lines[0] as u16;
    assert!(!buffer[(text.x, text.y + body_line)].modifier.contains(Modifier::BOLD));
}

#[test]
fn no_color_means_no_colour_in_any_cell() {
    for keys in [&[][..], &["enter"], &["?"], &["!"]] {
        let mut app = App::for_tests(100, 30);
        app.theme = Theme::monochrome();
        for key in keys {
            app.press(key);
        }
        let terminal = draw(&app);
        for cell in terminal.backend().buffer().content() {
            assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "{keys:?}: {cell:?}");
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_buffer() {
    let evil: &[u8] = b"Ti\x1b]0;pwned\x07tle \xe2\x80\xae gnp.exe\n\nBody \x1b[2J with \x9b31m 8-bit CSI and a bell\x07.\n\nZ\xcc\x81\xcc\x81\xcc\x81 and \xe6\x97\xa5\xe6\x9c\xac wide text.\n";
    let json: &[u8] = br#"{"title": "JSON \u001b[31mred", "author": "Eve \u202e Doe", "body": "x\u0007y"}"#;
    let (_dir, root) = library_of(&[("evil.txt", evil), ("evil.json", json)]);
    let mut app = Headless::on(&[root], 100, 30);
    for keys in [&[][..], &["enter"], &["j"], &["!"]] {
        for key in keys {
            app.press(key);
        }
        let terminal = draw(&app);
        for cell in terminal.backend().buffer().content() {
            let symbol = cell.symbol();
            assert!(
                !symbol.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{keys:?}: {symbol:?}"
            );
        }
    }
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let cjk = "東京の港で新しい市場が開かれる\n\n東京の港で新しい市場が開かれる\n\n朝から多くの人が訪れた。魚と野菜が並んだ。\n";
    let (_dir, root) = library_of(&[("cjk.txt", cjk.as_bytes())]);
    let app = Headless::on(&[root], 80, 20);
    let terminal = draw(&app);
    let text = text_of(terminal.backend().buffer());
    // Every row still ends with the list's right border in the same column.
    let list = app.layout.list.unwrap();
    let border_column = usize::from(list.right() - 1);
    for (y, row) in text.lines().enumerate().skip(2).take(4) {
        let cells: Vec<&str> =
            (0..80).map(|x| terminal.backend().buffer()[(x as u16, y as u16)].symbol()).collect();
        assert!(matches!(cells[border_column], "┃" | "│"), "row {y}: {row}");
    }
}

#[test]
fn every_view_survives_every_small_size() {
    for keys in
        [&[][..], &["enter"], &["?"], &["!"], &["z"], &["P"], &["P", "enter"], &["P", "enter", "enter"]]
    {
        let mut app = app_after(80, 24, keys);
        for width in 0..=30 {
            for height in 0..=10 {
                app.resize(width, height);
                draw(&app);
            }
        }
    }
}

/// The style of the cell showing `text`'s first character in the reader.
fn cells_of<'a>(buffer: &'a Buffer, area: Rect, text: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let rows: Vec<String> = (area.y..area.bottom())
        .map(|y| (area.x..area.right()).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect();
    for (dy, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(text) {
            let column = row[..byte].chars().count() as u16;
            return (0..text.chars().count() as u16)
                .map(|i| &buffer[(area.x + column + i, area.y + dy as u16)])
                .collect();
        }
    }
    panic!("{text:?} is not on screen:\n{}", rows.join("\n"));
}

/// Opens the sample article whose title contains `title`.
fn open_article(width: u16, height: u16, title: &str) -> Headless {
    let mut app = App::for_tests(width, height);
    let position = app.titles().iter().position(|t| t.contains(title)).unwrap();
    app.select(position);
    app.press("enter");
    app
}

#[test]
fn quotes_are_highlighted_at_two_widths() {
    let theme = Theme::dark();
    for width in [120, 64] {
        let app = open_article(width, 40, "taller seawall");
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let text = app.layout.reader_text;
        // Quoted words in the quote colour, the marks bold, narration plain.
        let quoted = cells_of(buffer, text, "lucky, not prepared");
        assert!(quoted.iter().all(|c| c.fg == theme.reader.quote.fg.unwrap()), "width {width}");
        let mark = cells_of(buffer, text, "“We have")[0];
        assert_eq!(mark.fg, theme.reader.quote_mark.fg.unwrap());
        assert!(mark.modifier.contains(Modifier::BOLD));
        let narration = cells_of(buffer, text, "Lindqvist told")[12];
        assert_eq!(narration.fg, theme.reader.text.fg.unwrap(), "'told' is narration");
        // The speaker's name in the attribution stands out.
        let speaker = cells_of(buffer, text, "Lindqvist told")[0];
        assert_eq!(speaker.fg, theme.reader.speaker.fg.unwrap());
        assert!(speaker.modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn a_quote_broken_across_lines_stays_highlighted() {
    let theme = Theme::dark();
    let app = open_article(40, 40, "taller seawall");
    let wrapped = app.b().reader.wrapped().unwrap();
    let article = app.current_article().unwrap();
    let quote = article.quotes.iter().position(|q| q.text.starts_with("paying for concrete")).unwrap();
    let (first, last) = wrapped.quote_lines[quote];
    assert!(last > first, "the quotation wraps at 40 columns");
    for line in &wrapped.lines[first + 1..=last] {
        let span = &line.spans[0];
        assert!(span.marks.contains(crate::text::Marks::QUOTE), "{:?}", line.text());
        assert_eq!(theme.reader.style_for(span.marks).fg, theme.reader.quote.fg);
    }
}

#[test]
fn a_quote_over_two_paragraphs_is_highlighted_in_both() {
    let app = open_article(100, 50, "gallery");
    let article = app.current_article().unwrap();
    let quote = article.quotes.iter().position(|q| q.spans.len() == 2).expect("a two-paragraph quote");
    let wrapped = app.b().reader.wrapped().unwrap();
    let (first, last) = wrapped.quote_lines[quote];
    let second_paragraph = wrapped.block_lines[article.quotes[quote].spans[1].paragraph];
    assert!(first < second_paragraph && second_paragraph <= last);
    let opening = &wrapped.lines[second_paragraph].spans[0];
    assert!(opening.marks.contains(crate::text::Marks::QUOTE_MARK) && opening.text.starts_with('“'));
}

#[test]
fn nested_quotes_look_nested_and_no_color_keeps_them_apart() {
    let app = open_article(100, 50, "choir");
    let wrapped = app.b().reader.wrapped().unwrap();
    let nested = wrapped.lines.iter().flat_map(|l| &l.spans).find(|s| s.text.contains("Rain never")).unwrap();
    assert!(nested.marks.contains(crate::text::Marks::NESTED));
    let mono = Theme::monochrome();
    let outer = mono.reader.style_for(crate::text::Marks::QUOTE);
    let inner = mono.reader.style_for(nested.marks);
    assert_ne!(outer, inner);
    assert_ne!(mono.reader.style_for(crate::text::Marks::NONE), outer, "quotes stand out without colour");
}

#[test]
fn the_header_counts_what_is_indexed_while_the_rest_comes() {
    use crate::event::{Event, LibraryMsg};
    use crate::library::Progress;
    let mut app = App::for_tests(120, 20);
    app.event(Event::Library(LibraryMsg::Progress(Progress { done: 3, total: 12_345 })));
    let header = text_of(draw(&app).backend().buffer()).lines().next().unwrap().to_owned();
    assert!(header.contains("24 articles") && header.contains("loading 3/12,345"), "{header}");
    app.event(Event::Library(LibraryMsg::Refreshed));
    let header = text_of(draw(&app).backend().buffer()).lines().next().unwrap().to_owned();
    assert!(
        header.contains("24 articles")
            && header.contains("9 authors")
            && header.contains("unread")
            && !header.contains("loading"),
        "{header}"
    );
    assert_eq!(Library::sample().articles.len(), 24);
}
