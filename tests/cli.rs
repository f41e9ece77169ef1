//! The scripting commands, run as a user would: the real binary, real files.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn broadsheet(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    // Keep the user's own config and state out of the tests.
    command
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-config-home")
        .env("XDG_STATE_HOME", "/nonexistent-state-home");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run broadsheet")
}

fn export(args: &[&str], dir: Option<&Path>) -> Vec<Value> {
    let out = broadsheet(args, dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const FIELDS: [&str; 15] = [
    "id",
    "path",
    "format",
    "title",
    "authors",
    "bio",
    "date",
    "source",
    "url",
    "tags",
    "paragraphs",
    "quotes",
    "words",
    "reading_minutes",
    "warnings",
];

#[test]
fn export_of_the_sample_has_exactly_the_contract_fields() {
    let records = export(&["export"], None);
    assert!(records.len() >= 16);
    for record in &records {
        let mut keys: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(record["id"].as_str().unwrap().len(), 16);
    }
    let formats: std::collections::BTreeSet<&str> =
        records.iter().map(|r| r["format"].as_str().unwrap()).collect();
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        ["csv", "html", "json", "jsonl", "md", "rss", "toml", "txt"]
    );
}

#[test]
fn sample_library_has_enough_authors() {
    let records = export(&["export"], None);
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for record in &records {
        for author in record["authors"].as_array().unwrap() {
            *counts.entry(author.as_str().unwrap().to_owned()).or_default() += 1;
        }
    }
    assert!(counts.len() >= 6, "{counts:?}");
    assert!(counts.values().filter(|&&n| n >= 3).count() >= 3, "{counts:?}");
}

const SCRAPED: &str = "Lighthouse keeper retires after forty years\n\nLighthouse keeper retires after forty years\n\nThe lamp at Skarv Point was switched to automatic on Friday.\n\nIt had been tended by one family since 1931.\n\nOla Nordby\nOla Nordby writes about the islands.\n";

#[test]
fn export_reads_a_scraped_article() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    let records = export(&["export", "."], Some(dir.path()));
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["title"], "Lighthouse keeper retires after forty years");
    assert_eq!(r["authors"], serde_json::json!(["Ola Nordby"]));
    assert_eq!(r["bio"], "Ola Nordby writes about the islands.");
    assert_eq!(r["paragraphs"].as_array().unwrap().len(), 2);
    assert_eq!(r["format"], "txt");
    assert_eq!(r["path"], "./a.txt");
    assert_eq!(r["date"], Value::Null);
    assert_eq!(r["quotes"], serde_json::json!([]));
}

#[test]
fn moving_a_file_keeps_its_id() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    let before = export(&["export", "."], Some(dir.path()))[0]["id"].clone();
    fs::create_dir(dir.path().join("archive")).unwrap();
    fs::rename(dir.path().join("a.txt"), dir.path().join("archive/renamed.txt")).unwrap();
    let after = export(&["export", "."], Some(dir.path()));
    assert_eq!(after[0]["path"], "./archive/renamed.txt");
    assert_eq!(after[0]["id"], before);
}

#[test]
fn exact_duplicates_are_shown_once_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    fs::write(dir.path().join("b.txt"), SCRAPED.replace('\n', "\r\n")).unwrap();
    let out = broadsheet(&["export", "."], Some(dir.path()));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("./b.txt:1: warning: duplicate of ./a.txt"), "{stderr}");
}

#[test]
fn check_reports_hostile_files_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.txt"), SCRAPED).unwrap();
    fs::write(root.join("garbage.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 7]).unwrap();
    fs::write(root.join("latin1.txt"), b"Caf\xe9 reopens\n\nThe caf\xe9 on the quay reopened.\n").unwrap();
    fs::write(root.join("empty.md"), "").unwrap();
    fs::write(root.join("broken.toml"), "title = \"x\"\nbody = \n").unwrap();
    fs::write(root.join("skip.jpg"), [0xFF, 0xD8]).unwrap();
    fs::write(root.join(".hidden.txt"), "").unwrap();
    let big =
        format!("Huge\n\n{}", "A sentence that repeats to make a very large article.\n\n".repeat(400_000));
    assert!(big.len() > 20_000_000);
    fs::write(root.join("huge.txt"), big).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();

    let out = broadsheet(&["check", "."], Some(root));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("./garbage.txt: error: binary data"), "{stdout}");
    assert!(stdout.contains("./latin1.txt: warning: invalid UTF-8"), "{stdout}");
    assert!(stdout.contains("./empty.md: error: the file is empty"), "{stdout}");
    assert!(stdout.contains("./broken.toml:2: error:"), "{stdout}");
    assert!(stdout.contains("./huge.txt: warning: the file is larger than the limit"), "{stdout}");
    #[cfg(unix)]
    assert!(stdout.contains("symbolic link loop"), "{stdout}");
    assert!(!stdout.contains("skip.jpg") && !stdout.contains("hidden"), "{stdout}");
    let summary = stdout.lines().last().unwrap();
    assert!(summary.starts_with("3 articles, 1 author, "), "{summary}");
}

#[cfg(unix)]
#[test]
fn check_reports_unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, SCRAPED).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        return; // running as root: permissions do not stop us reading
    }
    let out = broadsheet(&["check", "."], Some(dir.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("./secret.txt: error: permission denied"));
}

#[test]
fn check_passes_on_a_clean_library() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    let out = broadsheet(&["check", "a.txt"], Some(dir.path()));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 article, 1 author, 0 problems\n");
}

#[test]
fn missing_paths_and_bad_arguments_exit_2() {
    let out = broadsheet(&["export", "no/such/dir"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "broadsheet: no such file or directory: no/such/dir\n");
    let out = broadsheet(&["--frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_lists_quotes_with_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Tide tables go digital\n\nHarbourmaster Petra Lindqvist announced the change.\n\n“Paper is finished,” Lindqvist said. “Nobody reads it.\n\n“Except me,” she added.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let records = export(&["export", "."], Some(dir.path()));
    assert_eq!(
        records[0]["quotes"],
        serde_json::json!([
            {"text": "Paper is finished,", "speaker": "Petra Lindqvist", "paragraph": 1},
            {"text": "Nobody reads it.\n\nExcept me,", "speaker": "Petra Lindqvist", "paragraph": 1},
        ])
    );
}

#[test]
fn help_describes_the_export_fields_and_version_works() {
    let out = broadsheet(&["export", "--help"], None);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("quotes") && help.contains("speaker"), "{help}");
    let out = broadsheet(&["--version"], None);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("broadsheet "));
}

#[test]
fn escape_sequences_in_files_never_reach_stdout() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("evil.txt"), "Title\x1b]0;pwned\x07\n\nBody \x1b[2J text.\n").unwrap();
    fs::write(dir.path().join("evil.json"), r#"{"title": "J\u001b[31mSON", "body": "x\u009b2J"}"#).unwrap();
    let out = broadsheet(&["export", "."], Some(dir.path()));
    assert!(!out.stdout.contains(&0x1b));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("\\u001b") && !text.contains('\u{9b}'), "{text}");
    assert!(text.contains("\"title\":\"Title\""), "{text}");
}

#[test]
fn authors_lists_each_author_once_with_counts() {
    let out = broadsheet(&["authors"], None);
    assert!(out.status.success());
    let authors: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let tomasz = authors.iter().find(|a| a["name"] == "Tomasz Wrona").unwrap();
    assert_eq!(tomasz["count"], 3);
    assert_eq!(tomasz["articles"].as_array().unwrap().len(), 3);
    assert!(tomasz["variants"].as_array().unwrap().len() >= 2, "{tomasz}");
    assert_eq!(tomasz["first_date"], "2024-10-13");
    assert_eq!(tomasz["last_date"], "2025-01-06");
    let mut keys: Vec<&str> = tomasz.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["articles", "bio", "count", "first_date", "last_date", "name", "variants"]);
    let aicha = authors.iter().filter(|a| a["name"].as_str().unwrap().starts_with("A")).count();
    assert_eq!(aicha, 1, "Aïcha and Aicha are one author");
}

#[test]
fn export_adds_reading_state_when_a_state_file_exists() {
    use broadsheet::library::ArticleId;
    use broadsheet::store::{Change, Position, Store};
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.db");
    let plain = export(&["export", "--state", state.to_str().unwrap()], None);
    assert!(plain[0].get("read").is_none(), "no state file, no state fields");
    let id = u64::from_str_radix(plain[0]["id"].as_str().unwrap(), 16).unwrap();
    let store = Store::open(&state).unwrap();
    store.apply(&Change::Read(ArticleId(id), true)).unwrap();
    store.apply(&Change::Bookmark(ArticleId(id), true)).unwrap();
    store.apply(&Change::Position(ArticleId(id), Some(Position { block: 2, offset: 40 }))).unwrap();
    drop(store);
    let records = export(&["export", "--state", state.to_str().unwrap()], None);
    assert_eq!(records[0]["read"], true);
    assert_eq!(records[0]["bookmarked"], true);
    assert_eq!(records[0]["position"], serde_json::json!({"paragraph": 2, "offset": 40}));
    assert_eq!(records[1]["read"], false);
    assert_eq!(records[1]["position"], Value::Null);

    let unread = export(&["search", "is:unread", "--state", state.to_str().unwrap()], None);
    assert_eq!(unread.len(), plain.len() - 1);
    let bookmarked = export(&["search", "is:bookmarked", "--state", state.to_str().unwrap()], None);
    assert_eq!(bookmarked.len(), 1);
    assert_eq!(bookmarked[0]["id"], plain[0]["id"]);
}

#[test]
fn search_prints_matching_articles() {
    let hits = export(&["search", "author:wrona"], None);
    assert_eq!(hits.len(), 3);
    let phrase = export(&["search", "\"night bus\""], None);
    assert!(phrase.iter().all(|r| r.to_string().to_lowercase().contains("night bus")));
    assert!(!phrase.is_empty());
    let accents = export(&["search", "AICHA"], None);
    assert_eq!(accents.len(), 2, "accent- and case-blind");
    assert!(export(&["search", "zzzzqqq"], None).is_empty());
}

#[test]
fn a_corrupt_state_file_is_a_clear_error_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.db");
    fs::write(&state, "not a database at all, just words".repeat(50)).unwrap();
    let before = fs::read(&state).unwrap();
    let out = broadsheet(&["export", "--state", state.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("state.db"));
    assert_eq!(fs::read(&state).unwrap(), before);
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let out = broadsheet(&["completions", shell], None);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("broadsheet") && script.contains("export") && script.contains("state"),
            "{shell}"
        );
    }
    let out = broadsheet(&["man"], None);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH broadsheet"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains("export") && page.contains("search"));
    assert_eq!(broadsheet(&["completions", "tcsh"], None).status.code(), Some(2));
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    for command in ["export", "check"] {
        let out = broadsheet(&[command, "."], Some(dir.path()));
        assert!(out.stderr.is_empty(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn dataset_columns_with_other_names_are_mapped_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("news.csv"),
        "headline,story_text,byline\nTide tables,The office prints them.,Mara Quist\n",
    )
    .unwrap();
    let unmapped = broadsheet(&["check", "news.csv"], Some(dir.path()));
    assert_eq!(unmapped.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unmapped.stdout).contains("no text column"));
    let config = dir.path().join("config.toml");
    fs::write(&config, "[library.columns]\nbody = \"story_text\"\nauthor = \"byline\"\n").unwrap();
    let records = export(&["--config", config.to_str().unwrap(), "export", "news.csv"], Some(dir.path()));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["title"], "Tide tables");
    assert_eq!(records[0]["authors"], serde_json::json!(["Mara Quist"]));
    assert_eq!(records[0]["paragraphs"], serde_json::json!(["The office prints them."]));
    assert_eq!(records[0]["format"], "csv");
    fs::write(&config, "[library.columns]\nbodi = \"story_text\"\n").unwrap();
    let typo = broadsheet(&["--config", config.to_str().unwrap(), "export", "news.csv"], Some(dir.path()));
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typo.stderr).contains("config.toml:2:1"),
        "{}",
        String::from_utf8_lossy(&typo.stderr)
    );
}

#[test]
fn every_kind_of_file_exports_with_its_format_named() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let formats: std::collections::BTreeSet<String> = [
        "feeds/rss-20.xml",
        "feeds/atom-10.atom",
        "feeds/jsonfeed-11.json",
        "pages/jsonld-newsarticle.html",
        "records/cc-news.jsonl",
        "records/trafilatura-metadata.json",
        "datasets/all-the-news.csv",
        "datasets/cc-news.tsv",
    ]
    .iter()
    .flat_map(|file| export(&["export", fixtures.join(file).to_str().unwrap()], None))
    .map(|record| record["format"].as_str().unwrap().to_owned())
    .collect();
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        ["atom", "csv", "html", "json", "jsonfeed", "jsonl", "rss", "tsv"]
    );
}

#[test]
fn check_gives_one_clear_line_for_a_file_it_cannot_use() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for (file, message) in [
        ("records/no-text.json", "error: no text field: expected one of `body`, `text`"),
        ("datasets/no-text-column.csv", "error: no text column: expected one of"),
        ("feeds/not-a-feed.xml", "error: an XML file that is not a feed"),
    ] {
        let out = broadsheet(&["check", fixtures.join(file).to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{file}: one problem and the summary:\n{stdout}");
        assert!(lines[0].contains(message), "{file}: {stdout}");
        assert!(lines[1].starts_with("0 articles"), "{file}: {stdout}");
    }
}

#[test]
fn quotes_prints_each_quotation_with_its_speaker_and_article() {
    let dir = tempfile::tempdir().unwrap();
    let first = "+++\ntitle = \"Tide tables go digital\"\ndate = 2025-02-03\n+++\n\n\
                 Harbourmaster Petra Lindqvist announced the change.\n\n\
                 “Paper is finished,” Lindqvist said. “Nobody reads it.”\n\n\
                 A sign read “closed for stocktaking” all week.\n";
    let second = "Ferry timetable changes\n\n“The late boat stays,” said Petra Lindqvist, \
                  the harbourmaster. “The early one goes.”\n";
    fs::write(dir.path().join("a.md"), first).unwrap();
    fs::write(dir.path().join("b.txt"), second).unwrap();
    let quotes = export(&["quotes", "."], Some(dir.path()));
    let articles = export(&["export", "."], Some(dir.path()));
    let id_of = |title: &str| articles.iter().find(|a| a["title"] == title).unwrap()["id"].clone();
    let digital: Vec<&Value> = quotes.iter().filter(|q| q["title"] == "Tide tables go digital").collect();
    assert_eq!(
        *digital[0],
        serde_json::json!({"text": "Paper is finished,", "speaker": "Petra Lindqvist",
            "article": id_of("Tide tables go digital"), "title": "Tide tables go digital",
            "paragraph": 1, "date": "2025-02-03"})
    );
    assert_eq!(digital[1]["text"], "Nobody reads it.");
    assert_eq!(digital[2]["speaker"], Value::Null, "a quotation nobody says is still listed");
    let ferry: Vec<&Value> = quotes.iter().filter(|q| q["title"] == "Ferry timetable changes").collect();
    assert_eq!(ferry.len(), 2);
    assert!(ferry.iter().all(|q| q["article"] == id_of("Ferry timetable changes") && q["date"].is_null()));

    let people = export(&["people", "."], Some(dir.path()));
    assert_eq!(people.len(), 1, "{people:?}");
    let petra = &people[0];
    assert_eq!(petra["name"], "Petra Lindqvist");
    assert_eq!(petra["quotes"], 4);
    assert_eq!(petra["count"], 2);
    assert_eq!(petra["articles"][0], id_of("Tide tables go digital"), "newest first");
    assert_eq!(
        (petra["first_date"].clone(), petra["last_date"].clone()),
        ("2025-02-03".into(), "2025-02-03".into())
    );
}
