//! What a keypress costs: the update it causes (reading the rows it needs
//! from the index) plus drawing the frame, on the sample library and on a
//! 10,000-article one, at 200x50; and what a search keystroke asks of the
//! index. (`scripts/bench.sh` measures the same through a real terminal
//! at 100,000 and 1,000,000 articles.)

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use broadsheet::app::{App, Headless};
use broadsheet::library::index::catalog::{Anchor, Catalog, ListSpec};
use broadsheet::library::search::Query;
use broadsheet::library::{Library, sample};
use broadsheet::text::{Decorations, ReaderStyle, layout_article};

/// Name suffixes that keep the copies' authors apart (34 x the sample's).
const ROMAN: [&str; 34] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
    "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",
    "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV",
];

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// The sample's plain-text articles copied into `dir` until there are
/// `articles`, each copy's title made unique (so nothing is a duplicate)
/// and its author one of a few hundred.
fn library_of(dir: &Path, articles: usize) -> PathBuf {
    let texts: Vec<String> = sample::files()
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "txt"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut written = 0;
    'copies: for copy in 0.. {
        let folder = dir.join(format!("{:04}", copy / 100));
        std::fs::create_dir_all(&folder).unwrap();
        for (n, text) in texts.iter().enumerate() {
            let mut lines = text.lines();
            let title = lines.next().unwrap_or_default().trim();
            let rest: Vec<String> = lines
                .map(|line| match line.strip_prefix("By ") {
                    Some(name) => format!("By {name} {}", ROMAN[copy % ROMAN.len()]),
                    None => line.to_owned(),
                })
                .collect();
            let body = format!("{title} ({copy})\n{}\n", rest.join("\n"));
            std::fs::write(folder.join(format!("{copy}-{n}.txt")), body).unwrap();
            written += 1;
            if written >= articles {
                break 'copies;
            }
        }
    }
    dir.to_path_buf()
}

fn key_to_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_to_frame");
    let dir = tempfile::tempdir().unwrap();
    let apps = [
        ("sample", Headless::sample(WIDTH, HEIGHT)),
        ("10k", Headless::on(&[library_of(dir.path(), 10_000)], WIDTH, HEIGHT)),
    ];
    for (name, mut app) in apps {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        let keys: [(&str, [&str; 2]); 4] = [
            ("j_k", ["j", "k"]),
            ("G_g", ["G", "g"]),
            ("open_back", ["enter", "esc"]),
            ("page_in_reader", ["pagedown", "pageup"]),
        ];
        for (label, pair) in keys {
            if label == "page_in_reader" {
                app.press("enter");
            }
            group.bench_function(BenchmarkId::new(name, label), |b| {
                let mut i = 0;
                b.iter(|| {
                    app.press(pair[i % 2]);
                    i += 1;
                    terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
                });
            });
            if label == "page_in_reader" {
                app.press("esc");
            }
        }
    }
    group.finish();
}

/// Opening the authors index and an author page, then going back: the
/// update and the frame, on 10,000 articles by a few hundred authors.
fn authors(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Headless::on(&[library_of(dir.path(), 10_000)], WIDTH, HEIGHT);
    assert!(app.library.counts.unwrap().named_authors >= 200);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut group = c.benchmark_group("authors_10k");
    group.bench_function("open_index", |b| {
        b.iter(|| {
            app.press("A");
            terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
            app.press("esc");
        });
    });
    // Move to an article with a single author (two ask whose page).
    while app.current_article().is_some_and(|a| a.bylines.len() != 1) {
        app.press("j");
    }
    group.bench_function("open_page", |b| {
        b.iter(|| {
            app.press("a");
            assert_eq!(app.depth(), 2, "an author page, not a chooser");
            terminal.draw(|frame| broadsheet::ui::render(&app, frame)).unwrap();
            app.press("esc");
        });
    });
    group.finish();
}

/// What the query worker does for a search keystroke on 10,000 articles:
/// the list's length and its first rows, newest first.
fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let app: Headless = Headless::on(&[library_of(dir.path(), 10_000)], WIDTH, HEIGHT);
    let app: &App = &app;
    let catalog: &Catalog = app.library.catalog.as_ref().unwrap();
    let mut group = c.benchmark_group("search_10k");
    for query in ["har", "harbour", "harbour night", "\"the harbour\" author:quist", "zzzz"] {
        let spec = ListSpec { query: Query::parse(query), ..ListSpec::default() };
        group.bench_function(BenchmarkId::new("keystroke", query), |b| {
            b.iter(|| catalog.window(black_box(&spec), &Anchor::default(), 50).unwrap())
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

criterion_group!(benches, key_to_frame, authors, search, wrap_article);
criterion_main!(benches);
