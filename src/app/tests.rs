//! Update tests: state and actions in, state out; no terminal.

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::input::WHEEL_LINES;
use super::*;
use crate::state::Screen;
use crate::store::{Change, Position, Saved};

impl App {
    /// An app on the sample library at a given size, for tests.
    pub fn for_tests(width: u16, height: u16) -> Self {
        let prefs = Prefs::default();
        let mut app = Self::new("sample library", Keymap::default(), Theme::dark(), prefs);
        app.resize(Rect::new(0, 0, width, height));
        app.install_library(Library::sample());
        app
    }

    /// Presses a key given as in the config ("j", "ctrl-d"), the way the
    /// terminal would deliver it (so typed filters see it too).
    pub fn press(&mut self, key: &str) {
        let key: Key = key.parse().expect("a valid key");
        self.handle_terminal(TermEvent::Key(key.to_event()));
    }

    /// Types text as keystrokes.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.handle_terminal(TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    /// The current screen's browser (list and reader); panics without one.
    pub fn b(&self) -> &Browser {
        self.browser().expect("a screen with a list and a reader")
    }

    /// Selects a list position on the current screen and previews it.
    pub fn select(&mut self, position: usize) {
        self.browser_mut().expect("a browser").list.select(position);
        self.follow_selection();
    }
}

#[test]
fn starts_on_the_newest_article_with_the_list_focused() {
    let app = App::for_tests(120, 40);
    assert_eq!(app.focus(), Focus::List);
    let first = app.current_article().unwrap();
    let newest = app.library.library.articles.iter().filter_map(|a| a.date).map(|d| d.day()).max();
    assert_eq!(first.date.map(|d| d.day()), newest);
}

#[test]
fn j_then_enter_opens_the_second_article() {
    let mut app = App::for_tests(120, 40);
    let second = app.b().list.order()[1];
    app.press("j");
    app.press("enter");
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.b().reader.article(), Some(second));
    assert!(app.marks.is_read(app.library.library.articles[second].id));
}

#[test]
fn keys_in_the_reader_scroll_and_back_returns_to_the_list() {
    let mut app = App::for_tests(100, 20);
    app.press("enter");
    app.press("j");
    assert_eq!(app.b().reader.scroll(), 1);
    app.press("G");
    assert_eq!(app.b().reader.scroll(), app.b().reader.max_scroll());
    app.press("g");
    assert_eq!(app.b().reader.scroll(), 0);
    app.press("space");
    assert_eq!(app.b().reader.scroll(), app.b().reader.height().min(app.b().reader.max_scroll()));
    app.press("esc");
    assert_eq!(app.focus(), Focus::List);
    app.press("q");
    assert_eq!(app.mode(), Mode::Quit(0));
}

#[test]
fn q_in_the_reader_goes_back_first() {
    let mut app = App::for_tests(100, 30);
    app.press("l");
    app.press("q");
    assert_eq!((app.focus(), app.mode()), (Focus::List, Mode::Running));
}

#[test]
fn list_paging_and_ends() {
    let mut app = App::for_tests(100, 12);
    let len = app.b().list.order().len();
    app.press("G");
    assert_eq!(app.b().list.selection().selected(), len - 1);
    app.press("ctrl-u");
    assert!(app.b().list.selection().selected() < len - 1);
    app.press("home");
    assert_eq!(app.b().list.selection().selected(), 0);
    app.press("pagedown");
    assert_eq!(app.b().list.selection().selected(), app.b().list.selection().visible_rows());
    // The reader follows the selection.
    assert_eq!(app.b().reader.article(), app.b().list.selected_article());
}

#[test]
fn tab_switches_focus_and_narrow_screens_show_one_pane() {
    let mut app = App::for_tests(60, 20);
    assert!(app.layout.list.is_some() && app.layout.reader.is_none());
    app.press("tab");
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.layout.list.is_none() && app.layout.reader.is_some());
    app.press("tab");
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn zen_mode_and_back() {
    let mut app = App::for_tests(160, 40);
    app.press("z");
    assert!(app.prefs.full_width && app.layout.list.is_none());
    assert_eq!(app.layout.reader_text.width, 78);
    app.press("esc");
    assert!(!app.prefs.full_width && app.layout.list.is_some());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = App::for_tests(80, 12);
    let scroll = |app: &App| match &app.overlay {
        Some(Overlay::Help(help)) => help.scroll,
        other => panic!("help not open: {other:?}"),
    };
    app.press("?");
    assert_eq!(app.context(), Context::Help);
    app.press("down");
    assert_eq!(scroll(&app), 1);
    app.press("end");
    let bottom = scroll(&app);
    app.press("down");
    assert_eq!(scroll(&app), bottom);
    // Typing filters the keys; Esc clears the filter, then closes.
    app.type_text("quote");
    let Some(Overlay::Help(help)) = &app.overlay else { panic!("help closed") };
    assert_eq!((help.filter.as_str(), help.scroll), ("quote", 0));
    assert!(app.keymap.help_line_count("quote") < app.keymap.help_line_count(""));
    app.press("esc");
    let Some(Overlay::Help(help)) = &app.overlay else { panic!("help closed") };
    assert!(help.filter.is_empty());
    app.press("esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.mode(), Mode::Running);
}

#[test]
fn brackets_walk_the_quotes_and_the_panel_jumps() {
    let mut app = App::for_tests(100, 20);
    let article = app.current_article().unwrap().clone();
    let top_level: Vec<usize> = (0..article.quotes.len()).filter(|&i| article.quotes[i].depth == 0).collect();
    assert!(top_level.len() >= 3);
    app.press("]");
    app.press("]");
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.b().reader.focused_quote(), Some(top_level[1]));
    app.press("[");
    assert_eq!(app.b().reader.focused_quote(), Some(top_level[0]));
    app.press("\"");
    assert_eq!(app.context(), Context::Quotes);
    app.press("G");
    app.press("enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.b().reader.focused_quote(), Some(*top_level.last().unwrap()));
    let (first, _) = app.b().reader.wrapped().unwrap().quote_lines[*top_level.last().unwrap()];
    assert!(app.b().reader.scroll() <= first && first < app.b().reader.scroll() + app.b().reader.height());
}

#[test]
fn no_quotes_gives_a_message() {
    let mut app = App::for_tests(100, 20);
    let position =
        app.b().list.order().iter().position(|&i| app.library.library.articles[i].quotes.is_empty());
    let Some(position) = position else { return };
    app.select(position);
    app.press("]");
    assert_eq!(app.status.message().unwrap().text, "This article quotes nobody");
    app.press("\"");
    assert!(app.overlay.is_none());
}

#[test]
fn diagnostics_view_opens_and_closes() {
    let mut app = App::for_tests(100, 30);
    app.press("!");
    let Screen::Diagnostics(selection) = app.screen() else { panic!("not the problems view") };
    assert_eq!(selection.len(), app.library.library.diagnostics.len());
    app.press("esc");
    assert!(matches!(app.screen(), Screen::Articles(_)));
}

#[test]
fn marks_toggle_with_a_message() {
    let mut app = App::for_tests(100, 30);
    let id = app.current_article().unwrap().id;
    app.press("s");
    assert!(app.marks.is_bookmarked(id));
    assert!(app.status.message().unwrap().text.starts_with("Bookmarked"));
    app.press("m");
    assert!(app.marks.is_read(id));
    app.press("m");
    assert!(!app.marks.is_read(id));
}

#[test]
fn signals_quit_with_128_plus_n() {
    let mut app = App::for_tests(100, 30);
    app.handle_event(Event::Signal(Signal::Terminate(15)));
    assert_eq!(app.mode(), Mode::Quit(143));
}

#[test]
fn mouse_wheel_and_clicks() {
    let mut app = App::for_tests(120, 40);
    let rows = app.layout.list_rows;
    let click = |column, row| {
        Event::Term(TermEvent::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: crossterm::event::KeyModifiers::NONE,
        }))
    };
    app.handle_event(click(rows.x + 2, rows.y + 4));
    assert_eq!(app.b().list.selection().selected(), 2);
    app.handle_event(click(rows.x + 2, rows.y + 5));
    assert_eq!(app.focus(), Focus::Reader);
    let reader = app.layout.reader.unwrap();
    app.handle_event(Event::Term(TermEvent::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: reader.x + 5,
        row: reader.y + 5,
        modifiers: crossterm::event::KeyModifiers::NONE,
    })));
    assert_eq!(app.b().reader.scroll(), WHEEL_LINES.min(app.b().reader.max_scroll()));
}

#[test]
fn resizing_never_leaves_state_out_of_bounds() {
    let mut app = App::for_tests(120, 40);
    app.press("G");
    for (w, h) in [(0, 0), (1, 1), (10, 3), (30, 10), (79, 24), (80, 24), (200, 60), (20, 5)] {
        app.resize(Rect::new(0, 0, w, h));
        let s = app.b().list.selection();
        assert!(s.selected() < s.len());
        assert!(app.b().reader.scroll() <= app.b().reader.max_scroll());
    }
}

#[test]
fn author_page_open_an_article_and_come_back() {
    let mut app = App::for_tests(120, 40);
    let mackerel = app
        .b()
        .list
        .order()
        .iter()
        .position(|&i| app.library.library.articles[i].title.starts_with("Mackerel"));
    app.select(mackerel.unwrap());
    app.press("a");
    let Screen::AuthorPage { author, .. } = app.screen() else { panic!("no author page") };
    let author = app.library.library.authors[*author].clone();
    assert_eq!(author.name, "Mara Quist");
    assert_eq!(app.b().list.order(), author.articles.as_slice());
    assert!(app.b().list.order().len() >= 3);
    app.press("j");
    app.press("enter");
    assert_eq!(app.focus(), Focus::Reader);
    let opened = app.b().reader.article();
    assert_eq!(opened, Some(author.articles[1]));
    app.press("esc");
    assert_eq!((app.depth(), app.focus()), (2, Focus::List));
    assert_eq!(app.b().list.selection().selected(), 1, "the page keeps its selection");
    app.press("esc");
    assert_eq!(app.depth(), 1);
    assert_eq!(
        app.b().list.selected_article(),
        Some(app.b().list.order()[mackerel.unwrap()]),
        "the main list too"
    );
}

#[test]
fn authors_index_filters_sorts_and_opens() {
    let mut app = App::for_tests(120, 40);
    app.press("A");
    let Screen::Authors(index) = app.screen() else { panic!("no index") };
    assert_eq!(index.rows().len(), app.library.library.authors.len());
    app.press("/");
    app.type_text("wro");
    let Screen::Authors(index) = app.screen() else { panic!("no index") };
    assert_eq!(index.rows().len(), 1);
    app.press("enter");
    app.press("enter");
    let Screen::AuthorPage { author, .. } = app.screen() else { panic!("no page") };
    assert_eq!(app.library.library.authors[*author].name, "Tomasz Wrona");
    assert_eq!(app.b().list.order().len(), 3);
    app.press("esc");
    let Screen::Authors(index) = app.screen() else { panic!("back to the index") };
    assert_eq!(index.filter, "wro", "the index keeps its filter");
    app.press("esc");
    app.press("S");
    let Screen::Authors(index) = app.screen() else { panic!("still the index") };
    assert_eq!(index.sort, crate::state::AuthorSort::Count);
    app.press("q");
    assert_eq!(app.depth(), 1);
}

#[test]
fn several_authors_ask_whose_page() {
    let mut app = App::for_tests(120, 40);
    let both = app.b().list.order().iter().position(|&i| app.library.library.articles[i].bylines.len() == 2);
    app.select(both.unwrap());
    app.press("a");
    assert!(matches!(app.overlay, Some(Overlay::ChooseAuthor { .. })));
    app.press("j");
    app.press("enter");
    let Screen::AuthorPage { author, .. } = app.screen() else { panic!("no page") };
    assert_eq!(app.library.library.authors[*author].name, "Lena Hovland");
}

/// Runs the search the app asked for, as the worker would.
fn answer_searches(app: &mut App) {
    let index = crate::library::search::ScanIndex::new(&app.library.library);
    for effect in app.take_effects() {
        if let Effect::Search(SearchJob::Query { generation, query }) = effect {
            use crate::library::search::SearchBackend;
            let hits = index.search(&query);
            app.handle_event(Event::SearchResults { generation, hits });
        }
    }
}

#[test]
fn a_one_letter_word_is_searched_after_a_pause_in_typing() {
    let mut app = App::for_tests(120, 40);
    let searches = |app: &mut App| {
        app.take_effects()
            .into_iter()
            .filter(|e| matches!(e, Effect::Search(SearchJob::Query { .. })))
            .count()
    };
    app.press("/");
    app.type_text("e");
    assert_eq!(searches(&mut app), 0, "not at once");
    let due = app.deadline().expect("a search is due");
    app.tick(due - std::time::Duration::from_millis(1));
    assert_eq!(searches(&mut app), 0);
    app.tick(due);
    assert_eq!(searches(&mut app), 1, "after the pause");
    app.type_text("e");
    assert_eq!(searches(&mut app), 1, "two letters at once");
    assert_eq!(app.search.due, None);
    app.type_text(" ");
    searches(&mut app);
    app.type_text("x");
    assert_eq!(searches(&mut app), 0, "a new one-letter word waits too");
    app.type_text("y");
    assert_eq!(searches(&mut app), 1);
}

#[test]
fn search_narrows_the_list_as_you_type_and_esc_clears_it() {
    let mut app = App::for_tests(120, 40);
    let all = app.b().list.order().len();
    app.press("/");
    assert!(app.search.editing);
    app.type_text("eelgrass");
    answer_searches(&mut app);
    let shown = app.b().list.order().to_vec();
    assert!(!shown.is_empty() && shown.len() < all);
    for &i in &shown {
        let a = &app.library.library.articles[i];
        assert!(
            a.body.iter().any(|b| b.text.to_lowercase().contains("eelgrass"))
                || a.title.to_lowercase().contains("eelgrass")
        );
    }
    app.press("enter");
    assert!(!app.search.editing);
    assert_eq!(app.b().list.order(), shown.as_slice(), "Enter keeps the filter");
    app.press("esc");
    assert_eq!(app.b().list.order().len(), all);
}

#[test]
fn stale_search_results_are_dropped() {
    let mut app = App::for_tests(120, 40);
    app.press("/");
    app.type_text("harbour");
    let old = app.search.generation;
    app.type_text(" wedding");
    answer_searches(&mut app);
    let narrow = app.b().list.order().len();
    app.handle_event(Event::SearchResults { generation: old, hits: (0..17).collect() });
    assert_eq!(app.b().list.order().len(), narrow);
}

#[test]
fn n_walks_matches_and_on_into_the_next_article() {
    let mut app = App::for_tests(100, 20);
    app.press("/");
    app.type_text("harbour");
    answer_searches(&mut app);
    app.press("enter");
    let first_article = app.b().reader.article();
    let matches = app.b().reader.match_count();
    assert!(matches >= 1);
    for _ in 0..matches {
        app.press("n");
    }
    assert_eq!(app.b().reader.article(), first_article);
    assert_eq!(app.b().reader.current_match(), Some(matches - 1));
    app.press("n");
    assert_ne!(app.b().reader.article(), first_article, "on to the next matching article");
    assert_eq!(app.b().reader.current_match(), Some(0));
    app.press("N");
    assert_eq!(app.b().reader.article(), first_article);
    assert_eq!(app.b().reader.current_match(), Some(matches - 1));
}

#[test]
fn state_terms_and_quick_filters() {
    let mut app = App::for_tests(120, 40);
    app.press("s");
    app.press("/");
    app.type_text("is:bookmarked");
    assert_eq!(app.b().list.order().len(), 1, "state terms need no search");
    app.press("esc");
    app.press("enter");
    app.press("G");
    app.press("esc");
    app.press("U");
    let unread = app.b().list.order().len();
    assert_eq!(unread, app.library.library.articles.len() - 1);
    app.press("S");
    assert_eq!(app.search.sort, crate::state::SortOrder::Oldest);
}

#[test]
fn marks_and_positions_are_persisted_as_changes() {
    let mut app = App::for_tests(100, 12);
    app.take_effects();
    app.press("s");
    app.press("enter");
    app.press("j");
    app.press("j");
    app.press("esc");
    let changes: Vec<Change> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| if let Effect::Persist(change) = e { Some(change) } else { None })
        .collect();
    let id = app.b().list.selected_article().map(|i| app.library.library.articles[i].id).unwrap();
    assert!(changes.contains(&Change::Bookmark(id, true)));
    assert!(changes.contains(&Change::Read(id, true)), "scrolling reads it");
    assert!(changes.iter().any(|c| matches!(c, Change::Position(i, Some(_)) if *i == id)));
    app.press("q");
    let session: Vec<Change> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| if let Effect::Persist(change) = e { Some(change) } else { None })
        .collect();
    assert!(session.contains(&Change::Session("selected".into(), id.to_string())));
}

#[test]
fn a_restored_session_comes_back() {
    let mut saved = Saved::default();
    let library = Library::sample();
    let target = library.articles.iter().find(|a| a.title.contains("seawall")).unwrap().id;
    saved.read.insert(target);
    saved.bookmarked.insert(target);
    saved.positions.insert(target, Position { block: 3, offset: 0 });
    saved.session.insert("selected".into(), target.to_string());
    saved.session.insert("focus".into(), "reader".into());
    saved.session.insert("sort".into(), "title".into());
    let prefs = Prefs::default();
    let mut app = App::new("sample library", Keymap::default(), Theme::dark(), prefs);
    app.restore(saved);
    app.resize(Rect::new(0, 0, 100, 16));
    app.install_library(library);
    assert_eq!(app.search.sort, crate::state::SortOrder::Title);
    assert_eq!(app.current_article().unwrap().id, target);
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.b().reader.scroll() > 0, "reopened at the saved position");
    assert!(app.marks.is_bookmarked(target));
    assert_eq!(app.unread_count(), app.library.library.articles.len() - 1);
}

#[test]
fn quitting_from_the_list_keeps_the_saved_position() {
    let mut app = App::for_tests(110, 14);
    app.press("enter");
    for _ in 0..5 {
        app.press("j");
    }
    app.press("q");
    app.press("q");
    let positions: Vec<Change> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Persist(change @ Change::Position(..)) => Some(change),
            _ => None,
        })
        .collect();
    assert!(matches!(positions.last(), Some(Change::Position(_, Some(_)))), "{positions:?}");
}

mod properties {
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    /// Keys a user might press, bound or not, including text for prompts.
    fn keys() -> impl Strategy<Value = Vec<&'static str>> {
        prop::collection::vec(
            prop::sample::select(vec![
                "j",
                "k",
                "g",
                "G",
                "ctrl-d",
                "ctrl-u",
                "space",
                "b",
                "enter",
                "esc",
                "tab",
                "z",
                "?",
                "!",
                "]",
                "[",
                "\"",
                "a",
                "A",
                "/",
                "n",
                "N",
                "S",
                "U",
                "B",
                "m",
                "s",
                "x",
                "q",
                "down",
                "up",
                "home",
                "end",
                "pageup",
                "pagedown",
                "backspace",
                "e",
                "o",
                "y",
                "|",
                "h",
                "l",
            ]),
            0..40,
        )
    }

    fn in_bounds(app: &App) -> Result<(), TestCaseError> {
        if let Some(browser) = app.browser() {
            let s = browser.list.selection();
            prop_assert!(s.is_empty() || s.selected() < s.len());
            prop_assert!(browser.reader.scroll() <= browser.reader.max_scroll());
        }
        match app.screen() {
            Screen::Authors(index) => {
                let s = &index.selection;
                prop_assert!(s.is_empty() || s.selected() < s.len());
            }
            Screen::Diagnostics(s) => prop_assert!(s.is_empty() || s.selected() < s.len()),
            _ => {}
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn random_sizes_and_keys_never_panic_or_leave_bounds(
            steps in prop::collection::vec((0u16..140, 0u16..50, keys()), 1..5)
        ) {
            let mut app = App::for_tests(80, 24);
            for (width, height, keys) in steps {
                app.resize(Rect::new(0, 0, width, height));
                for key in keys {
                    app.press(key);
                    in_bounds(&app)?;
                    if app.mode() != Mode::Running {
                        return Ok(());
                    }
                }
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|frame| crate::ui::render(&app, frame)).unwrap();
                // Effects pile up without a loop; drop them like one would.
                app.take_effects();
            }
        }
    }
}

/// A library of summaries over real files, as one read from an index.
fn summaries_of(dir: &std::path::Path) -> Library {
    let mut library = Library::load(&[dir.to_path_buf()], Default::default());
    for article in &mut library.articles {
        article.body.clear();
        article.quotes.clear();
        article.has_body = false;
    }
    library
}

#[test]
fn bodies_of_summaries_are_read_when_shown_big_ones_on_the_side() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The harbour board met again and talked for a long time about dredging.\n\n";
    let big = format!("A big report\n\nBy Ana Lind\n\n{}", paragraph.repeat(5000));
    assert!(big.len() as u64 > READ_NOW_LIMIT);
    std::fs::write(dir.path().join("a.txt"), big).unwrap();
    std::fs::write(dir.path().join("b.txt"), "B small note\n\nBy Ana Lind\n\nShort and read at once.\n")
        .unwrap();
    let mut app = App::new("test", Keymap::default(), Theme::dark(), Prefs::default());
    app.resize(Rect::new(0, 0, 120, 40));
    app.install_library(summaries_of(dir.path()));
    let loads = |app: &mut App| -> Vec<Article> {
        app.take_effects()
            .into_iter()
            .filter_map(|e| if let Effect::LoadBody(summary) = e { Some(*summary) } else { None })
            .collect()
    };

    // The big one (first by title) goes to the worker; the reader shows its summary meanwhile.
    assert_eq!(app.current_article().unwrap().title, "A big report");
    let asked = loads(&mut app);
    assert_eq!(asked.len(), 1);
    assert!(app.current_article().unwrap().body.is_empty());
    let lines_before = app.b().reader.line_count();
    let article = crate::library::load::reload_article(&asked[0], &Default::default());
    app.handle_event(Event::Body { article: Box::new(article), stamp: None });
    assert_eq!(app.current_article().unwrap().body.len(), 5000);
    assert!(app.b().reader.line_count() > lines_before + 5000, "the reader laid the body out");

    // The small one is read as it is selected, before the next frame.
    app.press("j");
    assert!(loads(&mut app).is_empty());
    assert_eq!(app.current_article().unwrap().body[0].text, "Short and read at once.");
}
