//! Reading articles where people keep them: extracting a saved page
//! (each page fixture: decode, metadata, Readability, our cleanup), parsing
//! a feed per item, indexing a dataset (rows per second through the whole
//! pipeline: read, parse, quotes, index), and reading one dataset row back
//! from its offset when the reader opens it.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use broadsheet::library::index::Index;
use broadsheet::library::load::{self, classify, parse_bytes};
use broadsheet::library::{Library, LoadOptions};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// Every page fixture, parsed in turn: the time is per page.
fn pages(c: &mut Criterion) {
    let pages: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(fixtures().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let mut group = c.benchmark_group("page");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function("extract_all_fixtures", |b| {
        b.iter(|| {
            for (path, bytes) in &pages {
                let kind = classify(path).unwrap();
                black_box(parse_bytes(path, kind, black_box(bytes), false));
            }
        });
    });
    // A page the size of a real news site's (about 130 KB): long head
    // scripts, a mega-menu, the article, comments, a footer of links.
    let heavy = heavy_page();
    let path = Path::new("heavy.html");
    let kind = classify(path).unwrap();
    group.throughput(Throughput::Bytes(heavy.len() as u64));
    group.bench_function("extract_a_130_kb_page", |b| {
        b.iter(|| black_box(parse_bytes(path, kind, black_box(heavy.as_bytes()), false)));
    });
    group.finish();
}

fn heavy_page() -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>Harbour board backs the breakwater | The Bench Ledger</title>\
        <meta property=\"og:site_name\" content=\"The Bench Ledger\">\
        <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Harbour board backs the breakwater\",\
        \"datePublished\":\"2024-03-05T10:00:00Z\",\"author\":{\"@type\":\"Person\",\"name\":\"Mara Quist\"}}</script>",
    );
    for i in 0..400 {
        let _ = write!(
            page,
            "<script>window.slot{i} = {{size: [300, 250], targeting: {{pos: 'top', n: {i}}}}};</script>"
        );
    }
    page.push_str("<style>");
    for i in 0..600 {
        let _ = writeln!(page, ".c{i} {{ margin: {i}px; padding: 0 {i}px; color: #333; }}");
    }
    page.push_str("</style></head><body><header><nav><ul>");
    for i in 0..300 {
        let _ = write!(page, "<li class=\"menu-item\"><a href=\"/section/{i}\">Section number {i}</a></li>");
    }
    page.push_str(
        "</ul></nav></header><main><article><h1>Harbour board backs the breakwater</h1>\
        <p class=\"byline\">By Mara Quist</p>",
    );
    for i in 0..16 {
        let _ = write!(
            page,
            "<p>The harbour board voted on Tuesday, in paragraph {i}, to rebuild the breakwater before the \
             winter storms. <a href=\"/x\">Engineers</a> said the <em>work</em> would take two summers, and \
             “the cost will not fall,” said the chair of the board.</p>"
        );
    }
    page.push_str("</article><section class=\"comments\">");
    for i in 0..200 {
        let _ = write!(
            page,
            "<div class=\"comment\"><p class=\"author\">Reader {i}</p><p>I think comment {i} says it all.</p></div>"
        );
    }
    page.push_str("</section><aside class=\"related\"><ul>");
    for i in 0..100 {
        let _ = write!(page, "<li><a href=\"/story/{i}\">Another story about the quay, number {i}</a></li>");
    }
    page.push_str("</ul></aside></main><footer><ul>");
    for i in 0..300 {
        let _ = write!(page, "<li><a href=\"/footer/{i}\">Footer link {i}</a></li>");
    }
    page.push_str("</ul></footer></body></html>");
    page
}

/// A feed of `items` items of a few paragraphs of HTML each.
fn feed(items: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bench Ledger</title>\
         <link>https://bench.example/</link>\n",
    );
    for i in 0..items {
        let _ = writeln!(
            xml,
            "<item><title>Harbour report number {i} &amp; more</title><link>/r/{i}</link>\
             <dc:creator>Mara Quist and Ivo Brandt</dc:creator><pubDate>Tue, 05 Mar 2024 10:{:02}:00 +0100</pubDate>\
             <category>Coast</category><content:encoded><![CDATA[<p>The harbour board met on Tuesday to \
             discuss report {i}. <a href=\"/x\">Members</a> asked for <em>more</em> time.</p>\
             <p>“We need the figures first,” said the chair, Petra Lindqvist.</p><ul><li>One</li><li>Two</li></ul>\
             <p>The next meeting is in April.</p>]]></content:encoded></item>",
            i % 60
        );
    }
    xml.push_str("</channel></rss>\n");
    xml
}

fn feeds(c: &mut Criterion) {
    const ITEMS: usize = 200;
    let text = feed(ITEMS);
    let path = Path::new("bench.xml");
    let kind = classify(path).unwrap();
    let mut group = c.benchmark_group("feed");
    group.throughput(Throughput::Elements(ITEMS as u64));
    group.bench_function("parse_200_items", |b| {
        b.iter(|| black_box(parse_bytes(path, kind, black_box(text.as_bytes()), false)));
    });
    group.finish();
}

/// A dataset of `rows` rows of about 3 KB of text each.
fn write_dataset(path: &Path, rows: usize) {
    let mut csv = String::from(",id,title,publication,author,date,year,month,url,content\n");
    for i in 0..rows {
        let paragraph = "The harbour board voted on Tuesday to rebuild the breakwater before the winter storms, \
                         after a long meeting in the town hall. “We cannot wait another year,” said the chair.";
        let body = vec![paragraph; 14].join("\n\n");
        let _ = writeln!(
            csv,
            "{i},{i},\"Report {i} from the quay\",Bench Ledger,\"Mara Quist\",2024-03-{:02},2024.0,3.0,https://b.example/{i},\"{body}\"",
            1 + i % 28
        );
    }
    std::fs::write(path, csv).unwrap();
}

fn datasets(c: &mut Criterion) {
    const ROWS: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("news.csv");
    write_dataset(&csv, ROWS);
    let mut group = c.benchmark_group("dataset");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("index_2000_rows", |b| {
        b.iter_batched(
            || {
                let db = dir.path().join("index.db");
                let _ = std::fs::remove_file(&db);
                Index::open(&db).unwrap().0
            },
            |mut index| {
                index.refresh(std::slice::from_ref(&csv), &LoadOptions::default(), |_, _, _| {}).unwrap();
                index
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
    // One row read back from its offset, as the reader opens it.
    let library = Library::load(std::slice::from_ref(&csv), LoadOptions::default());
    let last = library.articles.last().unwrap().clone();
    let mut summary = last.clone();
    summary.body.clear();
    summary.has_body = false;
    c.bench_function("dataset/read_back_the_last_row", |b| {
        b.iter(|| black_box(load::reload_article(black_box(&summary), &Default::default())));
    });
}

criterion_group!(benches, pages, feeds, datasets);
criterion_main!(benches);
