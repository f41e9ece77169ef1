//! Speaker attribution on the fixtures of `tests/fixtures/speakers/`: one
//! file per kind of attribution, cases in several languages, the speaker
//! expected for every quotation (see the README there). Each file is a
//! test; a failure lists every case it got wrong.

use std::path::Path;

use broadsheet::library::quotes::quotes_in;

/// One case: its language, paragraphs and expected speakers.
struct Case {
    line: usize,
    language: String,
    paragraphs: Vec<String>,
    expected: Vec<Option<String>>,
}

fn cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if let Some(language) = line.strip_prefix("== ") {
            cases.push(Case {
                line: n + 1,
                language: language.trim().to_owned(),
                paragraphs: Vec::new(),
                expected: Vec::new(),
            });
        } else if line.is_empty() || line.starts_with('#') {
            continue;
        } else if let Some(case) = cases.last_mut() {
            match line.strip_prefix("-> ") {
                Some("-") => case.expected.push(None),
                Some(name) => case.expected.push(Some(name.trim().to_owned())),
                None => case.paragraphs.push(line.to_owned()),
            }
        }
    }
    cases
}

/// Runs the cases of one file; returns (right, named, expected names, failures).
fn run(name: &str) -> (usize, usize, usize, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let found = cases(&text);
    assert!(!found.is_empty(), "{name} has no cases");
    let (mut right, mut named, mut expected_names) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in found {
        let paragraphs: Vec<&str> = case.paragraphs.iter().map(String::as_str).collect();
        let got: Vec<Option<String>> = quotes_in(&paragraphs, Some(&case.language))
            .into_iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.speaker)
            .collect();
        for (i, expected) in case.expected.iter().enumerate() {
            let said = got.get(i).cloned().flatten();
            named += usize::from(said.is_some());
            expected_names += usize::from(expected.is_some());
            right += usize::from(said.is_some() && said == *expected);
        }
        if got != case.expected {
            failures.push(format!(
                "{name}:{} [{}] expected {:?}, got {:?}",
                case.line, case.language, case.expected, got
            ));
        }
    }
    (right, named, expected_names, failures)
}

macro_rules! speaker_file {
    ($test:ident, $file:expr) => {
        #[test]
        fn $test() {
            let (right, named, expected, failures) = run($file);
            assert!(
                failures.is_empty(),
                "{right} of {expected} speakers found, {named} named:\n{}",
                failures.join("\n")
            );
        }
    };
}

speaker_file!(verbs_after_the_quote, "01-verb-after-the-quote.txt");
speaker_file!(indirect_speech_into_a_partial_quote, "02-indirect-speech-into-a-partial-quote.txt");
speaker_file!(participles, "03-participles.txt");
speaker_file!(appositives_between_name_and_verb, "04-appositive-between-name-and-verb.txt");
speaker_file!(scenes_before_the_subject, "05-scene-before-the-subject.txt");
speaker_file!(never_a_speaker, "06-never-a-speaker.txt");
speaker_file!(pronouns, "07-pronouns.txt");
speaker_file!(inflected_names, "08-inflected-names.txt");
speaker_file!(according_to, "09-according-to.txt");

#[test]
fn every_fixture_file_is_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers");
    let files = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"));
    assert_eq!(files.count(), 9, "a new fixture file needs its test above");
}
