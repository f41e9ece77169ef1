//! The library index: parsing a file, building the index, refreshing it
//! when nothing changed, reading the summaries back, the first page, and
//! full-text queries, on a generated library of 2,000 articles.
//! (`scripts/bench.sh` gives the same figures at 100,000.)

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

use broadsheet::library::index::{FtsIndex, Index};
use broadsheet::library::load::{FileEntry, classify, read_file};
use broadsheet::library::search::{Query, SearchBackend};
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
    group.bench_function("load_summaries", |b| b.iter(|| index.load().unwrap()));
    group.bench_function("newest_200", |b| b.iter(|| index.newest(200).unwrap()));
    group.finish();
}

fn query(c: &mut Criterion, fixture: &Fixture) {
    let (index, _) = Index::open(&fixture.index).unwrap();
    let library = Arc::new(index.load().unwrap());
    let fts = FtsIndex::open(&fixture.index, library).unwrap();
    let mut group = c.benchmark_group("fts_2000");
    for query in ["h", "harb", "harbour", "\"the ferry\"", "harbour -ferry", "author:writer", "zzz"] {
        let parsed = Query::parse(query);
        group.bench_function(BenchmarkId::new("query", query), |b| b.iter(|| fts.search(black_box(&parsed))));
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let fixture = fixture();
    parse(c, &fixture);
    index(c, &fixture);
    query(c, &fixture);
}

criterion_group!(all, benches);
criterion_main!(all);
