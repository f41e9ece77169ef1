//! Lines that stand in an article's text for what sat between its
//! paragraphs on the page: the label of an ad slot ("Advertisement"),
//! "Story continues below advertisement". Reader mode keeps them when the
//! slot's box held nothing else. Only a block that is one of these lines
//! and nothing more goes, so no sentence of the article can.

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

/// Removes the blocks that are only such a line.
pub fn drop_markers(blocks: &mut Vec<Converted>) {
    blocks.retain(|b| !is_marker(&b.block.text));
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
