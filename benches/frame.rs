//! What a keypress costs: the update it causes plus drawing the frame, on
//! the sample library and on a 10,000-article one, at 200x50.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use broadsheet::action::Action;
use broadsheet::app::{App, Prefs};
use broadsheet::keymap::Keymap;
use broadsheet::library::load::{FileEntry, classify, parse_bytes};
use broadsheet::library::search::{Query, ScanIndex, SearchBackend};
use broadsheet::library::{Library, sample};
use broadsheet::text::{Decorations, ReaderStyle, layout_article};
use broadsheet::theme::Theme;

/// Name suffixes that keep the copies' authors apart (6 x 34 = 204).
const ROMAN: [&str; 34] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
    "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",
    "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV",
];

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// The sample library's files, copied until there are `articles` articles
/// (each copy's titles made unique so nothing is a duplicate).
fn library_of(articles: usize) -> Library {
    let files = sample::files();
    let mut outcomes = Vec::new();
    let mut count = 0;
    'outer: for copy in 0.. {
        for (path, bytes) in &files {
            let path = Path::new("bench").join(format!("{copy}")).join(path);
            let Some(kind) = classify(&path) else { continue };
            let mut outcome = parse_bytes(&path, kind, bytes, false);
            for article in &mut outcome.articles {
                article.title = format!("{} ({copy})", article.title);
                // Spread the copies over about 200 authors.
                for byline in &mut article.bylines {
                    byline.name = format!("{} {}", byline.name, ROMAN[copy % ROMAN.len()]);
                }
            }
            count += outcome.articles.len();
            outcomes.push((FileEntry { path, kind }, outcome));
            if count >= articles {
                break 'outer;
            }
        }
    }
    Library::build(outcomes, Vec::new())
}

fn app_with(library: Library) -> App {
    let prefs = Prefs::default();
    let mut app = App::new("bench", Keymap::default(), Theme::dark(), prefs);
    app.resize(Rect::new(0, 0, WIDTH, HEIGHT));
    app.install_library(library);
    app
}

fn key_to_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_to_frame");
    for (name, size) in [("sample", 17), ("10k", 10_000)] {
        let mut app = app_with(library_of(size));
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        let keys: [(&str, &[Action]); 4] = [
            ("j_k", &[Action::MoveDown, Action::MoveUp]),
            ("G_g", &[Action::Last, Action::First]),
            ("open_back", &[Action::Open, Action::Back]),
            ("page_in_reader", &[Action::PageDown, Action::PageUp]),
        ];
        for (label, actions) in keys {
            if label == "page_in_reader" {
                app.update(Action::Open);
            }
            group.bench_function(BenchmarkId::new(name, label), |b| {
                let mut i = 0;
                b.iter(|| {
                    app.update(actions[i % actions.len()]);
                    i += 1;
                    terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
                });
            });
            if label == "page_in_reader" {
                app.update(Action::Back);
            }
        }
    }
    group.finish();
}

/// Opening the authors index and an author page, then going back: the
/// update and the frame, on 10,000 articles by about 200 authors.
fn authors(c: &mut Criterion) {
    let mut app = app_with(library_of(10_000));
    assert!(app.library.library.authors.len() >= 200);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut group = c.benchmark_group("authors_10k");
    group.bench_function("open_index", |b| {
        b.iter(|| {
            app.update(Action::AuthorsIndex);
            terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
            app.update(Action::Back);
        });
    });
    // Newest first, the list starts with copies of a two-author article
    // (which asks whose page); move to one with a single author.
    while app.current_article().is_some_and(|a| a.bylines.len() != 1) {
        app.update(Action::MoveDown);
    }
    group.bench_function("open_page", |b| {
        b.iter(|| {
            app.update(Action::AuthorPage);
            assert_eq!(app.depth(), 2, "an author page, not a chooser");
            terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
            app.update(Action::Back);
        });
    });
    group.finish();
}

/// Searching 10,000 articles as the search worker does for each keystroke:
/// parse the query, scan the folded text (the index is built once).
fn search(c: &mut Criterion) {
    let library = library_of(10_000);
    let mut group = c.benchmark_group("search_10k");
    group.bench_function("build_index", |b| b.iter(|| ScanIndex::new(black_box(&library))));
    let index = ScanIndex::new(&library);
    for query in ["h", "harbour", "harbour night", "\"the harbour\" author:quist", "zzzz"] {
        group.bench_function(BenchmarkId::new("keystroke", query), |b| {
            b.iter(|| index.search(&Query::parse(black_box(query))))
        });
    }
    group.finish();
}

fn wrap_article(c: &mut Criterion) {
    let library = Library::sample();
    let longest = library.articles.iter().max_by_key(|a| a.words).unwrap();
    c.bench_function("layout_article/78_columns", |b| {
        b.iter(|| layout_article(black_box(longest), 78, &Decorations::default(), ReaderStyle::default()))
    });
}

fn load_library(c: &mut Criterion) {
    c.bench_function("build_library/1000_articles", |b| b.iter(|| library_of(black_box(1000))));
}

criterion_group!(benches, key_to_frame, authors, search, wrap_article, load_library);
criterion_main!(benches);
