//! Scraped plain-text fixtures in many shapes, each with the title, authors,
//! bio and paragraph count the parser must find (`tests/fixtures/scraped`).

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet::library::{Library, LoadOptions};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    title: String,
    authors: Vec<String>,
    bio: String,
    paragraphs: usize,
}

#[test]
fn every_scraped_fixture_parses_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scraped");
    let expected: BTreeMap<String, Expected> =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let library = Library::load(std::slice::from_ref(&dir), LoadOptions::default());
    assert_eq!(library.articles.len(), expected.len(), "{:#?}", library.diagnostics);
    for article in &library.articles {
        let name = article.path.file_name().unwrap().to_str().unwrap();
        let want = expected.get(name).unwrap_or_else(|| panic!("no expectation for {name}"));
        assert_eq!(article.title, want.title, "{name}");
        assert_eq!(article.author_names().collect::<Vec<_>>(), want.authors, "{name}");
        match article.bio() {
            Some(bio) => assert!(!want.bio.is_empty() && bio.starts_with(&want.bio), "{name}: bio {bio:?}"),
            None => assert!(want.bio.is_empty(), "{name}: no bio, expected {:?}", want.bio),
        }
        assert_eq!(article.body.len(), want.paragraphs, "{name}: {:#?}", article.body);
        for block in &article.body {
            assert_ne!(block.text, article.title, "{name}: the headline leaked into the body");
            for byline in &article.bylines {
                assert!(
                    !block.text.starts_with(&byline.name) || !block.text.contains(" is "),
                    "{name}: bio in body"
                );
            }
        }
    }
}
