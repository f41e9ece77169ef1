//! The library index stays what reading every file would give: after
//! files are added, changed, renamed and deleted, an index refreshed from
//! the files lists the same articles, authors and problems as a full
//! read, its full-text search agrees with the same search done in memory,
//! and a damaged index is rebuilt.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use broadsheet::library::author::AuthorKey;
use broadsheet::library::index::catalog::{AuthorSort, Catalog, ListSpec, Scope};
use broadsheet::library::index::{Index, Opened};
use broadsheet::library::search::{Query, folded};
use broadsheet::library::{Article, ArticleId, Library, LoadOptions};

/// Writes `text` to `root/name` and moves its modification time on, so the
/// change shows even on file systems with coarse timestamps.
fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    let before = fs::metadata(&path).and_then(|m| m.modified()).ok();
    fs::write(&path, text).unwrap();
    let later = before.map_or(SystemTime::now(), |t| t + Duration::from_secs(2));
    fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
}

/// A small library in every format, with quotes, bios, tags and an
/// authors file.
fn library(root: &Path) {
    write(
        root,
        "harbour/ferry.txt",
        "Ferry fares rise again\n\nBy Ines Vasquez\n\nThe ferry company raised fares for the third time.\n\n\
         “We had no choice,” said Tomas Berg, the company's director.\n\n\
         Ines Vasquez covers the harbour for the Ledger.\n",
    );
    write(
        root,
        "harbour/dredging.md",
        "+++\ntitle = \"Dredging starts in the outer basin\"\nauthor = \"Ines Vasquez\"\ndate = 2024-03-02\n\
         tags = [\"harbour\", \"works\"]\nsource = \"Harbour Ledger\"\n+++\n\n\
         Dredgers arrived on Monday.\n\n“It will be noisy,” the harbourmaster, Ana Lind, said.\n",
    );
    write(
        root,
        "town/library.toml",
        "title = \"The town library opens on Sundays\"\nauthors = [\"Oskar Holm\", \"Ines Vasquez\"]\n\
         date = 2024-05-10\nsource = \"Harbour Ledger\"\nbody = \"Readers asked for it for years.\"\n",
    );
    write(
        root,
        "town/briefs.jsonl",
        "{\"title\": \"Night bus returns\", \"author\": \"Oskar Holm\", \"date\": \"2024-06-01\", \"body\": \"The night bus runs again from June.\"}\n\
         {\"title\": \"Café on the quay closes\", \"author\": \"Marta Nowak\", \"date\": \"2024-06-02\", \"body\": \"The café served its last coffee on Friday.\"}\n",
    );
    write(
        root,
        "town/market.json",
        "{\"title\": \"Market moves indoors\", \"author\": \"Marta Nowak\", \"date\": \"2023-11-20\", \
         \"tags\": [\"town\"], \"body\": \"Stalls moved into the old cannery for the winter.\"}",
    );
    write(root, "authors.toml", "[authors.\"Oskar Holm\"]\nbio = \"Oskar Holm writes about the town.\"\n");
    write(root, "broken.toml", "title = \"Broken\nbody = 3\n");
}

/// What must agree between an index and a full read, order aside. An
/// article's bios, quote speakers and link are left out: summaries do not
/// hold them (the reader reads them from the file); the authors built from
/// them, compared below, keep all of it.
fn article_line(a: &Article) -> String {
    format!(
        "{} {} {:?} {:?} {:?} {:?} {:?} {} {} {} {:?}",
        a.id,
        a.path.display(),
        a.title,
        a.author_names().collect::<Vec<_>>(),
        a.date.map(|d| d.to_string()),
        a.source,
        a.tags,
        a.line,
        a.words,
        a.quote_count,
        a.warnings,
    )
}

/// An author, with their articles' ids (in any order: articles of the
/// same date may come in either) and dates (newest first).
fn author_line(
    name: &str,
    bio: &Option<String>,
    url: &Option<String>,
    quoted: &[(String, usize)],
    articles: &[&Article],
) -> String {
    let ids: BTreeSet<String> = articles.iter().map(|a| a.id.to_string()).collect();
    let dates: Vec<Option<String>> = articles.iter().map(|a| a.date.map(|d| d.to_string())).collect();
    format!("author {name} {bio:?} {url:?} {quoted:?} {ids:?} {dates:?}")
}

/// A full read, summed up.
fn summary_of_read(library: &Library) -> BTreeSet<String> {
    let articles = library.articles.iter().map(article_line);
    let authors = library.authors.iter().map(|a| {
        let articles: Vec<&Article> = a.articles.iter().map(|&i| &library.articles[i]).collect();
        author_line(&a.name, &a.bio, &a.url, &a.most_quoted, &articles)
    });
    let problems = library.diagnostics.iter().map(|d| format!("problem {d}"));
    let mut people: std::collections::BTreeMap<String, Vec<(ArticleId, usize)>> = Default::default();
    for article in &library.articles {
        for (n, quote) in article.quotes.iter().enumerate().filter(|(_, q)| q.depth == 0) {
            if let Some(speaker) = &quote.speaker {
                people.entry(AuthorKey::of(speaker).as_str().to_owned()).or_default().push((article.id, n));
            }
        }
    }
    let people = people.into_iter().map(|(key, quotes)| person_line(&key, quotes));
    articles.chain(authors).chain(problems).chain(people).collect()
}

/// A person quoted, with their quotations (article and place), in order.
fn person_line(key: &str, mut quotes: Vec<(ArticleId, usize)>) -> String {
    quotes.sort();
    let articles: BTreeSet<ArticleId> = quotes.iter().map(|q| q.0).collect();
    format!("person {key} {} quotes in {} articles: {quotes:?}", quotes.len(), articles.len())
}

/// Every id of a list, in order.
fn ids(catalog: &Catalog, spec: &ListSpec) -> Vec<ArticleId> {
    catalog.page_after(spec, None, usize::MAX >> 4).unwrap().rows.into_iter().map(|r| r.id).collect()
}

/// The index, summed up the same way through its query layer.
fn summary_of_index(catalog: &Catalog) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    for id in ids(catalog, &ListSpec::default()) {
        lines.insert(article_line(&catalog.summary(id).unwrap().unwrap()));
    }
    for row in catalog.authors_page(AuthorSort::Name, "", 0, 100_000).unwrap() {
        let page = catalog.author(&row.key).unwrap().unwrap();
        let spec = ListSpec { scope: Scope::Author(row.key.clone()), ..ListSpec::default() };
        let articles: Vec<Article> =
            ids(catalog, &spec).into_iter().map(|id| catalog.summary(id).unwrap().unwrap()).collect();
        assert_eq!(articles.len(), page.articles, "{} counts their articles", page.name);
        let articles: Vec<&Article> = articles.iter().collect();
        lines.insert(author_line(&page.name, &page.bio, &page.url, &page.most_quoted, &articles));
    }
    for problem in catalog.diagnostics(0, 100_000).unwrap() {
        lines.insert(format!("problem {problem}"));
    }
    let people = catalog.people_page(AuthorSort::Name, "", 0, 100_000).unwrap();
    assert_eq!(people.len(), catalog.people_count("").unwrap());
    for row in people {
        let page = catalog.person(&row.key).unwrap().unwrap();
        let quotes: Vec<(ArticleId, usize)> = catalog
            .person_quotes(&row.key, 0, 100_000)
            .unwrap()
            .into_iter()
            .map(|q| (q.article, q.n))
            .collect();
        assert_eq!((page.quotes, page.articles), (row.quotes, row.articles), "{}", row.name);
        lines.insert(person_line(&row.key, quotes));
    }
    lines
}

fn refreshed(index: &mut Index, root: &Path) -> Catalog {
    index.refresh(&[root.to_path_buf()], &LoadOptions::default(), |_, _, _| {}).unwrap();
    Catalog::open(index.path(), None).unwrap()
}

fn assert_same(index: &mut Index, root: &Path, when: &str) {
    let catalog = refreshed(index, root);
    let read = Library::load(&[root.to_path_buf()], LoadOptions::default());
    let (indexed_summary, read_summary) = (summary_of_index(&catalog), summary_of_read(&read));
    let only_indexed: Vec<_> = indexed_summary.difference(&read_summary).collect();
    let only_read: Vec<_> = read_summary.difference(&indexed_summary).collect();
    assert!(
        only_indexed.is_empty() && only_read.is_empty(),
        "{when}:\nonly in the index: {only_indexed:#?}\nonly read: {only_read:#?}"
    );
    let counts = catalog.counts().unwrap();
    assert_eq!(counts.articles, read.articles.len(), "{when}");
    assert_eq!(counts.errors, read.errors().count(), "{when}");
    assert_eq!(counts.named_authors, read.named_authors(), "{when}");
}

fn index_file(dir: &Path) -> PathBuf {
    dir.join("cache").join("library.db")
}

/// The library of [`library`], indexed.
struct Indexed {
    _dir: tempfile::TempDir,
    root: PathBuf,
    catalog: Catalog,
}

fn indexed() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let (mut index, _) = Index::open(&index_file(dir.path())).unwrap();
    let catalog = refreshed(&mut index, &root);
    Indexed { _dir: dir, root, catalog }
}

/// The titles of the articles matching `query` in the index.
fn found(catalog: &Catalog, query: &str) -> BTreeSet<String> {
    let spec = ListSpec { query: Query::parse(query), ..ListSpec::default() };
    catalog.page_after(&spec, None, 1000).unwrap().rows.into_iter().map(|r| r.title).collect()
}

#[test]
fn the_index_matches_a_full_read_through_adds_changes_renames_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let (mut index, opened) = Index::open(&index_file(dir.path())).unwrap();
    assert_eq!(opened, Opened::Created);
    assert_same(&mut index, &root, "first build");

    // Added: a new file, and a record appended to the JSON Lines file.
    write(
        &root,
        "sea/tides.txt",
        "Tide tables printed\n\nBy Marta Nowak\n\nThe tables are at the library.\n",
    );
    let mut briefs = fs::read_to_string(root.join("town/briefs.jsonl")).unwrap();
    briefs.push_str(
        "{\"title\": \"Pier lights fixed\", \"author\": \"Oskar Holm\", \"body\": \"All twelve work.\"}\n",
    );
    write(&root, "town/briefs.jsonl", &briefs);
    assert_same(&mut index, &root, "after adding");

    // Changed: new text, a new title (so a new id), a fixed broken file.
    write(
        &root,
        "harbour/ferry.txt",
        "Ferry fares rise again\n\nBy Ines Vasquez\n\nFares rose by a tenth.\n",
    );
    write(
        &root,
        "town/market.json",
        "{\"title\": \"Market stays outdoors\", \"author\": \"Marta Nowak\", \"body\": \"No move after all.\"}",
    );
    write(&root, "broken.toml", "title = \"Mended\"\nauthor = \"Ana Lind\"\nbody = \"Now it parses.\"\n");
    write(
        &root,
        "authors.toml",
        "[authors.\"Oskar Holm\"]\nbio = \"Oskar Holm writes about the town and its buses.\"\n",
    );
    assert_same(&mut index, &root, "after changing");

    // Renamed and moved: the same article under another path keeps its id.
    let before = refreshed(&mut index, &root);
    let id_of = |catalog: &Catalog, title: &str| {
        catalog
            .page_after(&ListSpec::default(), None, 100)
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.title == title)
            .map(|r| r.id)
    };
    fs::create_dir_all(root.join("archive")).unwrap();
    fs::rename(root.join("harbour/dredging.md"), root.join("archive/dredging-2024.md")).unwrap();
    assert_same(&mut index, &root, "after renaming");
    let after = Catalog::open(index.path(), None).unwrap();
    let title = "Dredging starts in the outer basin";
    assert_eq!(
        id_of(&after, title),
        id_of(&before, title),
        "a renamed file keeps its id (and reading state)"
    );

    // Deleted: a file, a whole directory, and the authors file.
    fs::remove_file(root.join("sea/tides.txt")).unwrap();
    fs::remove_dir_all(root.join("town")).unwrap();
    fs::remove_file(root.join("authors.toml")).unwrap();
    assert_same(&mut index, &root, "after deleting");

    // And nothing to do when nothing changed.
    let report = index.refresh(std::slice::from_ref(&root), &LoadOptions::default(), |_, _, _| {}).unwrap();
    assert_eq!((report.parsed, report.removed), (0, 0));
}

#[test]
fn duplicates_are_shown_once_and_come_back_when_the_original_goes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let text = "Same story\n\nBy Ana Lind\n\nThe same words in two places.\n";
    write(&root, "a.txt", text);
    write(&root, "b.txt", text);
    let (mut index, _) = Index::open(&index_file(dir.path())).unwrap();
    let catalog = refreshed(&mut index, &root);
    assert_eq!(catalog.counts().unwrap().articles, 1);
    let problems = catalog.diagnostics(0, 10).unwrap();
    assert!(problems.iter().any(|d| d.message.contains("duplicate of")), "{problems:?}");
    fs::remove_file(root.join("a.txt")).unwrap();
    let catalog = refreshed(&mut index, &root);
    let left = ids(&catalog, &ListSpec::default());
    assert_eq!(left.len(), 1, "the copy is the article now");
    assert!(catalog.summary(left[0]).unwrap().unwrap().path.ends_with("b.txt"));
    assert!(catalog.diagnostics(0, 10).unwrap().is_empty());
}

#[test]
fn a_damaged_index_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let path = index_file(dir.path());
    {
        let (mut index, _) = Index::open(&path).unwrap();
        refreshed(&mut index, &root);
    }
    fs::write(&path, b"this is not a database, it is a note about one").unwrap();
    let (mut index, opened) = Index::open(&path).unwrap();
    assert_eq!(opened, Opened::Rebuilt);
    assert_same(&mut index, &root, "after rebuilding");

    // A file of another schema version is rebuilt too.
    drop(index);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let (mut index, opened) = Index::open(&path).unwrap();
    assert_eq!(opened, Opened::Rebuilt);
    assert_same(&mut index, &root, "after a schema change");

    // So is an index whose full-text file is damaged, or gone.
    drop(index);
    let text = broadsheet::library::index::fulltext::path_of(&path);
    fs::write(&text, b"not a full-text index either").unwrap();
    let (mut index, opened) = Index::open(&path).unwrap();
    assert_eq!(opened, Opened::Rebuilt);
    assert_same(&mut index, &root, "after the full-text file was damaged");
    let market = BTreeSet::from(["Market moves indoors".to_owned()]);
    assert_eq!(found(&refreshed(&mut index, &root), "cannery"), market);
    drop(index);
    fs::remove_file(&text).unwrap();
    let (mut index, opened) = Index::open(&path).unwrap();
    assert_eq!(opened, Opened::Rebuilt);
    assert_same(&mut index, &root, "after the full-text file went");
    assert_eq!(found(&refreshed(&mut index, &root), "cannery"), market, "searched again");
}

#[test]
fn full_text_search_agrees_with_the_same_search_in_memory() {
    let Indexed { _dir, root, catalog } = indexed();
    let read = Library::load(std::slice::from_ref(&root), LoadOptions::default());
    let in_memory = |query: &Query| -> BTreeSet<String> {
        read.articles.iter().filter(|a| query.matches_text(&folded(a))).map(|a| a.title.clone()).collect()
    };
    for query in [
        "ferry",
        "FERRY",
        "cafe",
        "café",
        "\"night bus\"",
        "“last coffee”",
        "author:holm",
        "author:vasquez -library",
        "title:market",
        "tag:harbour",
        "source:ledger",
        "-ferry",
        "the",
        "harbourmaster lind",
        "\"bus night\"",
        "zebra",
        "",
    ] {
        assert_eq!(found(&catalog, query), in_memory(&Query::parse(query)), "query {query:?}");
    }
    // Words match from their start, as one types them.
    assert_eq!(found(&catalog, "dredg"), BTreeSet::from(["Dredging starts in the outer basin".to_owned()]));
    assert!(found(&catalog, "redging").is_empty(), "not from their middle");
}

#[test]
fn an_indexed_article_is_read_again_from_its_file() {
    let Indexed { _dir, root, catalog } = indexed();
    let id_of = |title: &str| {
        ids(&catalog, &ListSpec::default())
            .into_iter()
            .find(|&id| catalog.summary(id).unwrap().unwrap().title == title)
            .unwrap()
    };
    let read = |title: &str| {
        let summary = catalog.summary(id_of(title)).unwrap().unwrap();
        broadsheet::library::load::reload_article(&summary, &LoadOptions::default().read)
    };
    let full = read("Ferry fares rise again");
    assert!(full.has_body && full.body[0].text.starts_with("The ferry company raised"));
    assert_eq!(full.quotes.len(), 1);
    assert_eq!(full.id, id_of("Ferry fares rise again"));
    // authors.toml's bio wins over none at all, as in a full read.
    assert_eq!(
        read("Night bus returns").bylines[0].bio.as_deref(),
        Some("Oskar Holm writes about the town.")
    );

    // The file changed after it was indexed: the new text shows.
    write(
        &root,
        "harbour/ferry.txt",
        "Ferry fares rise again\n\nBy Ines Vasquez\n\nFares rose by a tenth.\n",
    );
    assert_eq!(read("Ferry fares rise again").body[0].text, "Fares rose by a tenth.");

    // Gone: the summary stays, with the problem as its text.
    fs::remove_file(root.join("harbour/ferry.txt")).unwrap();
    let full = read("Ferry fares rise again");
    assert_eq!(full.title, "Ferry fares rise again");
    assert!(full.body[0].text.contains("could not be read"), "{:?}", full.body);
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_round_trip() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    fs::create_dir_all(&root).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 menu.txt");
    fs::write(root.join(name), "The cafe menu\n\nBy Ana Lind\n\nSoup on Fridays.\n").unwrap();
    let (mut index, _) = Index::open(&index_file(dir.path())).unwrap();
    let catalog = refreshed(&mut index, &root);
    let all = ids(&catalog, &ListSpec::default());
    assert_eq!(all.len(), 1);
    let summary = catalog.summary(all[0]).unwrap().unwrap();
    assert_eq!(summary.path, root.join(name));
    let full = broadsheet::library::load::reload_article(&summary, &LoadOptions::default().read);
    assert_eq!(full.body[0].text, "Soup on Fridays.");
    // Unchanged on the next look; gone when deleted.
    let report = index.refresh(std::slice::from_ref(&root), &LoadOptions::default(), |_, _, _| {}).unwrap();
    assert_eq!((report.parsed, report.unchanged), (0, 1));
    fs::remove_file(root.join(name)).unwrap();
    assert_eq!(refreshed(&mut index, &root).counts().unwrap().articles, 0);
}

#[test]
fn queries_full_of_fts5_syntax_are_just_words() {
    let Indexed { _dir, catalog, .. } = indexed();
    let all = catalog.counts().unwrap().articles;
    for query in [
        "AND",
        "OR",
        "NOT",
        "NEAR(ferry",
        "(",
        ")",
        "*",
        "^ferry",
        "\"",
        "\"\"",
        "title:",
        "author:\"",
        "a-b",
        "e.g.",
        "x:y",
        "ferry OR market",
        "{title}: ferry",
        "ferry*",
        "-",
        "--",
        "\u{0}",
        "ﬁsh",
        "ΣΑΣ",
    ] {
        let spec = ListSpec { query: Query::parse(query), ..ListSpec::default() };
        let count = catalog.count(&spec).unwrap_or_else(|e| panic!("query {query:?}: {e}"));
        let hits = catalog.page_after(&spec, None, 100).unwrap().rows;
        assert!(count <= all && hits.len() == count, "query {query:?}");
    }
    // Operators are words like any other, not operators.
    assert!(found(&catalog, "ferry OR zebra").is_empty(), "OR is a word that must match too");
}

#[test]
fn people_come_from_the_quotations_with_their_outlets_authors_and_places() {
    let Indexed { catalog, .. } = indexed();
    let people = catalog.people_page(AuthorSort::Name, "", 0, 100).unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Lind", "Tomas Berg"]);
    assert_eq!(catalog.people_page(AuthorSort::Name, "berg", 0, 100).unwrap()[0].name, "Tomas Berg");
    assert_eq!(catalog.people_count("LIND").unwrap(), 1, "the filter ignores case");
    assert_eq!(catalog.person_position(AuthorSort::Name, "", "tomas berg").unwrap(), Some(1));

    let ana = catalog.person(&people[0].key).unwrap().unwrap();
    assert_eq!((ana.quotes, ana.articles), (1, 1));
    assert_eq!(ana.sources, [("Harbour Ledger".to_owned(), 1)]);
    assert_eq!(ana.quoted_by, [("Ines Vasquez".to_owned(), 1)]);
    assert_eq!(ana.last_date.map(|d| d.to_string()).as_deref(), Some("2024-03-02"));
    assert_eq!(ana.author, None, "Ana Lind writes nothing that loads");
    let quotes = catalog.person_quotes(&ana.key, 0, 10).unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].title, "Dredging starts in the outer basin");
    assert_eq!(quotes[0].n, 0);
    assert_eq!(quotes[0].excerpt, "It will be noisy,");

    assert_eq!(
        found(&catalog, "speaker:lind"),
        BTreeSet::from(["Dredging starts in the outer basin".to_owned()])
    );
    assert_eq!(
        found(&catalog, "speaker:\"tomas berg\""),
        BTreeSet::from(["Ferry fares rise again".to_owned()])
    );
    assert!(found(&catalog, "speaker:vasquez").is_empty(), "an author is not a speaker");
}

/// A dataset of `rows` rows (more than one part of the scan, so stored
/// over several parts and chunks), every 97th row repeating the first.
fn dataset(rows: usize, date_day: usize) -> String {
    let mut csv = String::from("id,title,author,date,content\n");
    for i in 0..rows {
        let n = if i % 97 == 96 { 0 } else { i };
        csv.push_str(&format!(
            "{n},\"Tide report {n}\",\"{} Aalto\",2024-03-{:02},\"Water rose {n} cm.\n\n“High again,” said Lena Varga.\"\n",
            ["Kai", "Oona", "Pia"][n % 3],
            1 + (n + date_day) % 28,
        ));
    }
    csv
}

#[test]
fn a_dataset_stored_in_many_parts_matches_a_full_read_and_follows_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    write(&root, "data/tides.csv", &dataset(9000, 0));
    let (mut index, _) = Index::open(&index_file(dir.path())).unwrap();
    assert_same(&mut index, &root, "a dataset first indexed");
    let counts = Catalog::open(index.path(), None).unwrap().counts().unwrap();
    assert!(counts.articles > 8900, "{} articles", counts.articles);

    // Fewer rows, other dates: every part is replaced.
    write(&root, "data/tides.csv", &dataset(5000, 3));
    assert_same(&mut index, &root, "after the dataset changed");
}

#[test]
fn an_index_built_from_nothing_makes_the_articles_indexes_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let path = index_file(dir.path());
    let indexes = || -> i64 {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_by_%'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (mut index, _) = Index::open(&path).unwrap();
    assert_eq!(indexes(), 4, "made with the tables");
    let options = LoadOptions::default();
    let plan = index.plan_refresh(std::slice::from_ref(&root), &options).unwrap();
    assert_eq!(indexes(), 0, "left out while an empty index is filled");
    // Stopped before it ended: the next writer to open it makes them.
    drop(plan);
    drop(index);
    let (mut index, _) = Index::open(&path).unwrap();
    assert_eq!(indexes(), 4);
    assert_same(&mut index, &root, "built from nothing");
    assert_eq!(indexes(), 4, "made when the build ended");
    // A refresh of an index with articles keeps them throughout.
    write(
        &root,
        "sea/tides.txt",
        "Tide tables printed\n\nBy Marta Nowak\n\nThe tables are at the library.\n",
    );
    let plan = index.plan_refresh(std::slice::from_ref(&root), &options).unwrap();
    assert_eq!(indexes(), 4);
    drop(plan);
}
