//! Update tests: state and actions in, state out; no terminal.

use super::input::WHEEL_LINES;
use super::*;
use crate::state::Screen;
use crate::store::{Change, Position};
use crossterm::event::{Event as TermEvent, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

impl App {
    /// An app on the sample library at a given size, for tests.
    pub fn for_tests(width: u16, height: u16) -> Headless {
        Headless::sample(width, height)
    }

    /// The current screen's browser (list and reader); panics without one.
    pub fn b(&self) -> &Browser {
        self.browser().expect("a screen with a list and a reader")
    }

    /// The titles of the current list, in order (reading every row).
    pub fn titles(&self) -> Vec<String> {
        let list = &self.b().list;
        let catalog = self.library.catalog.as_ref().expect("an index");
        catalog
            .page_after(list.spec(), None, list.len() + 1)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.title)
            .collect()
    }

    /// The position of the first article of the current list whose title
    /// starts with `start`.
    pub fn position_of_title(&self, start: &str) -> Option<usize> {
        self.titles().iter().position(|t| t.starts_with(start))
    }
}

impl Headless {
    /// Selects a list position on the current screen and previews it.
    pub fn select(&mut self, position: usize) {
        self.app.browser_mut().expect("a browser").list.select(position);
        self.app.follow_selection();
        self.settle();
    }

    /// Whether an article is read and bookmarked, as the state file says.
    pub fn marks(&self, id: ArticleId) -> (bool, bool) {
        self.library.catalog.as_ref().expect("an index").marks(id)
    }
}

#[test]
fn starts_on_the_newest_article_with_the_list_focused() {
    let app = App::for_tests(120, 40);
    assert_eq!(app.focus(), Focus::List);
    let first = app.current_article().unwrap();
    let articles = crate::library::Library::sample().articles;
    let newest = articles.iter().filter_map(|a| a.date).map(|d| d.day()).max();
    assert_eq!(first.date.map(|d| d.day()), newest);
    assert_eq!(app.b().list.len(), articles.len());
}

#[test]
fn j_then_enter_opens_the_second_article() {
    let mut app = App::for_tests(120, 40);
    let second = app.b().list.row(1).unwrap().id;
    app.press("j");
    app.press("enter");
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.b().reader.article(), Some(second));
    assert!(app.marks(second).0);
    assert!(app.b().list.row(1).unwrap().read, "the row shows it");
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
    let len = app.b().list.len();
    app.press("G");
    assert_eq!(app.b().list.selection().selected(), len - 1);
    app.press("ctrl-u");
    assert!(app.b().list.selection().selected() < len - 1);
    app.press("home");
    assert_eq!(app.b().list.selection().selected(), 0);
    app.press("pagedown");
    assert_eq!(app.b().list.selection().selected(), app.b().list.selection().visible_rows());
    // The reader follows the selection.
    assert_eq!(app.b().reader.article(), app.b().list.selected_id());
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
    let quiet = crate::library::Library::sample().articles.into_iter().find(|a| a.quotes.is_empty());
    let Some(position) = quiet.and_then(|a| app.position_of_title(&a.title)) else { return };
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
    let Screen::Diagnostics(problems) = app.screen() else { panic!("not the problems view") };
    assert_eq!(problems.len(), app.library.counts.unwrap().problems);
    app.press("esc");
    assert!(matches!(app.screen(), Screen::Articles(_)));
}

#[test]
fn marks_toggle_with_a_message() {
    let mut app = App::for_tests(100, 30);
    let id = app.current_article().unwrap().id;
    let unread = app.unread_count();
    app.press("s");
    assert!(app.marks(id).1);
    assert!(app.status.message().unwrap().text.starts_with("Bookmarked"));
    app.press("m");
    assert!(app.marks(id).0);
    assert_eq!(app.unread_count(), unread - 1);
    app.press("m");
    assert!(!app.marks(id).0);
    assert_eq!(app.unread_count(), unread);
}

#[test]
fn marks_stay_shown_when_a_list_read_before_them_arrives() {
    let mut app = App::for_tests(100, 30);
    let id = app.current_article().unwrap().id;
    app.hold_answers();
    // The index changed: the list is read again, before the keys below.
    app.change_files(|| {});
    app.press("s");
    app.press("m");
    app.release_answers();
    let row = app.b().list.selected_row().unwrap();
    assert_eq!(row.id, id);
    assert!(row.bookmarked && row.read, "the older rows do not undo the marks on screen");
    assert_eq!(app.marks(id), (true, true));
}

#[test]
fn signals_quit_with_128_plus_n() {
    let mut app = App::for_tests(100, 30);
    app.event(Event::Signal(Signal::Terminate(15)));
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
    app.event(click(rows.x + 2, rows.y + 4));
    assert_eq!(app.b().list.selection().selected(), 2);
    app.event(click(rows.x + 2, rows.y + 5));
    assert_eq!(app.focus(), Focus::Reader);
    let reader = app.layout.reader.unwrap();
    app.event(Event::Term(TermEvent::Mouse(MouseEvent {
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
        app.resize(w, h);
        let s = app.b().list.selection();
        assert!(s.selected() < s.len());
        assert!(app.b().reader.scroll() <= app.b().reader.max_scroll());
    }
}

#[test]
fn author_page_open_an_article_and_come_back() {
    let mut app = App::for_tests(120, 40);
    let mackerel = app.position_of_title("Mackerel").unwrap();
    app.select(mackerel);
    let selected = app.b().list.selected_id();
    app.press("a");
    let Screen::AuthorPage { page, .. } = app.screen() else { panic!("no author page") };
    assert_eq!(page.name, "Mara Quist");
    assert_eq!(app.b().list.len(), page.articles);
    assert!(app.b().list.len() >= 3);
    let titles = app.titles();
    let by_her: Vec<&crate::library::Article> = {
        let articles = crate::library::Library::sample().articles;
        let mut hers: Vec<_> =
            articles.into_iter().filter(|a| a.author_names().any(|n| n == "Mara Quist")).collect();
        // Newest first; articles of the same date (or none) by title.
        hers.sort_by_key(|a| (std::cmp::Reverse(a.date.map(|d| d.order_key())), a.title.to_lowercase()));
        assert_eq!(titles, hers.iter().map(|a| a.title.clone()).collect::<Vec<_>>(), "newest first");
        Vec::new()
    };
    assert!(by_her.is_empty());
    app.press("j");
    app.press("enter");
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(app.current_article().unwrap().title, titles[1]);
    app.press("esc");
    assert_eq!((app.depth(), app.focus()), (2, Focus::List));
    assert_eq!(app.b().list.selection().selected(), 1, "the page keeps its selection");
    app.press("esc");
    assert_eq!(app.depth(), 1);
    assert_eq!(app.b().list.selected_id(), selected, "the main list too");
}

#[test]
fn authors_index_filters_sorts_and_opens() {
    let mut app = App::for_tests(120, 40);
    app.press("A");
    let Screen::Authors(index) = app.screen() else { panic!("no index") };
    assert_eq!(index.list.len(), crate::library::Library::sample().authors.len());
    assert!(index.list.selected().is_some(), "the rows on screen are read");
    app.press("/");
    app.type_text("wro");
    let Screen::Authors(index) = app.screen() else { panic!("no index") };
    assert_eq!(index.list.len(), 1);
    app.press("enter");
    app.press("enter");
    let Screen::AuthorPage { page, .. } = app.screen() else { panic!("no page") };
    assert_eq!(page.name, "Tomasz Wrona");
    assert_eq!(app.b().list.len(), 3);
    app.press("esc");
    let Screen::Authors(index) = app.screen() else { panic!("back to the index") };
    assert_eq!(index.filter, "wro", "the index keeps its filter");
    app.press("esc");
    app.press("S");
    let Screen::Authors(index) = app.screen() else { panic!("still the index") };
    assert_eq!(index.sort, crate::library::index::catalog::AuthorSort::Count);
    let counts: Vec<usize> = index.list.visible().filter_map(|(_, a)| a.map(|a| a.articles)).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    app.press("q");
    assert_eq!(app.depth(), 1);
}

#[test]
fn several_authors_ask_whose_page() {
    let mut app = App::for_tests(120, 40);
    let both = crate::library::Library::sample().articles.into_iter().find(|a| a.bylines.len() == 2).unwrap();
    let position = app.position_of_title(&both.title).unwrap();
    app.select(position);
    app.press("a");
    assert!(matches!(app.overlay, Some(Overlay::ChooseAuthor { .. })));
    app.press("j");
    app.press("enter");
    let Screen::AuthorPage { page, .. } = app.screen() else { panic!("no page") };
    assert_eq!(page.name, "Lena Hovland");
}

#[test]
fn a_short_word_is_searched_after_a_pause_in_typing() {
    let mut app = App::for_tests(120, 40);
    let all = app.b().list.len();
    app.press("/");
    app.type_text("e");
    assert_eq!(app.b().list.len(), all, "not at once");
    assert!(app.searching());
    let due = app.deadline().expect("a search is due");
    app.app.tick(due - std::time::Duration::from_millis(1));
    app.settle();
    assert_eq!(app.b().list.len(), all);
    app.pause();
    assert!(!app.searching());
    assert_eq!(app.b().list.spec().query, crate::library::search::Query::parse("e"), "after the pause");
    let after_one = app.b().list.len();
    app.type_text("elg");
    assert!(app.search.due.is_none(), "four letters at once");
    assert!(app.b().list.len() < after_one.min(all));
    app.type_text(" x");
    assert!(app.search.due.is_some(), "a new short word waits too");
    app.type_text("yz");
    assert!(app.search.due.is_none());
}

#[test]
fn search_narrows_the_list_as_you_type_and_esc_clears_it() {
    let mut app = App::for_tests(120, 40);
    let all = app.b().list.len();
    app.press("/");
    assert!(app.search.editing);
    app.type_text("eelgrass");
    let shown = app.titles();
    assert!(!shown.is_empty() && shown.len() < all);
    let articles = crate::library::Library::sample().articles;
    for title in &shown {
        let a = articles.iter().find(|a| &a.title == title).unwrap();
        assert!(
            a.body.iter().any(|b| b.text.to_lowercase().contains("eelgrass"))
                || a.title.to_lowercase().contains("eelgrass")
        );
    }
    app.press("enter");
    assert!(!app.search.editing);
    assert_eq!(app.titles(), shown, "Enter keeps the filter");
    app.press("esc");
    assert_eq!(app.b().list.len(), all);
}

#[test]
fn late_answers_are_dropped() {
    let mut app = App::for_tests(120, 40);
    app.press("/");
    app.type_text("harbour");
    let narrow = app.b().list.len();
    // An answer to an older question (ticket 1) changes nothing.
    let window = crate::library::index::catalog::Window {
        total: Some(17),
        first: 0,
        rows: Vec::new(),
        selected: 0,
        gathered: None,
    };
    app.event(Event::Answer(crate::event::Answer::Window { ticket: 1, window: Ok(window) }));
    assert_eq!(app.b().list.len(), narrow);
}

#[test]
fn n_walks_matches_and_on_into_the_next_article() {
    let mut app = App::for_tests(100, 20);
    app.press("/");
    app.type_text("harbour");
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
    let all = app.b().list.len();
    app.press("s");
    app.press("/");
    app.type_text("is:bookmarked");
    assert_eq!(app.b().list.len(), 1);
    app.press("esc");
    app.press("enter");
    app.press("G");
    app.press("esc");
    app.press("U");
    assert_eq!(app.b().list.len(), all - 1);
    app.press("S");
    assert_eq!(app.search.sort, crate::library::index::catalog::SortOrder::Oldest);
    assert_eq!(app.b().list.len(), all - 1, "the filter stays with the order");
}

#[test]
fn marks_positions_and_the_view_are_stored() {
    let mut app = App::for_tests(100, 12);
    app.press("s");
    app.press("enter");
    app.press("j");
    app.press("j");
    app.press("esc");
    let id = app.b().list.selected_id().unwrap();
    assert_eq!(app.marks(id), (true, true), "bookmarked, and read by scrolling");
    let catalog = app.library.catalog.as_ref().unwrap();
    assert!(catalog.position(id).is_some());
    app.press("q");
    assert_eq!(app.store().session().unwrap()["selected"], id.to_string());
}

#[test]
fn a_restored_session_comes_back() {
    let library = crate::library::Library::sample();
    let target = library.articles.iter().find(|a| a.title.contains("seawall")).unwrap().id;
    let app = Headless::start(
        crate::library::files::Files::Sample.default_roots(),
        crate::library::LoadOptions {
            read: crate::library::load::ReadOptions::sample(),
            ..Default::default()
        },
        "sample library",
        100,
        16,
        |store| {
            for change in [
                Change::Read(target, true),
                Change::Bookmark(target, true),
                Change::Position(target, Some(Position { block: 3, offset: 0 })),
                Change::Session("selected".into(), target.to_string()),
                Change::Session("focus".into(), "reader".into()),
                Change::Session("sort".into(), "title".into()),
            ] {
                store.apply(&change).unwrap();
            }
        },
    );
    assert_eq!(app.search.sort, crate::library::index::catalog::SortOrder::Title);
    assert_eq!(app.current_article().unwrap().id, target);
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.b().reader.scroll() > 0, "reopened at the saved position");
    assert!(app.marks(target).1);
    assert_eq!(app.unread_count(), library.articles.len() - 1);
}

#[test]
fn quitting_from_the_list_keeps_the_saved_position() {
    let mut app = App::for_tests(110, 14);
    app.press("enter");
    for _ in 0..5 {
        app.press("j");
    }
    let id = app.current_article().unwrap().id;
    app.press("q");
    app.press("q");
    assert!(app.library.catalog.as_ref().unwrap().position(id).is_some());
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
                "p",
                "P",
                "O",
                "F",
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
            let s = browser.selection();
            prop_assert!(s.is_empty() || s.selected() < s.len());
            prop_assert!(browser.reader.scroll() <= browser.reader.max_scroll());
        }
        match app.screen() {
            Screen::Authors(index) => {
                let s = index.list.selection();
                prop_assert!(s.is_empty() || s.selected() < s.len());
            }
            Screen::People(index) => {
                let s = index.list.selection();
                prop_assert!(s.is_empty() || s.selected() < s.len());
                prop_assert!(index.list.visible().all(|(_, row)| row.is_some()));
            }
            Screen::Sources(index) => {
                let s = index.list.selection();
                prop_assert!(s.is_empty() || s.selected() < s.len());
                prop_assert!(index.list.visible().all(|(_, row)| row.is_some()));
            }
            Screen::PersonPage { browser, .. } => {
                let quotes = browser.quotes.as_ref().expect("a person page lists quotations");
                prop_assert!(quotes.visible().all(|(_, row)| row.is_some()));
            }
            Screen::Diagnostics(problems) => {
                let s = problems.selection();
                prop_assert!(s.is_empty() || s.selected() < s.len());
            }
            Screen::Articles(browser) | Screen::AuthorPage { browser, .. } => {
                // Every row on screen is read.
                prop_assert!(browser.list.visible().all(|(_, row)| row.is_some()));
            }
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
                app.resize(width, height);
                for key in keys {
                    app.press(key);
                    in_bounds(&app)?;
                    if app.mode() != Mode::Running {
                        return Ok(());
                    }
                }
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|frame| crate::ui::render(&app, frame)).unwrap();
            }
        }
    }
}

#[test]
fn bodies_are_read_when_shown_big_ones_on_the_side() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The harbour board met again and talked for a long time about dredging.\n\n";
    let big = format!(
        "title = \"A big report\"\nauthor = \"Ana Lind\"\ndate = \"2024-01-01\"\nbody = \"\"\"\n{}\"\"\"\n",
        paragraph.repeat(5000)
    );
    assert!(big.len() as u64 > READ_NOW_LIMIT);
    std::fs::write(dir.path().join("a.toml"), big).unwrap();
    let small = "title = \"B small note\"\nauthor = \"Ana Lind\"\ndate = \"2024-02-01\"\nbody = \"Short and read at once.\"\n";
    std::fs::write(dir.path().join("b.toml"), small).unwrap();
    let mut app = Headless::on(&[dir.path().to_path_buf()], 120, 40);
    // The newer, small one first: read as it is selected.
    assert_eq!(app.current_article().unwrap().body[0].text, "Short and read at once.");

    // The big one goes to the body worker; its summary stands in meanwhile.
    let key = |c| {
        Event::Term(TermEvent::Key(crossterm::event::KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
    };
    app.app.handle_event(key('j'));
    let effects = app.app.take_effects();
    let asked: Vec<&Article> = effects
        .iter()
        .filter_map(|e| if let Effect::LoadBody(summary) = e { Some(&**summary) } else { None })
        .collect();
    assert_eq!(asked.len(), 1);
    assert_eq!(app.current_article().unwrap().title, "A big report");
    assert!(app.current_article().unwrap().body.is_empty());
    let lines_before = app.b().reader.line_count();
    let article = crate::library::load::reload_article(asked[0], &Default::default());
    app.event(Event::Body { article: Box::new(article), stamp: None });
    assert_eq!(app.current_article().unwrap().body.len(), 5000);
    assert!(app.b().reader.line_count() > lines_before + 5000, "the reader laid the body out");
}

#[test]
fn the_selection_stays_on_its_article_as_the_library_changes() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, title: &str, date: &str| {
        let text = format!(
            "title = \"{title}\"\nauthor = \"Ana Lind\"\ndate = \"{date}\"\nbody = \"About {title}.\"\n"
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    };
    for (n, day) in (10..20).enumerate() {
        write(&format!("{n}.toml"), &format!("Story {n}"), &format!("2024-05-{day}"));
    }
    let mut app = Headless::on(&[dir.path().to_path_buf()], 100, 30);
    app.press("j");
    app.press("j");
    app.press("enter");
    let chosen = app.b().list.selected_id().unwrap();
    assert_eq!(app.current_article().unwrap().title, "Story 7");

    // Newer articles arrive above it: it moves down the list, still selected and open.
    app.change_files(|| {
        write("new-a.toml", "Fresh A", "2024-06-01");
        write("new-b.toml", "Fresh B", "2024-06-02");
    });
    assert_eq!(app.b().list.selected_id(), Some(chosen));
    assert_eq!(app.b().list.selection().selected(), 4);
    assert_eq!(app.current_article().unwrap().title, "Story 7");
    assert_eq!(app.b().list.len(), 12);

    // Its file goes: the selection moves to the article after where it was.
    app.change_files(|| std::fs::remove_file(dir.path().join("7.toml")).unwrap());
    assert_eq!(app.b().list.len(), 11);
    assert_eq!(app.b().list.selection().selected(), 4);
    assert_eq!(app.current_article().unwrap().title, "Story 6");
}

#[test]
fn people_index_person_page_and_a_quotation_opened_in_place() {
    let mut app = App::for_tests(120, 40);
    app.press("P");
    let Screen::People(index) = app.screen() else { panic!("no people index") };
    assert!(index.list.len() > 10, "the sample quotes many people");
    app.press("S");
    let Screen::People(index) = app.screen() else { panic!("still the index") };
    let counts: Vec<usize> = index.list.visible().filter_map(|(_, p)| p.map(|p| p.quotes)).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most quoted first: {counts:?}");
    app.press("/");
    app.type_text("johan lund");
    app.press("enter");
    let Screen::People(index) = app.screen() else { panic!("still the index") };
    assert_eq!(index.list.len(), 1);
    app.press("enter");
    let Screen::PersonPage { page, browser } = app.screen() else { panic!("no person page") };
    assert_eq!(page.name, "Johan Lund");
    let quotes = browser.quotes.as_ref().unwrap();
    assert_eq!(quotes.len(), page.quotes);
    assert!(page.quotes >= 2);
    // The reader previews the selected quotation, focused, in its article.
    app.press("j");
    let quote = app.b().selected_quote().unwrap().clone();
    assert_eq!(app.b().reader.article(), Some(quote.article));
    assert_eq!(app.b().reader.focused_quote(), Some(quote.n));
    let article = app.current_article().unwrap();
    assert_eq!(article.quotes[quote.n].speaker.as_deref(), Some("Johan Lund"));
    assert!(quote.excerpt.starts_with(article.quotes[quote.n].text.split_whitespace().next().unwrap()));
    app.press("enter");
    assert_eq!(app.focus(), Focus::Reader);
    let (first, _) = app.b().reader.wrapped().unwrap().quote_lines[quote.n];
    let reader = &app.b().reader;
    assert!(reader.scroll() <= first && first < reader.scroll() + reader.height(), "scrolled to it");
    app.press("esc");
    assert_eq!((app.depth(), app.focus()), (3, Focus::List));
    assert_eq!(app.b().selection().selected(), 1, "the page keeps its place");
    app.press("esc");
    assert!(matches!(app.screen(), Screen::People(_)));
}

#[test]
fn p_opens_the_person_of_the_focused_quotation() {
    let mut app = App::for_tests(120, 40);
    app.press("p");
    assert_eq!(app.depth(), 1, "no quotation focused yet");
    assert!(app.status.message().unwrap().text.contains("Focus a quotation"));
    app.press("]");
    let n = app.b().reader.focused_quote().unwrap();
    let speaker = app.current_article().unwrap().quotes[n].speaker.clone().expect("a named speaker");
    app.press("p");
    let Screen::PersonPage { page, .. } = app.screen() else { panic!("no person page") };
    assert_eq!(page.name, speaker);
    app.press("esc");
    app.press("\"");
    app.press("p");
    let Screen::PersonPage { page, .. } = app.screen() else { panic!("no person page from the panel") };
    assert_eq!(page.name, speaker);
}

#[test]
fn f_starts_one_fetch_at_a_time_and_failures_lead_the_problems_view() {
    use crate::event::FetchMsg;
    let mut app = App::for_tests(100, 30);
    app.press("F");
    assert_eq!(app.fetches, 1);
    assert_eq!(app.status.message().unwrap().text, "fetching…");
    app.press("F");
    assert_eq!(app.fetches, 1, "one fetch at a time");
    app.app.handle_event(Event::Fetch(FetchMsg::Progress { done: 1, total: 2, new: 3 }));
    app.settle();
    assert_eq!(app.status.message().unwrap().text, "fetching 1/2 · 3 new");
    let failures = vec![("Lost Feed".to_owned(), "404 Not Found".to_owned())];
    app.app.handle_event(Event::Fetch(FetchMsg::Done {
        summary: "2 feeds, 3 new articles, 1 failed".into(),
        failures,
    }));
    app.settle();
    assert!(app.status.message().unwrap().text.starts_with("2 feeds, 3 new articles, 1 failed"));
    app.press("!");
    let Screen::Diagnostics(problems) = app.screen() else { panic!("no problems view") };
    let first = problems.row(0).unwrap();
    assert_eq!(
        (first.path.to_string_lossy().as_ref(), first.message.as_str()),
        ("Lost Feed", "404 Not Found")
    );
    app.press("esc");
    app.press("F");
    assert_eq!(app.fetches, 2, "a new fetch once the last one is done");
}

#[test]
fn sources_view_counts_and_lists_a_source_s_articles() {
    let mut app = App::for_tests(120, 40);
    let articles = crate::library::Library::sample().articles;
    let mut sources: Vec<String> = articles.iter().filter_map(|a| a.source.clone()).collect();
    sources.sort();
    sources.dedup();
    app.press("O");
    let Screen::Sources(index) = app.screen() else { panic!("no sources view") };
    assert_eq!(index.list.len(), sources.len());
    let first = index.list.selected().unwrap().clone();
    let of_first = articles.iter().filter(|a| a.source.as_deref() == Some(first.name.as_str())).count();
    assert_eq!((first.articles, first.unread), (of_first, of_first));
    app.press("enter");
    assert!(matches!(app.screen(), Screen::Articles(_)));
    assert_eq!(app.depth(), 3, "a list of its own, above the sources view");
    assert_eq!(app.b().list.len(), of_first);
    // Reading one (a short article is read once opened) counts in the view.
    app.press("enter");
    assert!(app.marks(app.b().reader.article().unwrap()).0);
    app.press("esc");
    app.press("esc");
    let Screen::Sources(index) = app.screen() else { panic!("back to the sources") };
    let again = index.list.selected().unwrap();
    assert_eq!(again.name, first.name);
    assert_eq!(again.unread, of_first - 1);
    app.press("esc");
    assert_eq!(app.depth(), 1);
}

#[test]
fn a_wide_terminal_shows_the_selected_author_or_person_beside_the_index() {
    let mut app = App::for_tests(160, 40);
    app.press("A");
    let Screen::Authors(index) = app.screen() else { panic!("no authors index") };
    assert_eq!(index.preview.as_ref().map(|p| p.key.as_str()), index.selected_key());
    app.press("j");
    let Screen::Authors(index) = app.screen() else { panic!("no authors index") };
    assert_eq!(
        index.preview.as_ref().map(|p| p.key.as_str()),
        index.selected_key(),
        "it follows the selection"
    );
    app.press("P");
    let Screen::People(index) = app.screen() else { panic!("no people index") };
    let page = index.preview.as_ref().expect("a person's page beside the index");
    assert_eq!(Some(page.key.as_str()), index.selected_key());
    // Narrower, there is no room: no page is read.
    let mut narrow = App::for_tests(100, 40);
    narrow.press("P");
    let Screen::People(index) = narrow.screen() else { panic!("no people index") };
    assert!(index.preview.is_none());
}

#[test]
fn a_fetch_into_a_folder_the_library_leaves_out_says_where_the_articles_went() {
    use crate::event::FetchMsg;
    let mut app = App::for_tests(100, 30);
    app.app.fetching.setup = Some(crate::fetch::Setup {
        subscriptions: PathBuf::from("feeds.toml"),
        root: PathBuf::from("fetched"),
        options: crate::fetch::FetchOptions::from(&crate::config::FeedsConfig::default()),
    });
    app.app.fetching.outside = true;
    app.press("F");
    app.app.handle_event(Event::Fetch(FetchMsg::Done {
        summary: "1 feed, 2 new articles, 0 failed".into(),
        failures: Vec::new(),
    }));
    app.settle();
    let text = &app.status.message().unwrap().text;
    assert!(text.starts_with("1 feed, 2 new articles, 0 failed; stored in fetched,"), "{text}");
    assert!(text.contains("does not include"), "{text}");
}
