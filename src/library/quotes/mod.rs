//! Quotations in an article's body: where they are (exact byte ranges per
//! paragraph, marks included), what they say (without the marks), and who
//! said them. Pure text processing, linear in the size of the article.

mod finder;
pub mod lexicon;
mod names;
mod speaker;
mod words;

pub use finder::find_quotes;
pub use lexicon::Lexicon;

/// The part of one paragraph a quotation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub paragraph: usize,
    /// Byte range, quotation marks included.
    pub start: usize,
    pub end: usize,
    /// Byte ranges of the quotation marks themselves, for styling.
    pub open_mark: Option<(usize, usize)>,
    pub close_mark: Option<(usize, usize)>,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The paragraph it starts in.
    pub paragraph: usize,
    /// One span per paragraph it covers, in order.
    pub spans: Vec<QuoteSpan>,
    /// The quoted words without their marks; the paragraphs of a quotation
    /// that runs over several are joined by a blank line.
    pub text: String,
    /// Who said it, resolved to the fullest name the article uses.
    pub speaker: Option<String>,
    /// Where the attribution names the speaker: (paragraph, byte range).
    pub speaker_span: Option<(usize, usize, usize)>,
    /// 0 for a quotation, 1 for one quoted inside it, and so on.
    pub depth: u8,
}

/// Finds the quotations of `paragraphs` and attributes their speakers,
/// reading the language the text looks like.
pub fn quotes_of(paragraphs: &[&str]) -> Vec<Quote> {
    quotes_in(paragraphs, None)
}

/// Like [`quotes_of`], in `language` (a code such as "fr" or "pt-BR")
/// when the article says which it is and a lexicon exists for it.
pub fn quotes_in(paragraphs: &[&str], language: Option<&str>) -> Vec<Quote> {
    let mut quotes = find_quotes(paragraphs);
    if !quotes.is_empty() {
        let lexicon = language.and_then(Lexicon::of).unwrap_or_else(|| Lexicon::guess(paragraphs));
        speaker::attribute(paragraphs, &mut quotes, lexicon);
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        quotes_of(paragraphs).into_iter().map(|q| (q.text, q.speaker)).collect()
    }

    fn said(paragraphs: &[&str]) -> Vec<Option<String>> {
        quotes_of(paragraphs).into_iter().filter(|q| q.depth == 0).map(|q| q.speaker).collect()
    }

    fn some(names: &[&str]) -> Vec<Option<String>> {
        names.iter().map(|n| if n.is_empty() { None } else { Some((*n).to_owned()) }).collect()
    }

    #[test]
    fn name_then_verb_after_the_quote() {
        assert_eq!(said(&["“We are ready,” Lindqvist said."]), some(&["Lindqvist"]));
        assert_eq!(
            said(&["“We are ready,” Petra Lindqvist told reporters on Monday."]),
            some(&["Petra Lindqvist"])
        );
        assert_eq!(said(&["“We are ready,” Lindqvist added."]), some(&["Lindqvist"]));
    }

    #[test]
    fn verb_then_name_after_the_quote() {
        assert_eq!(said(&["“Ready,” said Jane Smith."]), some(&["Jane Smith"]));
        assert_eq!(
            said(&["“Eelgrass matters,” said marine biologist Dr. Sunniva Aalto, who leads it."]),
            some(&["Sunniva Aalto"])
        );
        assert_eq!(
            said(&["„Nobody is brave,“ said the group’s founder, retired postwoman Astrid Kolle."]),
            some(&["Astrid Kolle"])
        );
    }

    #[test]
    fn colon_before_the_quote() {
        assert_eq!(said(&["Aalto said: “It is beautiful.”"]), some(&["Aalto"]));
        assert_eq!(
            said(&["A spokesperson for the authority, Kari Vold, said: “We back it.”"]),
            some(&["Kari Vold"])
        );
        assert_eq!(said(&["Peskov told reporters: “Such a meeting is planned.”"]), some(&["Peskov"]));
    }

    #[test]
    fn appositive_between_name_and_verb() {
        assert_eq!(
            said(&["“We back it,” Kari Vold, a spokeswoman for the authority, said."]),
            some(&["Kari Vold"])
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            said(&["The plan was “a mistake from the start,” according to Jonas Ekberg."]),
            some(&["Jonas Ekberg"])
        );
    }

    #[test]
    fn surnames_resolve_to_the_full_name_used_earlier() {
        let paragraphs = [
            "Kremlin spokesman Dmitry Peskov confirmed the report.",
            "“Indeed, such a meeting is planned,” Peskov told reporters. “Such a meeting is in preparation.”",
            "“The president often holds these meetings,” Peskov added.",
        ];
        assert_eq!(said(&paragraphs), some(&["Dmitry Peskov", "Dmitry Peskov", "Dmitry Peskov"]));
    }

    #[test]
    fn titles_and_surnames_resolve() {
        let paragraphs =
            ["Choir director Ingrid Solheim led the rehearsal.", "“It thins out,” Ms Solheim said."];
        assert_eq!(said(&paragraphs), some(&["Ingrid Solheim"]));
    }

    #[test]
    fn pronouns_go_to_the_latest_named_speaker() {
        let paragraphs =
            ["“Nobody is brave,” said Astrid Kolle.", "She laughed. «Ask me at two thousand,» she said."];
        assert_eq!(said(&paragraphs), some(&["Astrid Kolle", "Astrid Kolle"]));
        assert_eq!(said(&["“Nothing,” he said."]), some(&[""]));
    }

    #[test]
    fn a_turn_continues_in_its_paragraph_only() {
        let paragraphs = ["“First part,” Brede said. “Second part of it.”", "“Nobody said this one.”"];
        assert_eq!(said(&paragraphs), some(&["Brede", "Brede", ""]));
    }

    #[test]
    fn a_partial_quote_is_its_sayers_and_a_title_nobodys() {
        let paragraphs = ["Ekberg said the town was paying for “concrete” while reading “Hamlet” aloud."];
        assert_eq!(said(&paragraphs), some(&["Ekberg", ""]));
        assert_eq!(said(&["The so-called “harbour plan” is back."]), some(&[""]));
    }

    #[test]
    fn unattributed_speech_has_no_speaker() {
        assert_eq!(said(&["“Stopping was right.” The ferry docked late."]), some(&[""]));
    }

    #[test]
    fn multi_paragraph_quote_attributed_in_its_first_paragraph() {
        let paragraphs = [
            "Photographer Johan Lund spoke at the opening.",
            "“When I started, I thought I was photographing hands,” Lund said. “Knots, needles.",
            "“By the second winter I understood.”",
        ];
        let found = quotes_of(&paragraphs);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].spans.len(), 2);
        assert_eq!(said(&paragraphs), some(&["Johan Lund", "Johan Lund"]));
    }

    #[test]
    fn pronouns_prefer_the_person_the_paragraph_names() {
        let paragraphs = [
            "“It was worth it,” said Maja Lunde.",
            "Coach Per-Erik Sand said the finish was the best in years. “I have no voice left,” he said.",
            "One of his subjects, Solveig Bakke, stood by her portrait. “I look tired,” she said.",
        ];
        assert_eq!(said(&paragraphs), some(&["Maja Lunde", "Per-Erik Sand", "Solveig Bakke"]));
    }

    #[test]
    fn indirect_speech_leading_into_a_partial_quote() {
        let paragraphs = [
            "Café owner Lise Marstrand said tourists would “simply drive to Holmvik instead.”",
            "Councillor Jonas Ekberg, one of two votes against, said the town was “paying for concrete.”",
            "One of them, Siri Dahl, said the news was welcome: “Somebody finally takes it down.”",
        ];
        assert_eq!(said(&paragraphs), some(&["Lise Marstrand", "Jonas Ekberg", "Siri Dahl"]));
    }

    #[test]
    fn groups_and_modifiers_are_not_speakers() {
        let paragraphs = [
            "Although Russian defense officials said reservists with “certain military specialties and relevant experience” would go, nobody knows.",
            "Ten-year-old Emil Haugen said the best part was “finding out that libraries make noises.”",
            "The Kremlin’s spokesman said: “No comment on that today.”",
        ];
        assert_eq!(said(&paragraphs), some(&["", "Emil Haugen", ""]));
    }

    #[test]
    fn common_wire_shapes() {
        let cases: [(&str, &str); 12] = [
            ("“We will not back down,” said Mayor Tove Hansen.", "Tove Hansen"),
            ("“The economy is strong,” President Ana Lima said on Tuesday.", "Ana Lima"),
            ("“It is a tragedy,” said Sara Holm, 34, a teacher from Bergen.", "Sara Holm"),
            ("“No comment,” a spokesperson for the company said.", ""),
            ("Lind, who has led the firm since 2019, said: “We grew.”", "Lind"),
            ("Jonsson told the broadcaster NRK: “We have no plans.”", "Jonsson"),
            ("“It was chaos,” recalled Maria Lopez, who lives nearby.", "Maria Lopez"),
            ("“We need help,” pleaded Odd Berg.", "Odd Berg"),
            ("The minister said the plan was “dead in the water”.", ""),
            ("“I’m thrilled,” said Dr. Jane Roe, the lead author.", "Jane Roe"),
            ("According to police, “the suspect fled on foot.”", ""),
            (
                "“Done,” Kari Lunde, the chief executive of the firm since 2015 and a former banker, said.",
                "Kari Lunde",
            ),
        ];
        for (paragraph, speaker) in cases {
            assert_eq!(said(&[paragraph]), some(&[speaker]), "{paragraph}");
        }
    }

    #[test]
    fn titles_acronyms_and_groups() {
        let cases: [(&str, &str); 8] = [
            ("“It’s a great day,” said Sen. Maria Lopez, D-Calif.", "Maria Lopez"),
            ("“We have to act now,” U.N. Secretary-General António Guterres said.", "António Guterres"),
            ("Police said the suspect had “a long history of violence.”", ""),
            ("Officials said the bridge would “remain closed until further notice.”", ""),
            ("“We will appeal,” his lawyer, Mark Hensley, said in an email.", "Mark Hensley"),
            ("Asked about the deal, Johnson replied: “No comment at this time.”", "Johnson"),
            ("As Nguyen says, “you cannot eat a view.”", "Nguyen"),
            ("“Stop right there,” the officer shouted.", ""),
        ];
        for (paragraph, speaker) in cases {
            assert_eq!(said(&[paragraph]), some(&[speaker]), "{paragraph}");
        }
    }

    #[test]
    fn split_quote_around_its_attribution() {
        assert_eq!(said(&["“We tried,” Smith said, “but it failed.”"]), some(&["Smith", "Smith"]));
    }

    #[test]
    fn speaker_span_points_at_the_name() {
        let p = "“We are ready,” Petra Lindqvist said.";
        let quote = &quotes_of(&[p])[0];
        let (paragraph, start, end) = quote.speaker_span.unwrap();
        assert_eq!((paragraph, &p[start..end]), (0, "Petra Lindqvist"));
    }

    #[test]
    fn nested_quote_inside_speech() {
        let found = speakers(&[
            "“Ms Solheim said, ‘Rain never just stops. It thins out.’ So now it does,” she said.",
        ]);
        assert_eq!(found[1].0, "Rain never just stops. It thins out.");
        assert_eq!(found[1].1.as_deref(), Some("Solheim"));
    }
}
