//! The lists read from the index a window at a time are the lists a full
//! read would give: on random libraries and random reading state, every
//! order, filter, search and author page, read by scrolling through a
//! small window (and by jumping), has the same articles in the same order
//! as the same list worked out in memory from every article; and a list
//! placed on an article finds it where the full list has it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use proptest::prelude::*;

use broadsheet::library::author::AuthorKey;
use broadsheet::library::index::Index;
use broadsheet::library::index::catalog::{Anchor, Catalog, ListRow, ListSpec, Scope, SortOrder};
use broadsheet::library::index::order::FIRST_DATED_ROW;
use broadsheet::library::search::{Query, folded};
use broadsheet::library::{Article, ArticleId, Library, LoadOptions};
use broadsheet::state::{Fetch, ListWindow, Motion};
use broadsheet::store::{Change, Store};

const WORDS: [&str; 10] =
    ["harbour", "ferry", "council", "market", "tide", "night", "bus", "café", "rain", "Över"];
const AUTHORS: [&str; 6] = ["Ann Lee", "ann lee", "Bo Park", "Zoë Vik", "ÅSA BERG", "Åsa Berg"];
const DATES: [&str; 5] =
    ["2024-03-01", "2024-03-01T09:30:00Z", "2023-12-31", "2025-07-04T23:00:00+02:00", "1999-01-01"];

/// One generated article: its words and facts, by index into the tables.
#[derive(Debug, Clone)]
struct Spec {
    title: Vec<usize>,
    authors: Vec<usize>,
    date: Option<usize>,
    tags: Vec<usize>,
    body: Vec<usize>,
    read: bool,
    bookmarked: bool,
}

fn article() -> impl Strategy<Value = Spec> {
    let word = 0..WORDS.len();
    (
        prop::collection::vec(word.clone(), 1..4),
        prop::collection::vec(0..AUTHORS.len(), 0..3),
        prop::option::of(0..DATES.len()),
        prop::collection::vec(word.clone(), 0..2),
        prop::collection::vec(word, 0..12),
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(title, authors, date, tags, body, read, bookmarked)| Spec {
            title,
            authors,
            date,
            tags,
            body,
            read,
            bookmarked,
        })
}

/// A word of the table, or its start.
fn word_or_start() -> impl Strategy<Value = String> {
    (0..WORDS.len(), 1usize..8).prop_map(|(w, n)| WORDS[w].chars().take(n).collect())
}

/// A query of one to three terms in the language's forms.
fn query() -> impl Strategy<Value = String> {
    let term = prop_oneof![
        word_or_start(),
        word_or_start().prop_map(|w| format!("-{w}")),
        (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("\"{} {}\"", WORDS[a], WORDS[b])),
        word_or_start().prop_map(|w| format!("title:{w}")),
        (0..AUTHORS.len()).prop_map(|a| format!("author:{}", AUTHORS[a].split(' ').nth(1).unwrap_or("x"))),
        word_or_start().prop_map(|w| format!("tag:{w}")),
        prop::sample::select(vec!["is:unread", "is:read", "is:bookmarked", "-is:read", "source:ledger"])
            .prop_map(str::to_owned),
    ];
    prop::collection::vec(term, 0..4).prop_map(|terms| terms.join(" "))
}

/// A list to look at: its order, filters, search and (maybe) author.
#[derive(Debug, Clone)]
struct Look {
    order: SortOrder,
    unread_only: bool,
    bookmarked_only: bool,
    query: String,
    author: Option<usize>,
    /// How many rows the screen has, and where to jump to (a fraction).
    screen: usize,
    jump: f64,
}

fn look() -> impl Strategy<Value = Look> {
    (
        prop::sample::select(SortOrder::ALL.to_vec()),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.2),
        query(),
        prop::option::weighted(0.3, 0..AUTHORS.len()),
        1usize..6,
        0.0f64..1.0,
    )
        .prop_map(|(order, unread_only, bookmarked_only, query, author, screen, jump)| Look {
            order,
            unread_only,
            bookmarked_only,
            query,
            author,
            screen,
            jump,
        })
}

/// Writes the articles as TOML files (so they go through the real
/// readers), with unique titles.
fn write_library(dir: &Path, articles: &[Spec]) {
    for (n, a) in articles.iter().enumerate() {
        let title: Vec<&str> = a.title.iter().map(|&w| WORDS[w]).collect();
        let authors: Vec<String> = a.authors.iter().map(|&i| format!("{:?}", AUTHORS[i])).collect();
        let tags: Vec<String> = a.tags.iter().map(|&w| format!("{:?}", WORDS[w])).collect();
        let body: Vec<&str> = a.body.iter().map(|&w| WORDS[w]).collect();
        let mut text = format!("title = \"{} {n}\"\nauthors = [{}]\n", title.join(" "), authors.join(", "));
        if let Some(d) = a.date {
            text.push_str(&format!("date = \"{}\"\n", DATES[d]));
        }
        text.push_str(&format!(
            "source = \"The Ledger\"\ntags = [{}]\nbody = \"{} end.\"\n",
            tags.join(", "),
            body.join(" ")
        ));
        std::fs::write(dir.join(format!("{n:03}.toml")), text).unwrap();
    }
}

/// The list `spec` worked out in memory from every article, given each
/// article's row (its place in date order, which the index assigns) and
/// reading state.
fn reference(
    library: &Library,
    rows: &HashMap<ArticleId, i64>,
    marks: &HashMap<ArticleId, (bool, bool)>,
    spec: &ListSpec,
) -> Vec<ArticleId> {
    let mut chosen: Vec<&Article> = library
        .articles
        .iter()
        .filter(|a| {
            let (read, bookmarked) = marks.get(&a.id).copied().unwrap_or_default();
            let scoped = match &spec.scope {
                Scope::All => true,
                Scope::Author(key) if key.is_empty() => a.bylines.is_empty(),
                Scope::Author(key) => a.bylines.iter().any(|b| AuthorKey::of(&b.name).as_str() == key),
            };
            scoped
                && spec.query.matches_text(&folded(a))
                && spec.query.matches_state(read, bookmarked)
                && !(spec.unread_only && read)
                && (!spec.bookmarked_only || bookmarked)
        })
        .collect();
    let row = |a: &Article| rows[&a.id];
    let read = |a: &Article| marks.get(&a.id).is_some_and(|m| m.0);
    let title = |a: &Article| broadsheet::library::index::order::title_order(&a.title, row(a));
    let author = |a: &Article| {
        let first = a.bylines.first().map(|b| AuthorKey::of(&b.name));
        broadsheet::library::index::order::author_order(first.as_ref().map(AuthorKey::as_str), row(a))
    };
    match spec.order {
        SortOrder::Newest => chosen.sort_by_key(|a| std::cmp::Reverse(row(a))),
        SortOrder::Oldest => chosen.sort_by_key(|a| (row(a) < FIRST_DATED_ROW, row(a))),
        SortOrder::Title => chosen.sort_by_key(|a| title(a)),
        SortOrder::Author => chosen.sort_by_key(|a| author(a)),
        SortOrder::UnreadFirst => chosen.sort_by_key(|a| (read(a), std::cmp::Reverse(row(a)))),
    }
    chosen.into_iter().map(|a| a.id).collect()
}

/// Reads what a window asks for, as the app does.
fn read(catalog: &Catalog, spec: &ListSpec, fetch: &Fetch) -> Vec<ListRow> {
    match fetch {
        Fetch::After { cursor, count } => catalog.page_after(spec, Some(cursor), *count).unwrap().rows,
        Fetch::Before { cursor, count } => catalog.page_before(spec, Some(cursor), *count).unwrap().rows,
        Fetch::Last { count } => catalog.page_before(spec, None, *count).unwrap().rows,
        Fetch::At { position, count } => catalog.page_at(spec, *position, *count).unwrap(),
        Fetch::Gathered { rows, .. } => catalog.rows_at(rows).unwrap(),
    }
}

fn fill(window: &mut ListWindow, catalog: &Catalog) {
    while let Some(fetch) = window.wanted() {
        let rows = read(catalog, &window.spec().clone(), &fetch);
        window.take(&fetch, rows);
    }
}

/// The list as a window shows it: opened at the top, scrolled down a
/// screen at a time to the end; and the same list seen from a jump to
/// the end and back up, and from a jump into its middle.
fn scrolled(catalog: &Catalog, spec: &ListSpec, look: &Look) -> Vec<Vec<Option<ArticleId>>> {
    let open = |anchor: Anchor| {
        let mut window = ListWindow::new(spec.clone());
        window.set_visible_rows(look.screen);
        window.expect(1);
        window.install(1, catalog.window(spec, &anchor, 2).unwrap());
        // A search comes uncounted; its count follows, as from the worker.
        if !window.is_counted() {
            window.set_total(1, catalog.count(spec).unwrap());
        }
        fill(&mut window, catalog);
        window
    };
    let mut window = open(Anchor::default());
    let len = window.len();
    let at = |window: &mut ListWindow, position: usize| {
        window.select(position);
        fill(window, catalog);
        window.selected_id()
    };
    let down: Vec<Option<ArticleId>> = (0..len).map(|p| at(&mut window, p)).collect();
    window.apply(Motion::Last);
    fill(&mut window, catalog);
    let mut up: Vec<Option<ArticleId>> = (0..len).rev().map(|p| at(&mut window, p)).collect();
    up.reverse();
    // A jump far from what is cached reads by position.
    let mut jumped = vec![None; len];
    let mut window = open(Anchor::default());
    if len > 0 {
        let target = ((len - 1) as f64 * look.jump) as usize;
        for (position, slot) in jumped.iter_mut().enumerate().skip(target).take(3) {
            *slot = at(&mut window, position);
        }
    }
    // Scrolled before it is counted, a search's list grows as it is read.
    let mut window = ListWindow::new(spec.clone());
    window.set_visible_rows(look.screen);
    window.expect(1);
    window.install(1, catalog.window(spec, &Anchor::default(), 2).unwrap());
    fill(&mut window, catalog);
    let mut uncounted = Vec::new();
    let mut position = 0;
    while position < window.len() {
        uncounted.push(at(&mut window, position));
        position += 1;
    }
    vec![down, up, jumped, uncounted]
}

fn check(articles: &[Spec], looks: &[Look]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    std::fs::create_dir(&root).unwrap();
    write_library(&root, articles);
    let (mut index, _) = Index::open(&dir.path().join("index.db")).unwrap();
    index.refresh(std::slice::from_ref(&root), &LoadOptions::default(), |_, _, _| {}).unwrap();
    let library = Library::load(std::slice::from_ref(&root), LoadOptions::default());
    let store = Store::in_memory().unwrap();
    let mut marks = HashMap::new();
    for (n, spec) in articles.iter().enumerate() {
        let Some(a) = library.articles.iter().find(|a| a.title.ends_with(&format!(" {n}"))) else { continue };
        store.apply(&Change::Read(a.id, spec.read)).unwrap();
        store.apply(&Change::Bookmark(a.id, spec.bookmarked)).unwrap();
        marks.insert(a.id, (spec.read, spec.bookmarked));
    }
    let catalog = Catalog::open(index.path(), Some(store.uri())).unwrap();
    let rows: HashMap<ArticleId, i64> =
        library.articles.iter().map(|a| (a.id, catalog.row_of(a.id).unwrap().expect("indexed"))).collect();
    prop_assert_eq!(rows.values().collect::<HashSet<_>>().len(), library.articles.len(), "rows are unique");
    // Rows follow dates: undated below every dated one, older below newer.
    for a in &library.articles {
        for b in &library.articles {
            match (a.date, b.date) {
                (None, Some(_)) => prop_assert!(rows[&a.id] < rows[&b.id]),
                (Some(x), Some(y)) if x.order_key() < y.order_key() => {
                    prop_assert!(rows[&a.id] < rows[&b.id])
                }
                _ => {}
            }
        }
    }
    for look in looks {
        let scope = match look.author {
            Some(i) => Scope::Author(AuthorKey::of(AUTHORS[i]).as_str().to_owned()),
            None => Scope::All,
        };
        let spec = ListSpec {
            scope,
            order: look.order,
            unread_only: look.unread_only,
            bookmarked_only: look.bookmarked_only,
            query: Query::parse(&look.query),
        };
        let expected = reference(&library, &rows, &marks, &spec);
        prop_assert_eq!(catalog.count(&spec).unwrap(), expected.len(), "count of {:?}", &spec);
        let ways = scrolled(&catalog, &spec, look);
        let all: Vec<Option<ArticleId>> = expected.iter().copied().map(Some).collect();
        prop_assert_eq!(&ways[0], &all, "scrolling down {:?}", &spec);
        prop_assert_eq!(&ways[1], &all, "scrolling up {:?}", &spec);
        prop_assert_eq!(&ways[3], &all, "scrolling down uncounted {:?}", &spec);
        for (position, id) in ways[2].iter().enumerate() {
            if id.is_some() {
                prop_assert_eq!(*id, all[position], "after a jump, at {} of {:?}", position, &spec);
            }
        }
        // Placed on an article, the list finds it where the full list has
        // it; a search opens at its top.
        if let Some((at, &id)) = expected.iter().enumerate().nth(expected.len() / 2) {
            let window = catalog.window(&spec, &Anchor { id: Some(id), ..Anchor::default() }, 2).unwrap();
            let at = if spec.has_text() && !spec.is_gathered() { 0 } else { at };
            prop_assert_eq!(window.selected, at, "placed on an article of {:?}", &spec);
            prop_assert_eq!(window.rows[at - window.first].id, expected[at]);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn windowed_lists_are_the_full_lists(
        articles in prop::collection::vec(article(), 0..30),
        looks in prop::collection::vec(look(), 1..6),
    ) {
        check(&articles, &looks)?;
    }
}
