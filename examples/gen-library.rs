//! Writes a deterministic library of generated articles for benchmarks and
//! load tests: `cargo run --release --example gen-library -- --articles 10000 OUT`.
//!
//! The text is nonsense assembled from a small word bank, but it has the
//! shapes real libraries have: scraped `.txt` files with repeated headlines,
//! bylines and author blocks, plus TOML, Markdown, JSON and JSON Lines, dated
//! articles spread over years, quotes in several styles, and a few hundred
//! authors of very unequal output. Articles are about `--size` bytes of
//! text (3,200 by default, the length of real news).
//!
//! With `--csv`, OUT is a single dataset file in the "All the News" layout
//! (unnamed index column, id, title, publication, author, date, year,
//! month, url, content) instead of a directory. With `--pages`, OUT is a
//! directory of pages saved from a browser, each weighing what a real news
//! page does (`--page-kb`, 150 by default): metadata and JSON-LD, inline
//! scripts and styles, a menu, the article, comments, related links and a
//! footer.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// How many distinct authors.
    #[arg(long, default_value_t = 200)]
    authors: usize,
    /// Seed for the generator; the same seed gives the same library.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// About how many bytes of text each article has (±25 %).
    #[arg(long, default_value_t = 3200)]
    size: usize,
    /// Write one CSV dataset file at OUT instead of a directory of files.
    #[arg(long, conflicts_with = "pages")]
    csv: bool,
    /// Write saved web pages (`.html`) instead of article files.
    #[arg(long)]
    pages: bool,
    /// About how many kilobytes each page weighs, with `--pages`.
    #[arg(long, default_value_t = 150)]
    page_kb: usize,
    /// Directory to write into (created if missing).
    out: PathBuf,
}

/// SplitMix64: tiny, fast and stable across versions, which is what a
/// reproducible generator needs (rand's `StdRng` promises no stability).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Bjorn", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kalani", "Liv",
    "Mateo", "Noor", "Otto", "Priya", "Quentin", "Rosa", "Sven", "Tala", "Ulla", "Viktor", "Wen", "Yara",
    "Zoltan",
];
const LAST: &[&str] = &[
    "Aalberg",
    "Brekke",
    "Castellanos",
    "Dahlgren",
    "Eskildsen",
    "Fagerli",
    "Grønlund",
    "Hakimi",
    "Iversen",
    "Jaramillo",
    "Kowalczyk",
    "Lindahl",
    "Moreau",
    "Nakashima",
    "Okonkwo",
    "Pettersen",
    "Quispe",
    "Rasmussen",
    "Søderberg",
    "Takahashi",
    "Ueda",
    "Valdivia",
    "Wikström",
    "Xu",
    "Ytterdal",
    "Zielinski",
];
const SUBJECTS: &[&str] = &[
    "the harbour board",
    "a fishing cooperative",
    "the regional council",
    "the ferry company",
    "local farmers",
    "the school district",
    "a group of residents",
    "the marine station",
    "the town library",
    "shop owners",
    "the hospital trust",
    "the rowing club",
    "a youth orchestra",
    "the roads department",
    "night-shift nurses",
];
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "postponed",
    "welcomed",
    "questioned",
    "announced",
    "reviewed",
    "funded",
    "criticised",
    "extended",
    "redesigned",
    "paused",
];
const OBJECTS: &[&str] = &[
    "a plan for a new breakwater",
    "the winter timetable",
    "a tax on holiday homes",
    "the budget for repairs",
    "a study of the tides",
    "an extension of the cycle path",
    "a festival on the quay",
    "the harbour dredging",
    "a rescue boat for the islands",
    "the closure of the old cannery",
    "a scheme to plant oyster beds",
];
const DETAILS: &[&str] = &[
    "after a meeting that ran past midnight",
    "despite strong objections",
    "with little debate",
    "following months of consultation",
    "to the surprise of many",
    "in a narrow vote",
    "after a long winter",
    "as costs continued to rise",
    "before the summer season",
    "while the weather held",
];
const SPEECH: &[&str] = &[
    "We have waited long enough for this",
    "Nobody asked the people who live here",
    "It is a start, not an ending",
    "The numbers simply do not add up",
    "I have never seen anything like it",
    "We will be watching closely",
    "This is what the town needed",
    "It costs less than doing nothing",
];
const SPEAKER_ROLES: &[&str] =
    &["a spokesperson", "the chair", "a local resident", "the director", "a councillor"];
const TOPICS: &[&str] = &["coast", "town", "culture", "sport", "science", "business", "health", "transport"];

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn sentence(rng: &mut Rng) -> String {
    let subject = rng.pick(SUBJECTS);
    let mut s = format!(
        "{}{} {} {} {}.",
        subject[..1].to_uppercase(),
        &subject[1..],
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(DETAILS)
    );
    if rng.below(4) == 0 {
        s.push_str(" Don’t expect the details before spring, officials said.");
    }
    s
}

fn quote_paragraph(rng: &mut Rng, speaker: &str) -> String {
    let words = rng.pick(SPEECH);
    let surname = speaker.split(' ').next_back().unwrap_or(speaker);
    match rng.below(5) {
        0 => format!("“{words},” said {speaker}, {}.", rng.pick(SPEAKER_ROLES)),
        1 => format!("\"{words},\" {surname} told reporters."),
        2 => format!("{speaker} said: «{words}.»"),
        3 => format!("„{words}“, {surname} added."),
        _ => format!("According to {surname}, the plan was “{}.”", words.to_lowercase()),
    }
}

/// Paragraphs adding up to about `size` bytes (±25 %), every third one quoting.
fn body(rng: &mut Rng, size: usize) -> Vec<String> {
    let speaker = name(rng);
    let target = size * 3 / 4 + rng.below(size / 2 + 1);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut length = 0;
    while length < target || paragraphs.len() < 2 {
        let paragraph = if paragraphs.len() % 3 == 1 {
            quote_paragraph(rng, &speaker)
        } else {
            (0..1 + rng.below(4)).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
        };
        length += paragraph.len() + 2;
        paragraphs.push(paragraph);
    }
    paragraphs
}

fn title(rng: &mut Rng, index: usize) -> String {
    let subject = rng.pick(SUBJECTS);
    format!(
        "{}{} {} {} (report {index})",
        subject[..1].to_uppercase(),
        &subject[1..],
        rng.pick(VERBS),
        rng.pick(OBJECTS)
    )
}

fn date(rng: &mut Rng) -> String {
    format!("{}-{:02}-{:02}", 2015 + rng.below(11), 1 + rng.below(12), 1 + rng.below(28))
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Zipf-like: a few authors write most of the articles.
fn pick_author<'a>(rng: &mut Rng, authors: &'a [String]) -> &'a str {
    &authors[(rng.below(authors.len()) * rng.below(authors.len())) / authors.len()]
}

fn write_article(
    dir: &Path,
    index: usize,
    rng: &mut Rng,
    (authors, size): (&[String], usize),
    jsonl: &mut String,
) -> std::io::Result<()> {
    let author = pick_author(rng, authors);
    let title = title(rng, index);
    let paragraphs = body(rng, size);
    let bio = format!("{author} writes about {} for The Saltmere Courier.", rng.pick(TOPICS));
    let topic = rng.pick(TOPICS);
    match index % 20 {
        0..=13 => {
            let mut text = format!("{title}\n\n");
            if !index.is_multiple_of(3) {
                text.push_str(&format!("{title}\n\n"));
            }
            if index.is_multiple_of(7) {
                text.push_str(&format!("By {author}\n\n"));
            }
            text.push_str(&paragraphs.join("\n\n"));
            if !index.is_multiple_of(7) && !index.is_multiple_of(11) {
                text.push_str(&format!("\n\n{author}\n{bio}"));
            }
            fs::write(dir.join(format!("{index:06}.txt")), text)
        }
        14..=15 => {
            let mut text = format!(
                "title = {}\nauthor = {}\nbio = {}\ndate = {}\nsource = \"The Saltmere Courier\"\ntags = [{}]\nbody = \"\"\"\n",
                toml_string(&title),
                toml_string(author),
                toml_string(&bio),
                date(rng),
                toml_string(topic)
            );
            text.push_str(&paragraphs.join("\n\n").replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\""));
            text.push_str("\n\"\"\"\n");
            fs::write(dir.join(format!("{index:06}.toml")), text)
        }
        16..=17 => {
            let mut text = format!(
                "+++\ntitle = {}\nauthor = {}\ndate = {}\ntags = [{}]\n+++\n\n",
                toml_string(&title),
                toml_string(author),
                date(rng),
                toml_string(topic)
            );
            for (i, p) in paragraphs.iter().enumerate() {
                if i == 2 {
                    text.push_str("## Background\n\n");
                }
                let _ = write!(text, "{p}\n\n");
            }
            fs::write(dir.join(format!("{index:06}.md")), text)
        }
        18 => {
            let object = serde_json::json!({
                "title": title, "author": [author], "bio": bio, "date": date(rng),
                "source": "The Saltmere Courier", "tags": [topic], "body": paragraphs.join("\n\n"),
            });
            fs::write(dir.join(format!("{index:06}.json")), object.to_string())
        }
        _ => {
            let object = serde_json::json!({
                "title": title, "author": author, "date": date(rng), "tags": [topic], "body": paragraphs.join("\n\n"),
            });
            jsonl.push_str(&object.to_string());
            jsonl.push('\n');
            Ok(())
        }
    }
}

/// A CSV field, quoted.
fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The whole library as one dataset, row by row.
fn write_dataset(args: &Args, rng: &mut Rng, authors: &[String]) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut out = std::io::BufWriter::new(fs::File::create(&args.out)?);
    writeln!(out, ",id,title,publication,author,date,year,month,url,content")?;
    for index in 0..args.articles {
        let author = pick_author(rng, authors);
        let title = title(rng, index);
        let content = body(rng, args.size).join("\n\n");
        let date = date(rng);
        let (year, month) = (&date[..4], date[5..7].trim_start_matches('0'));
        writeln!(
            out,
            "{index},{},{},The Saltmere Courier,{},{date},{year}.0,{month}.0,https://courier.example/{index},{}",
            100_000 + index,
            csv_field(&title),
            csv_field(author),
            csv_field(&content)
        )?;
    }
    out.flush()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A page as a browser saves it: the article among what surrounds it on a
/// news site, about `kb` kilobytes in all.
fn page(rng: &mut Rng, index: usize, author: &str, size: usize, kb: usize) -> String {
    use std::fmt::Write as _;
    let title = html_escape(&title(rng, index));
    let date = date(rng);
    let author = html_escape(author);
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} | The Saltmere Courier</title>\
         <meta property=\"og:site_name\" content=\"The Saltmere Courier\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <link rel=\"canonical\" href=\"https://courier.example/{date}/{index}\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\
         \"datePublished\":\"{date}T08:00:00Z\",\"author\":{{\"@type\":\"Person\",\"name\":\"{author}\"}}}}</script>"
    );
    let article: String = body(rng, size).iter().map(|p| format!("<p>{}</p>", html_escape(p))).collect();
    // What surrounds the article fills the rest of the page's weight.
    let budget = (kb * 1024).saturating_sub(html.len() + article.len());
    let (head, menu, comments, footer) =
        (budget * 45 / 100, budget * 15 / 100, budget * 25 / 100, budget * 15 / 100);
    let mut i = 0;
    while html.len() < head {
        let _ = write!(
            html,
            "<script>window.adSlots.push({{id: 'slot-{i}', size: [300, 250], targeting: {{section: 'harbour', n: {i}}}}});</script>\
             <style>.teaser-{i} {{ margin: {i}px 0; padding: 0 {i}px; color: #333; }}</style>"
        );
        i += 1;
    }
    html.push_str("</head><body><header><nav><ul>");
    let start = html.len();
    while html.len() - start < menu {
        let _ = write!(html, "<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a></li>");
        i += 1;
    }
    let _ = write!(
        html,
        "</ul></nav></header><main><article><h1>{title}</h1><p class=\"byline\">By {author}</p>{article}</article>\
         <section class=\"comments\"><h2>Comments</h2>"
    );
    let start = html.len();
    while html.len() - start < comments {
        let _ = write!(
            html,
            "<div class=\"comment\"><p class=\"comment-author\">Reader {i}</p><p>{}</p></div>",
            html_escape(&sentence(rng))
        );
        i += 1;
    }
    html.push_str("</section><aside class=\"related\"><h2>More from the Courier</h2><ul>");
    for n in 0..12 {
        let _ = write!(html, "<li><a href=\"/story/{n}\">{}</a></li>", html_escape(&self::title(rng, n)));
    }
    html.push_str("</ul></aside></main><footer><ul>");
    let start = html.len();
    while html.len() - start < footer {
        let _ = write!(html, "<li><a href=\"/about/{i}\">Footer link {i}</a></li>");
        i += 1;
    }
    html.push_str("</ul></footer></body></html>\n");
    html
}

/// The library as saved web pages, a hundred a folder.
fn write_pages(args: &Args, rng: &mut Rng, authors: &[String]) -> std::io::Result<()> {
    for index in 0..args.articles {
        let dir = args.out.join(format!("pages-{:04}", index / 100));
        if index % 100 == 0 {
            fs::create_dir_all(&dir)?;
        }
        let author = pick_author(rng, authors);
        fs::write(dir.join(format!("{index:06}.html")), page(rng, index, author, args.size, args.page_kb))?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let mut authors: Vec<String> = Vec::new();
    while authors.len() < args.authors.max(1) {
        let candidate = name(&mut rng);
        if !authors.contains(&candidate) {
            authors.push(candidate);
        }
        if authors.len() >= FIRST.len() * LAST.len() {
            break;
        }
    }
    if args.csv {
        write_dataset(&args, &mut rng, &authors)?;
        eprintln!("wrote {} rows by {} authors to {}", args.articles, authors.len(), args.out.display());
        return Ok(());
    }
    if args.pages {
        write_pages(&args, &mut rng, &authors)?;
        eprintln!("wrote {} pages by {} authors to {}", args.articles, authors.len(), args.out.display());
        return Ok(());
    }
    let mut jsonl = String::new();
    let mut in_jsonl = 0;
    for index in 0..args.articles {
        // A hundred articles a folder, like an archive by issue.
        let dir = args.out.join(format!("batch-{:04}", index / 100));
        if index % 100 == 0 {
            fs::create_dir_all(&dir)?;
        }
        let before = jsonl.len();
        write_article(&dir, index, &mut rng, (&authors, args.size), &mut jsonl)?;
        in_jsonl += usize::from(jsonl.len() > before);
        if in_jsonl >= 50 || (index + 1 == args.articles && !jsonl.is_empty()) {
            fs::write(dir.join(format!("{index:06}-digest.jsonl")), std::mem::take(&mut jsonl))?;
            in_jsonl = 0;
        }
    }
    eprintln!("wrote {} articles by {} authors to {}", args.articles, authors.len(), args.out.display());
    Ok(())
}
