//! The library index: parsing a file, building the index, refreshing it
//! when nothing changed, the pages and counts the lists read, and
//! full-text queries, on a generated library of 2,000 articles.
//! (`scripts/bench.sh` gives the same figures at 100,000 and 1,000,000.)

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

use broadsheet::library::index::Index;
use broadsheet::library::index::catalog::{Anchor, Catalog, ListSpec, SortOrder};
use broadsheet::library::load::{FileEntry, classify, read_file};
use broadsheet::library::search::Query;
use broadsheet::library::{Detail, LoadOptions, identity};

const ARTICLES: usize = 2000;

const WORDS: [&str; 24] = [
    "harbour",
    "council",
    "ferry",
    "tide",
    "market",
    "school",
    "budget",
    "bridge",
    "festival",
    "library",
    "fishing",
    "weather",
    "repairs",
    "islands",
    "winter",
    "summer",
    "quay",
    "station",
    "orchestra",
    "nurses",
    "timetable",
    "breakwater",
    "cannery",
    "residents",
];

/// A small deterministic generator (xorshift), so every run writes the
/// same library.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        WORDS[(self.0 % WORDS.len() as u64) as usize]
    }
}

/// Writes `ARTICLES` plain-text articles of about 600 words, with quotes.
fn write_library(root: &Path) {
    let mut words = Words(0x5eed);
    for n in 0..ARTICLES {
        let dir = root.join(format!("{:02}", n % 40));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text =
            format!("The {} and the {} (report {n})\n\nBy Writer {}\n\n", words.next(), words.next(), n % 50);
        for paragraph in 0..12 {
            for _ in 0..5 {
                text.push_str(&format!(
                    "The {} {} the {} near the {}. ",
                    words.next(),
                    words.next(),
                    words.next(),
                    words.next()
                ));
            }
            if paragraph % 4 == 1 {
                text.push_str(&format!("\n\n“The {} will wait,” said Speaker {}.", words.next(), n % 7));
            }
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("{n:05}.txt")), text).unwrap();
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    index: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    write_library(&root);
    let index = dir.path().join("index.db");
    let (mut built, _) = Index::open(&index).unwrap();
    built.refresh(std::slice::from_ref(&root), &LoadOptions::default(), |_, _, _| {}).unwrap();
    Fixture { _dir: dir, root, index }
}

fn parse(c: &mut Criterion, fixture: &Fixture) {
    let path = fixture.root.join("00").join("00000.txt");
    let entry = FileEntry { kind: classify(&path).unwrap(), path };
    c.bench_function("parse/one_article_with_quotes", |b| {
        b.iter(|| {
            let mut outcome = read_file(black_box(&entry), &Default::default());
            let parsed = outcome.articles.remove(0);
            identity::finish(&entry, parsed, Detail::Full)
        })
    });
}

fn index(c: &mut Criterion, fixture: &Fixture) {
    let roots = [fixture.root.clone()];
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("index_2000");
    group.sample_size(10);
    group.bench_function("build", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let (mut index, _) = Index::open(&dir.path().join("index.db")).unwrap();
                index.refresh(&roots, &options, |_, _, _| {}).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    let (mut index, _) = Index::open(&fixture.index).unwrap();
    group.bench_function("refresh_unchanged", |b| {
        b.iter(|| index.refresh(&roots, &options, |_, _, _| {}).unwrap())
    });
    group.finish();
}

/// What the lists ask of the index: a page, the next one, a list placed
/// on an article deep in it, counts; in each order.
fn lists(c: &mut Criterion, fixture: &Fixture) {
    let catalog = Catalog::open(&fixture.index, None).unwrap();
    let mut group = c.benchmark_group("lists_2000");
    for order in SortOrder::ALL {
        let spec = ListSpec { order, ..ListSpec::default() };
        let first = catalog.page_after(&spec, None, 60).unwrap();
        let cursor = first.rows.last().unwrap().cursor.clone();
        let deep = catalog.page_at(&spec, 1500, 1).unwrap()[0].id;
        let label = order.label().replace(' ', "_");
        group.bench_function(BenchmarkId::new("first_page", &label), |b| {
            b.iter(|| catalog.page_after(black_box(&spec), None, 60).unwrap())
        });
        group.bench_function(BenchmarkId::new("next_page", &label), |b| {
            b.iter(|| catalog.page_after(black_box(&spec), Some(&cursor), 60).unwrap())
        });
        group.bench_function(BenchmarkId::new("window_on_deep_article", &label), |b| {
            let anchor = Anchor { id: Some(deep), ..Anchor::default() };
            b.iter(|| catalog.window(black_box(&spec), &anchor, 50).unwrap())
        });
    }
    group.bench_function("counts", |b| b.iter(|| catalog.counts().unwrap()));
    group.finish();
}

/// A search as the query worker answers it: its length and first rows.
fn query(c: &mut Criterion, fixture: &Fixture) {
    let catalog = Catalog::open(&fixture.index, None).unwrap();
    let mut group = c.benchmark_group("fts_2000");
    for query in ["h", "harb", "harbour", "\"the ferry\"", "harbour -ferry", "author:writer", "zzz"] {
        let spec = ListSpec { query: Query::parse(query), ..ListSpec::default() };
        group.bench_function(BenchmarkId::new("query", query), |b| {
            b.iter(|| catalog.window(black_box(&spec), &Anchor::default(), 50).unwrap())
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let fixture = fixture();
    parse(c, &fixture);
    index(c, &fixture);
    lists(c, &fixture);
    query(c, &fixture);
}

criterion_group!(all, benches);
criterion_main!(all);
