//! Lines that stand in an article's text for what sat between its
//! paragraphs on the page: the label of an ad slot ("Advertisement"),
//! "Story continues below advertisement", and a link to another story
//! ("Read more: Storm bill climbs", "Baca juga: ..."). Reader mode keeps
//! them when the box held nothing else. Only a block that is one of these
//! labels and nothing more, or such a label and a link, goes, so no
//! sentence of the article can.

use crate::library::article::BlockKind;
use crate::library::html::Converted;

/// The lines, lowercase, in the languages we read.
const MARKERS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "the article continues below",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue",
    "scroll to continue with content",
    "skip advertisement",
    "skip past newsletter promotion",
    "after newsletter promotion",
    "anzeige",
    "werbung",
    "weiter nach der anzeige",
    "publicité",
    "la suite après cette publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "advertentie",
    "reklama",
    "реклама",
    "reklam",
    "mainos",
    "annons",
    "annonse",
    "iklan",
    "quảng cáo",
    "διαφήμιση",
    "פרסומת",
    "إعلان",
    "विज्ञापन",
    "広告",
    "广告",
    "廣告",
    "광고",
];

/// What introduces a link to another story in the middle of one, lowercase.
const STORY_LINK_LABELS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "related",
    "see also",
    "more on this",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "leer más",
    "lee también",
    "lea también",
    "te puede interesar",
    "leia também",
    "leia mais",
    "leggi anche",
    "lees ook",
    "läs även",
    "läs också",
    "les også",
    "læs også",
    "czytaj też",
    "czytaj także",
    "čtěte také",
    "читайте также",
    "читайте також",
    "baca juga",
    "xem thêm",
    "devamını oku",
    "ayrıca okuyun",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ ايضا",
    "관련기사",
    "関連記事",
    "相关阅读",
    "延伸阅读",
    "延伸閱讀",
    "ये भी पढ़ें",
    "यह भी पढ़ें",
    "इसे भी पढ़ें",
    "simak juga",
    "zobacz też",
    "zobacz także",
    "διαβάστε επίσης",
    "קראו עוד",
    "ilgili haber",
    "あわせて読みたい",
    "관련 기사",
];

/// How a newsletter's pitch in the middle of a story opens, lowercase.
const PITCH_OPENERS: &[&str] = &[
    "sign up",
    "subscribe",
    "get our",
    "get the",
    "privacy notice",
    "melden sie sich",
    "abonnieren sie",
    "inscrivez-vous",
    "abonnez-vous",
    "suscríbete",
    "regístrate",
    "iscriviti",
    "assine",
    "inscreva-se",
];

/// Removes the blocks that are only such a line, and a newsletter's
/// pitch with the short heading over it.
pub fn drop_markers(blocks: &mut Vec<Converted>) {
    let mut keep: Vec<bool> = blocks.iter().map(|b| !is_marker(&b.block.text) && !is_story_link(b)).collect();
    // "LEIA TAMBÉM:" alone, then the links it introduces, one a block.
    for i in 0..blocks.len() {
        if !keep[i] || !is_label_alone(&blocks[i].block.text) {
            continue;
        }
        let links = blocks[i + 1..].iter().take_while(|b| is_link_line(b)).count();
        if links > 0 {
            keep[i..=i + links].iter_mut().for_each(|k| *k = false);
        }
    }
    let pitches: Vec<usize> =
        (0..blocks.len()).filter(|&i| keep[i] && is_newsletter_pitch(&blocks[i].block.text)).collect();
    let mut last_dropped = None;
    for i in pitches {
        // A pitch near the end is the end's box, which the edges take
        // whole; the lines of a box after its first go with it.
        let words_after: usize = (i + 1..blocks.len())
            .filter(|&j| keep[j])
            .map(|j| crate::library::stats::words_in(&blocks[j].block.text))
            .sum();
        if last_dropped != Some(i.wrapping_sub(1)) && words_after <= super::edges::PITCH_WORDS {
            continue;
        }
        keep[i] = false;
        last_dropped = Some(i);
        if let Some(before) = i.checked_sub(1)
            && matches!(blocks[before].block.kind, BlockKind::Heading(_))
            && blocks[before].block.text.split_whitespace().count() <= 8
        {
            keep[before] = false;
        }
    }
    let mut keep = keep.into_iter();
    blocks.retain(|_| keep.next().unwrap_or(true));
}

/// "Sign up for our free newsletter and get the top stories every
/// morning": a short block about a newsletter that asks to sign up.
fn is_newsletter_pitch(text: &str) -> bool {
    // Most blocks are ruled out unread, and never lowercased.
    if text.len() > 600 {
        return false;
    }
    let lower = text.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    lower.split_whitespace().count() <= 60
        && lower.contains("newsletter")
        && PITCH_OPENERS.iter().any(|opener| {
            lower.strip_prefix(opener).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
}

/// A short block that opens with a label like "Read more" and is mostly
/// the link after it.
fn is_story_link(block: &Converted) -> bool {
    let text = block.block.text.trim_start_matches(|c: char| !c.is_alphanumeric());
    if text.len() > 200 || block.link_density() < 0.5 {
        return false;
    }
    let lower = text.to_lowercase();
    STORY_LINK_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            // The label as a whole word: "Related:", "Read more »", not "Relatedly".
            rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
        })
    })
}

/// A story-link label and nothing else ("Leia também:", "Related").
fn is_label_alone(text: &str) -> bool {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    text.len() <= 40 && STORY_LINK_LABELS.contains(&text.to_lowercase().as_str())
}

/// A line that is a link to another story: short, and mostly its link.
fn is_link_line(block: &Converted) -> bool {
    block.link_density() >= 0.8
        && crate::library::stats::words_in(&block.block.text) <= 20
        && !matches!(block.block.kind, BlockKind::Heading(_) | BlockKind::Image | BlockKind::Caption)
}

fn is_marker(text: &str) -> bool {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    // The longest marker is short: most blocks are ruled out unread.
    text.len() <= 48 && MARKERS.contains(&text.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::article::Block;

    fn blocks(texts: &[&str]) -> Vec<Converted> {
        texts.iter().map(|t| Converted { block: Block::paragraph(*t), link_bytes: 0 }).collect()
    }

    /// List items that are wholly links.
    fn linked(texts: &[&str]) -> Vec<Converted> {
        let item = |t: &&str| Block { kind: BlockKind::ListItem(None), ..Block::paragraph(*t) };
        texts.iter().map(|t| Converted { block: item(t), link_bytes: t.len() }).collect()
    }

    #[test]
    fn ad_labels_between_paragraphs_go() {
        let mut b = blocks(&[
            "The ferry will run four crossings a day.",
            "ADVERTISEMENT",
            "Commuters said the change was a blow.",
            "— Story continues below advertisement —",
            "Anzeige",
            "广告",
            "The council meets on Thursday.",
        ]);
        drop_markers(&mut b);
        let texts: Vec<&str> = b.iter().map(|c| c.block.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The ferry will run four crossings a day.",
                "Commuters said the change was a blow.",
                "The council meets on Thursday."
            ]
        );
    }

    #[test]
    fn links_to_other_stories_between_paragraphs_go() {
        let linked =
            |text: &str, link: &str| Converted { block: Block::paragraph(text), link_bytes: link.len() };
        let mut b = vec![
            linked("The ferry will run four crossings a day.", ""),
            linked("Read more: Storm damage bill climbs", "Storm damage bill climbs"),
            linked("Baca juga: Harga tiket feri naik", "Harga tiket feri naik"),
            linked("» Lesen Sie auch: Der Hafen wird erweitert", "Der Hafen wird erweitert"),
            // Not mostly a link, or not the label as a word: kept.
            linked(
                "Read more about the plans on the council's website, where the full report is.",
                "website",
            ),
            linked("Relatedly, the pier will close in May.", "pier"),
            linked("The council meets on Thursday.", ""),
        ];
        drop_markers(&mut b);
        let texts: Vec<&str> = b.iter().map(|c| c.block.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The ferry will run four crossings a day.",
                "Read more about the plans on the council's website, where the full report is.",
                "Relatedly, the pier will close in May.",
                "The council meets on Thursday."
            ]
        );
    }

    #[test]
    fn a_newsletters_pitch_in_the_story_goes_with_its_heading() {
        let mut b = blocks(&[
            "The ferry will run four crossings a day.",
            "Get the morning briefing",
            "Sign up for our free newsletter and get the top stories every morning.",
            "Privacy Notice: Newsletters may contain information about charities and online ads.",
            "Commuters said the change was a blow, and that the last crossing left too early for the evening shift.",
            "Subscribers to the ferry's newsletter were told first, the company said, a week before the timetable.",
        ]);
        b[1].block.kind = BlockKind::Heading(3);
        drop_markers(&mut b);
        let texts: Vec<&str> = b.iter().map(|c| c.block.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[2].starts_with("Subscribers"));
        // Near the end, the pitch is left to the edges, which take its box whole.
        let mut b = blocks(&[
            "The ferry will run four crossings a day.",
            "Sign up for our newsletter",
            "Get the coast news every morning.",
        ]);
        drop_markers(&mut b);
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn a_label_alone_goes_with_the_links_under_it() {
        let story = "A obra deve durar oito meses, segundo a secretaria.";
        let mut b = blocks(&[story, "LEIA TAMBÉM:"]);
        b.extend(linked(&["Nova ponte é inaugurada", "Balsa volta a operar"]));
        b.extend(blocks(&["Os pescadores reclamam do cais provisório."]));
        drop_markers(&mut b);
        let texts: Vec<&str> = b.iter().map(|c| c.block.text.as_str()).collect();
        assert_eq!(texts, [story, "Os pescadores reclamam do cais provisório."]);
        // With no links under it, the line stays (it may end the story).
        let mut b = blocks(&[story, "Related", "Os pescadores reclamam."]);
        drop_markers(&mut b);
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn sentences_that_mention_them_stay() {
        let mut b = blocks(&[
            "Advertisement revenue fell by a third.",
            "The ad ran for a week.",
            "Reklama na ulicach zniknie.",
        ]);
        drop_markers(&mut b);
        assert_eq!(b.len(), 3);
    }
}
