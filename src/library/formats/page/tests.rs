//! Page mechanics; real-world shapes are fixtures in `tests/fixtures/pages`.

use super::*;

#[test]
fn dates_in_addresses() {
    let day = |p: &str| date_in_path(p).map(|d| d.to_string());
    assert_eq!(day("/news/2024/03/05/ferry-returns").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/2024-03-05/ferry").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/a/20240305-ferry").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/a/12345678901/ferry"), None);
    assert_eq!(day("/ferry"), None);
}

#[test]
fn a_page_without_an_article_is_an_error() {
    assert!(parse("<html><head><title>x</title></head><body></body></html>").is_err());
}
