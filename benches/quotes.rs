//! The quote finder is linear in the article: a 1 MB article of ordinary
//! prose with quotations, and an article of 10,000 quotation marks.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use broadsheet::library::quotes::quotes_of;

fn article_of_bytes(bytes: usize) -> Vec<String> {
    let paragraph = "“We have waited long enough for this,” said Petra Lindqvist, the harbourmaster. \
                     The council approved the plan after a long night, and residents’ groups called it \
                     “a start, not an ending.” Lindqvist added: “Don’t expect miracles by spring.”";
    (0..bytes / paragraph.len()).map(|_| paragraph.to_owned()).collect()
}

fn finder(c: &mut Criterion) {
    let big = article_of_bytes(1 << 20);
    let big: Vec<&str> = big.iter().map(String::as_str).collect();
    c.bench_function("quotes/1MB_article", |b| b.iter(|| quotes_of(black_box(&big))));

    // Twice the marks should take twice the time.
    for count in [10_000, 20_000] {
        let marks = ["“a” ‘b’ \"c\" «d» ".repeat(count / 8)];
        let marks: Vec<&str> = marks.iter().map(String::as_str).collect();
        c.bench_function(&format!("quotes/{count}_marks_one_paragraph"), |b| {
            b.iter(|| quotes_of(black_box(&marks)))
        });
    }

    let unmatched = ["“".repeat(10_000)];
    let unmatched: Vec<&str> = unmatched.iter().map(String::as_str).collect();
    c.bench_function("quotes/10000_unmatched_marks", |b| b.iter(|| quotes_of(black_box(&unmatched))));
}

criterion_group!(benches, finder);
criterion_main!(benches);
