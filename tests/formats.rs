//! Articles where people keep them: feeds, saved pages, scraper output and
//! datasets, each a small fixture of our own under `tests/fixtures/formats`
//! with what it must give in `feeds.toml`, `pages.toml`, `records.toml` and
//! `datasets.toml`. One test per fixture file, and a test that no fixture
//! goes without its expectations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use broadsheet::library::{Article, BlockKind, Library, LoadOptions, Severity};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    file: String,
    /// The load must fail with a message containing this.
    error: Option<String>,
    #[serde(default)]
    article: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    format: Option<String>,
    title: String,
    authors: Vec<String>,
    /// As `export` writes it; "" for none.
    date: String,
    /// "" for none.
    url: String,
    source: Option<String>,
    tags: Option<Vec<String>>,
    paragraphs: usize,
    first: Option<String>,
    last: Option<String>,
    /// Block kinds in order: paragraph, heading, item, quote, code, caption, image.
    kinds: Option<Vec<String>>,
    /// Text that must appear in no block (boilerplate, the headline again).
    absent: Option<Vec<String>>,
    bio: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

const EXPECTATIONS: [&str; 4] = ["feeds.toml", "pages.toml", "records.toml", "datasets.toml"];

fn all_cases() -> Vec<Case> {
    EXPECTATIONS
        .iter()
        .flat_map(|name| {
            let text = std::fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            toml::from_str::<Cases>(&text).unwrap_or_else(|e| panic!("{name}: {e}")).case
        })
        .collect()
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading(_) => "heading",
        BlockKind::ListItem(_) => "item",
        BlockKind::BlockQuote => "quote",
        BlockKind::Code => "code",
        BlockKind::Caption => "caption",
        BlockKind::Image => "image",
    }
}

fn check(file: &str) {
    let case =
        all_cases().into_iter().find(|c| c.file == file).unwrap_or_else(|| panic!("no case for {file}"));
    let path = root().join(&case.file);
    let library = Library::load(std::slice::from_ref(&path), LoadOptions::default());
    let errors: Vec<String> = library.errors().map(ToString::to_string).collect();
    if let Some(error) = &case.error {
        assert!(library.articles.is_empty(), "{file}: articles from a broken file: {:#?}", library.articles);
        assert!(
            errors.iter().any(|e| e.contains(error.as_str())),
            "{file}: expected {error:?}, got {errors:#?}"
        );
        assert_eq!(errors.len(), 1, "{file}: one clear line, got {errors:#?}");
        return;
    }
    assert!(errors.is_empty(), "{file}: {errors:#?}");
    // Articles in file order (the library sorts by nothing, but be sure).
    let mut articles: Vec<&Article> = library.articles.iter().collect();
    articles.sort_by_key(|a| (a.line, a.offset));
    assert_eq!(
        articles.len(),
        case.article.len(),
        "{file}: {:#?}",
        articles.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
    for (n, (article, want)) in articles.iter().zip(&case.article).enumerate() {
        let at = format!("{file} #{n}");
        assert_eq!(article.title, want.title, "{at}: title");
        assert_eq!(article.author_names().collect::<Vec<_>>(), want.authors, "{at}: authors");
        assert_eq!(article.date.map(|d| d.to_string()).unwrap_or_default(), want.date, "{at}: date");
        assert_eq!(article.url.clone().unwrap_or_default(), want.url, "{at}: url");
        let texts: Vec<&str> = article.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), want.paragraphs, "{at}: paragraphs {texts:#?}");
        if let Some(format) = &want.format {
            assert_eq!(article.format.name(), format, "{at}: format");
        }
        if let Some(source) = &want.source {
            assert_eq!(article.source.as_deref(), Some(source.as_str()), "{at}: source");
        }
        if let Some(tags) = &want.tags {
            assert_eq!(&article.tags, tags, "{at}: tags");
        }
        if let Some(first) = &want.first {
            assert!(texts.first().is_some_and(|t| t.starts_with(first.as_str())), "{at}: first {texts:#?}");
        }
        if let Some(last) = &want.last {
            assert!(texts.last().is_some_and(|t| t.starts_with(last.as_str())), "{at}: last {texts:#?}");
        }
        if let Some(kinds) = &want.kinds {
            let got: Vec<&str> = article.body.iter().map(|b| kind_name(b.kind)).collect();
            assert_eq!(&got, kinds, "{at}: kinds");
        }
        for gone in want.absent.iter().flatten() {
            assert!(
                !texts.iter().any(|t| t.contains(gone.as_str())),
                "{at}: {gone:?} is still in {texts:#?}"
            );
        }
        if let Some(bio) = &want.bio {
            assert!(
                article.bio().is_some_and(|b| b.starts_with(bio.as_str())),
                "{at}: bio {:?}",
                article.bio()
            );
        }
        for block in &article.body {
            assert!(
                !broadsheet::library::html::has_markup(&block.text),
                "{at}: markup left in {:?}",
                block.text
            );
        }
        assert!(!broadsheet::library::html::has_markup(&article.title), "{at}: markup left in the title");
    }
    let warnings: Vec<String> = library
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    assert!(warnings.is_empty(), "{file}: unexpected warnings {warnings:#?}");
}

#[test]
fn every_fixture_has_its_expectations() {
    let cases: BTreeSet<String> = all_cases().into_iter().map(|c| c.file).collect();
    let mut files = BTreeSet::new();
    for kind in ["feeds", "pages", "records", "datasets"] {
        for entry in std::fs::read_dir(root().join(kind)).unwrap() {
            files.insert(format!("{kind}/{}", entry.unwrap().file_name().to_string_lossy()));
        }
    }
    assert_eq!(files, cases, "fixture files and cases differ");
    let tested: BTreeSet<String> = TESTED.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(tested, cases, "every case needs its #[test] below");
}

macro_rules! cases {
    ($($name:ident => $file:literal,)*) => {
        const TESTED: &[&str] = &[$($file),*];
        $(
            #[test]
            fn $name() {
                check($file);
            }
        )*
    };
}

cases! {
    rss_090 => "feeds/rss-090.rdf",
    rss_091_latin1_declared => "feeds/rss-091.xml",
    rss_092_untitled_item => "feeds/rss-092.xml",
    rss_10_escaped_html_descriptions => "feeds/rss-10.rdf",
    rss_20_content_encoded => "feeds/rss-20.xml",
    rss_20_in_a_default_namespace => "feeds/rss-20-default-ns.xml",
    rss_without_a_version_nor_a_link => "feeds/rss-no-version.rss",
    atom_inside_a_dot_rss_file => "feeds/atom-in-rss.rss",
    rss_inside_a_dot_atom_file => "feeds/rss-in-atom.atom",
    atom_10_xml_base_and_text_constructs => "feeds/atom-10.atom",
    atom_03 => "feeds/atom-03.xml",
    json_feed_11 => "feeds/jsonfeed-11.json",
    json_feed_10_with_the_http_version_url => "feeds/jsonfeed-10.json",
    windows_1251_declared => "feeds/windows-1251.xml",
    gb2312_declared => "feeds/gb2312.xml",
    latin1_undeclared_with_french_dates => "feeds/latin1-undeclared.xml",
    itunes_author_and_summary_only => "feeds/itunes-podcast.xml",
    media_description_only => "feeds/media-rss.xml",
    dates_in_odd_forms => "feeds/dates-odd.xml",
    many_names_in_one_author_field => "feeds/many-authors.xml",
    items_sharing_one_url => "feeds/shared-url.xml",
    html_escaped_twice => "feeds/double-escaped.xml",
    relative_links_with_and_without_xml_base => "feeds/relative-links.xml",
    xml_that_is_not_a_feed => "feeds/not-a-feed.xml",
    invalid_xml => "feeds/broken.rss",
    an_aggregators_source_per_item => "feeds/aggregator-source.xml",
    a_planets_entries_keep_their_feed => "feeds/planet-atom-source.atom",
    html_entities_undeclared_in_xml => "feeds/html-entities.xml",
    page_json_ld_and_trailing_boilerplate => "pages/jsonld-newsarticle.html",
    page_opengraph_and_article_meta => "pages/og-meta-only.html",
    page_byline_element_with_the_date => "pages/byline-element.html",
    page_meta_charset_after_the_first_kilobyte => "pages/late-meta-charset.html",
    page_http_equiv_latin2 => "pages/http-equiv-latin2.html",
    page_utf8_undeclared_and_json_ld_graph => "pages/utf8-undeclared.html",
    page_date_in_the_address => "pages/date-in-url.html",
    page_agency_author => "pages/agency-author.html",
    page_sidebar_bylines_are_not_the_authors => "pages/related-sidebar-authors.html",
    page_without_an_author => "pages/no-author.html",
    page_shift_jis => "pages/shift-jis.html",
    page_code_headings_and_lists => "pages/code-and-lists.html",
    page_xhtml => "pages/xhtml-page.xhtml",
    page_too_short_for_readability => "pages/short-brief.htm",
    page_date_in_running_text => "pages/date-in-text.html",
    page_japanese_corner_quotes_and_tight_title => "pages/japanese-corner-quotes.html",
    page_arabic_byline_and_date_in_the_text => "pages/arabic-byline-in-text.html",
    page_chinese_title_underscore_and_editor_line => "pages/chinese-tight-title.html",
    page_korean_reporter_after_the_name => "pages/korean-reporter-suffix.html",
    page_ad_labels_between_paragraphs => "pages/ad-labels-between-paragraphs.html",
    page_byline_and_date_parted_by_a_line_break => "pages/byline-and-date-in-a-meta-line.html",
    page_date_beside_the_author_link => "pages/date-beside-the-author-link.html",
    page_russian_author_label_and_written_date => "pages/russian-author-label.html",
    page_title_headline_site_section => "pages/title-site-section.html",
    an_hatom_blog_post_dated_by_its_abbr => "pages/hatom-blog-post.html",
    boxes_inside_the_story_go_and_the_story_stays => "pages/boxes-inside-the-story.html",
    a_british_date_is_day_first => "pages/british-slashed-date.html",
    the_tools_over_an_article_go_and_its_picture_stays => "pages/tools-over-the-article.html",
    a_british_address_dates_day_first_and_the_stamp_leaves_the_byline => "pages/stamp-after-the-byline.html",
    an_agency_byline_in_capitals_names_each_writer_and_the_agency => "pages/agency-capitals-byline.html",
    a_yoast_graph_gives_the_address_as_the_pages_id => "pages/yoast-graph.html",
    a_byline_under_the_standfirst_goes => "pages/byline-under-the-standfirst.html",
    an_author_class_names_the_writer_and_the_stamp_line_goes => "pages/author-class-and-stamp-line.html",
    a_label_over_a_list_of_links_goes_with_them => "pages/label-over-links.html",
    a_japanese_story_signed_at_its_end => "pages/japanese-name-at-the-end.html",
    a_chinese_writer_in_the_line_of_facts => "pages/chinese-author-in-the-info-line.html",
    a_korean_signature_at_the_end_goes => "pages/korean-signature-at-the-end.html",
    an_arabic_tags_line_at_the_end_goes => "pages/arabic-tags-line.html",
    an_indonesian_credit_line_names_the_writer_not_the_editor => "pages/indonesian-credit-line.html",
    a_hindi_read_also_link_goes_and_the_last_paragraph_stays => "pages/hindi-read-also-link.html",
    the_place_after_the_byline_is_not_an_author => "pages/place-after-the-byline.html",
    news_please_output => "records/ledger.example-ferry.html.json",
    news_please_placeholder_values => "records/placeholder-values.json",
    trafilatura_with_metadata => "records/trafilatura-metadata.json",
    trafilatura_text_only => "records/trafilatura-text-only.json",
    newspaper_with_junk_authors => "records/newspaper-article.json",
    newspaper_without_a_date => "records/newspaper-undated.json",
    wallabag_export => "records/wallabag-export.json",
    hugging_face_cc_news_rows => "records/cc-news.jsonl",
    a_json_object_with_no_text => "records/no-text.json",
    dataset_all_the_news => "datasets/all-the-news.csv",
    dataset_all_the_news_2 => "datasets/all-the-news-2.csv",
    dataset_tab_separated => "datasets/cc-news.tsv",
    dataset_semicolons_latin1_and_german_columns => "datasets/semicolon.csv",
    dataset_without_a_text_column => "datasets/no-text-column.csv",
    dataset_saved_from_pandas_with_lists_of_authors => "datasets/pandas-lists.csv",
}
