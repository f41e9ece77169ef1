//! The edges of an extracted article, where reader mode keeps what a
//! person would not: the headline and byline again at the top, and at the
//! bottom subscription boxes, "read more" lists, share bars, print notes,
//! copyright lines and the author's blurb repeated from a sidebar.
//!
//! Only short blocks are ever dropped, and only while they read as
//! boilerplate from the very edge inwards: the first real paragraph from
//! either end stops the trimming.

use super::title::fold;
use crate::library::article::BlockKind;
use crate::library::author::AuthorKey;
use crate::library::html::Converted;
use crate::library::{byline, dates, stats};

/// How many blocks from the top may be headline, byline or date lines.
const TOP_BLOCKS: usize = 6;
/// Blocks longer than this (in words) are never boilerplate.
const MAX_BOILERPLATE_WORDS: usize = 40;

/// Phrases that open boilerplate blocks, in the languages we read (lowercase).
const OPENERS: &[&str] = &[
    // English
    "subscribe",
    "sign up",
    "read more",
    "read next",
    "related",
    "more from",
    "explore more",
    "more on this",
    "more stories",
    "more news",
    "see more",
    "share this",
    "share on",
    "share:",
    "follow us",
    "all rights reserved",
    "copyright",
    "print this",
    "comments",
    "advertisement",
    "click here",
    "download the app",
    "support our journalism",
    "support independent",
    "recommended",
    "most read",
    "most popular",
    "you may also like",
    "you might also like",
    "also read",
    "see also",
    "trending",
    "this article appeared",
    "a version of this article",
    "originally published",
    "sponsored",
    "terms of use",
    "privacy policy",
    "log in",
    "sign in",
    "become a member",
    "donate",
    "get the latest",
    "don't miss",
    "listen to this article",
    "newsletter",
    "up next",
    "next article",
    "previous article",
    "latest news",
    "top stories",
    "join the conversation",
    "have a news tip",
    "want more",
    "enjoyed this",
    "if you value",
    "we want to hear",
    "image:",
    "photo:",
    // The article's tags, in a line of their own
    "tags:",
    "tagged:",
    "topics:",
    "schlagworte",
    "schlagwörter",
    "mots-clés",
    "mots clés",
    "etiquetas:",
    "palavras-chave",
    "tagi:",
    "теги:",
    "etiketler",
    "标签",
    "关键词",
    "關鍵字",
    "태그",
    "キーワード",
    "الكلمات المفتاحية",
    "الوسوم",
    // German
    "abonnieren",
    "jetzt abonnieren",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "weitere artikel",
    "das könnte sie auch interessieren",
    "teilen",
    "anzeige",
    "werbung",
    "alle rechte vorbehalten",
    "kommentare",
    "zum thema",
    "weitere nachrichten",
    "auch interessant",
    // French
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "abonnez-vous",
    "partager",
    "tous droits réservés",
    "publicité",
    "commentaires",
    "sur le même sujet",
    "voir aussi",
    "lire la suite",
    "inscrivez-vous",
    // Spanish
    "leer más",
    "lee también",
    "suscríbete",
    "compartir",
    "todos los derechos reservados",
    "publicidad",
    "comentarios",
    "te puede interesar",
    "noticias relacionadas",
    "más noticias",
    "también te puede interesar",
    // Italian
    "leggi anche",
    "iscriviti",
    "condividi",
    "tutti i diritti riservati",
    "pubblicità",
    "commenti",
    "potrebbe interessarti",
    "articoli correlati",
    "altre notizie",
    // Portuguese
    "leia também",
    "leia mais",
    "assine",
    "compartilhe",
    "todos os direitos reservados",
    "publicidade",
    "comentários",
    "veja também",
    "veja mais",
    "mais notícias",
    "notícias relacionadas",
    // Dutch
    "lees ook",
    "lees meer",
    "abonneer",
    "alle rechten voorbehouden",
    "advertentie",
    "gerelateerd",
    // Czech, Polish
    "přečtěte si také",
    "čtěte také",
    "čtěte též",
    "sdílejte",
    "sdílet",
    "všechna práva vyhrazena",
    "reklama",
    "související",
    "diskuse",
    "předplatné",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "udostępnij",
    "wszelkie prawa zastrzeżone",
    "komentarze",
    "subskrybuj",
    "polecamy",
    // Russian
    "читайте также",
    "подписывайтесь",
    "поделиться",
    "все права защищены",
    "реклама",
    "комментарии",
    "по теме",
    "новости по теме",
    "подпишитесь",
    // Scandinavian, Turkish, Japanese, Chinese
    "läs också",
    "läs mer",
    "les også",
    "les mer",
    "læs også",
    "læs mere",
    "prenumerera",
    "ilgili haberler",
    "paylaş",
    "abone ol",
    "tüm hakları saklıdır",
    "関連記事",
    "相关阅读",
    "相关新闻",
    "推荐阅读",
    "版权所有",
    // Japanese
    "あわせて読みたい",
    "おすすめ記事",
    "この記事をシェア",
    "続きを読む",
    "会員登録",
    "無断転載",
    // Chinese
    "责任编辑",
    "責任編輯",
    "责编",
    "分享到",
    "扫一扫",
    "关注我们",
    "延伸阅读",
    "延伸閱讀",
    // Korean
    "관련기사",
    "관련 기사",
    "구독",
    "저작권자",
    "무단 전재",
    // Arabic, Persian, Hebrew
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ ايضا",
    "اشترك الآن",
    "اشترك في نشرتنا",
    "تابعونا",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "جميع الحقوق محفوظة",
    "بیشتر بخوانید",
    "קראו עוד",
    "כל הזכויות שמורות",
    // Hindi
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "सब्सक्राइब",
    "शेयर करें",
    "संबंधित खबरें",
    // Indonesian, Vietnamese, Ukrainian, Greek
    "baca juga",
    "simak juga",
    "dapatkan update",
    "dapatkan berita",
    "berlangganan",
    "bagikan",
    "xem thêm",
    "đọc thêm",
    "читайте також",
    "поділитися",
    "підписуйтесь",
    "διαβάστε επίσης",
    "διαβάστε ακόμη",
];

/// Marks some agencies and papers end an article with, as a block of its
/// own: "（完）", "<끝>", "-30-", "Fin.", compared without their brackets.
const END_MARKS: &[&str] = &["完", "终", "終", "了", "끝", "end", "fin", "30"];

/// Phrases that make a short block boilerplate wherever they stand in it.
const ANYWHERE: &[&str] = &[
    "©",
    "ⓒ",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "newsletter",
    "무단 전재",
    "無断転載",
    "版权所有",
    "جميع الحقوق محفوظة",
    "النشرة البريدية",
];

/// What the page says about its article that tells its edges apart.
pub struct Known<'a> {
    pub title: &'a str,
    pub authors: &'a [String],
    /// Section names (a label over the headline, "Coast", is one).
    pub sections: &'a [String],
}

/// Trims both edges of `blocks`. Returns an author's blurb found at the
/// end, as (author, bio), for the byline.
pub fn trim(blocks: &mut Vec<Converted>, known: &Known<'_>) -> Option<(String, String)> {
    trim_top(blocks, known);
    trim_bottom(blocks, known.authors)
}

/// Words as a reader counts them (two characters a word in Chinese and
/// Japanese, which have no spaces).
fn word_count(text: &str) -> usize {
    stats::words_in(text)
}

fn trim_top(blocks: &mut Vec<Converted>, known: &Known<'_>) {
    let title = fold(known.title);
    let author_keys: Vec<String> = known.authors.iter().map(|a| fold(a)).collect();
    let sections: Vec<String> = known.sections.iter().map(|s| fold(s)).filter(|s| !s.is_empty()).collect();
    let mut drop = Vec::new();
    // Where the first line that stays is: after it (a standfirst), only a
    // line that is surely the byline or the date goes, a block or two on.
    let mut story_from: Option<usize> = None;
    for (at, block) in blocks.iter().enumerate().take(TOP_BLOCKS) {
        if story_from.is_some_and(|from| at > from + 2) {
            break;
        }
        // The lead picture and its caption stay, and the lines around them
        // are read on.
        if matches!(block.block.kind, BlockKind::Image | BlockKind::Caption) {
            continue;
        }
        let text = block.block.text.trim();
        let folded = fold(text);
        let words = word_count(text);
        let lower = text.to_lowercase();
        let by_author = words <= 10 && {
            let named = fold(&byline::without_lead_in(text));
            author_keys.iter().any(|a| !a.is_empty() && named.starts_with(a.as_str()))
        };
        let opens_stamp = words <= 20 && byline::opens_with_stamp(text);
        // One look for a date, in a line short enough to be a date line
        // or opened like a stamp.
        let dated = (opens_stamp || words <= 10) && dates::find_date_in_text(text).is_some();
        // "Published 5 March 2024, updated 6 March" in a line of its own.
        let stamp = opens_stamp && dated;
        if story_from.is_some() {
            if stamp || (by_author && !lower.ends_with(['.', '!', '?'])) {
                drop.push(at);
            }
            continue;
        }
        let is_title = !title.is_empty()
            && (folded == title
                || (matches!(block.block.kind, BlockKind::Heading(_))
                    && title.contains(&folded)
                    && folded.len() * 2 > title.len()));
        let is_byline = stamp
            || is_lead_in_line(block)
            || (words <= 15
                && (lower.starts_with("by ")
                    || by_author
                    || (words <= 10 && dated)
                    || opens_stamp
                    || lower.contains("min read")
                    || lower.starts_with("listen")
                    || is_tool_line(&lower, words)
                    || is_boilerplate(text, block.link_density())));
        // The section's label over the story ("Coast"), a few words at most.
        let is_section = words <= 4 && sections.contains(&folded);
        if is_title || is_byline || is_section {
            drop.push(at);
        } else {
            story_from = Some(at);
        }
    }
    let mut at = 0;
    blocks.retain(|_| {
        at += 1;
        !drop.contains(&(at - 1))
    });
}

/// A line that opens with a byline's lead-in ("Penulis Budi Santoso |
/// Editor Sri Wahyuni", "Par Claire Morvan"): a few words, not a sentence.
/// A paragraph, not a heading ("Von Hamburg nach Sylt" over a story is
/// its subtitle), and it names someone.
fn is_lead_in_line(block: &Converted) -> bool {
    let text = block.block.text.trim();
    if block.block.kind != BlockKind::Paragraph
        || word_count(text) > 10
        || text.ends_with(['.', '!', '?', '。', ':'])
    {
        return false;
    }
    let unled = byline::without_lead_in(text);
    unled.len() < text.len() && unled.starts_with(char::is_alphabetic) && !byline::names(text).is_empty()
}

/// The byline written in the text's first lines, for a page whose
/// metadata names nobody.
pub fn byline_at_top(blocks: &[Converted]) -> Option<&str> {
    blocks.iter().take(TOP_BLOCKS).find(|b| is_lead_in_line(b)).map(|b| b.block.text.as_str())
}

/// What the tools over an article say ("Gift this article", "Save",
/// "Comments 12"), lowercase: lines of a few words that open with them.
const TOOL_LINES: &[&str] = &[
    "gift this article",
    "gift article",
    "share this article",
    "share",
    "save",
    "print",
    "comments",
    "comment",
    "this article is more than",
    "artikel teilen",
    "partager",
    "compartir",
    "condividi",
    "compartilhar",
];

/// A line of the tools over an article (`lower` is its text lowercased),
/// or its reading time ("4 min", "Listen · 4 min", "Lesezeit: 3 Min.").
fn is_tool_line(lower: &str, words: usize) -> bool {
    let opens_tool = TOOL_LINES
        .iter()
        .any(|tool| lower.strip_prefix(tool).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)));
    let reading_time = lower.chars().any(|c| c.is_ascii_digit())
        && ["min", "lesezeit", "lecture", "lectura", "leitura", "lettura", "分"]
            .iter()
            .any(|w| lower.contains(w));
    (opens_tool && words <= 8) || (reading_time && words <= 5)
}

fn trim_bottom(blocks: &mut Vec<Converted>, authors: &[String]) -> Option<(String, String)> {
    let mut bio = None;
    while let Some(last) = blocks.last() {
        let text = last.block.text.trim();
        if let Some(author) = blurb_of(text, authors) {
            bio.get_or_insert((author, text.to_owned()));
            blocks.pop();
            continue;
        }
        let heading_left_alone = matches!(last.block.kind, BlockKind::Heading(_)) && word_count(text) <= 8;
        let image_left_alone = matches!(last.block.kind, BlockKind::Image | BlockKind::Caption);
        let end_mark =
            END_MARKS.contains(&text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str());
        let signed = is_signature(text, authors);
        if is_boilerplate(text, last.link_density())
            || heading_left_alone
            || image_left_alone
            || end_mark
            || signed
        {
            blocks.pop();
            continue;
        }
        // A box near the end ("Sign up for our newsletter" and its short
        // pitch): from its opening line on, when what follows it is a
        // pitch's few words. A box in the middle of the story is followed
        // by the story's last paragraphs, which may be short ones.
        let from = blocks.len().saturating_sub(BOX_BLOCKS);
        let opening = (from..blocks.len()).find(|&i| {
            let after: Vec<usize> = blocks[i + 1..].iter().map(|b| word_count(&b.block.text)).collect();
            // (A picture's "[image: ...]" is not an "Image:" credit.)
            !matches!(blocks[i].block.kind, BlockKind::Image)
                && opens_boilerplate(&blocks[i].block.text)
                && after.iter().all(|&n| n <= SHORT_WORDS)
                && after.iter().sum::<usize>() <= PITCH_WORDS
        });
        match opening {
            Some(at) => blocks.truncate(at),
            None => break,
        }
    }
    bio
}

/// The writer's name signing the story at its end, with a job or an
/// address at most ("김민수 기자 minsu@example.kr", "Jane Doe, Reporter"),
/// not a sentence.
fn is_signature(text: &str, authors: &[String]) -> bool {
    if authors.is_empty() || word_count(text) > 8 || text.ends_with(['.', '!', '?', '。', '"', '”']) {
        return false;
    }
    let keys: Vec<AuthorKey> = authors.iter().map(|a| AuthorKey::of(a)).collect();
    let named = byline::names(text);
    !named.is_empty() && named.iter().all(|name| keys.contains(&AuthorKey::of(name)))
}

/// How many blocks from the end a boilerplate box may start.
const BOX_BLOCKS: usize = 4;
/// A block of at most this many words is short enough to sit in a box.
const SHORT_WORDS: usize = 25;
/// The most words a box's pitch after its opening line holds ("Get the
/// top stories every morning. By signing up you agree to our terms.").
pub(super) const PITCH_WORDS: usize = 40;

fn opens_boilerplate(text: &str) -> bool {
    word_count(text) <= SHORT_WORDS && starts_with_opener(text)
}

fn starts_with_opener(text: &str) -> bool {
    let lower = text.to_lowercase();
    let opening = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    OPENERS.iter().any(|p| opening.starts_with(p))
}

/// Whether a block reads as boilerplate: short, and opening with one of
/// the phrases, or mostly links (a list of other stories).
fn is_boilerplate(text: &str, link_density: f32) -> bool {
    let words = word_count(text);
    if words == 0 {
        return true;
    }
    if words > MAX_BOILERPLATE_WORDS {
        return false;
    }
    if starts_with_opener(text) {
        return true;
    }
    let lower = text.to_lowercase();
    if words <= 25 && ANYWHERE.iter().any(|p| lower.contains(p)) {
        return true;
    }
    link_density > 0.6 && words <= 25
}

/// An author's blurb ("Jane Doe is a reporter who covers..."): starts with
/// an author's name, reads like a bio, and is not long.
fn blurb_of(text: &str, authors: &[String]) -> Option<String> {
    if word_count(text) > 80 {
        return None;
    }
    authors.iter().find_map(|author| {
        let n = author.split_whitespace().count();
        let mut words = text.split_whitespace();
        let start: Vec<&str> = words.by_ref().take(n).collect();
        if AuthorKey::of(&start.join(" ")) != AuthorKey::of(author) {
            return None;
        }
        let rest = words.collect::<Vec<_>>().join(" ").to_lowercase();
        let rest = rest.trim_start_matches([',', ' ']);
        const BIO_OPENERS: [&str; 14] = [
            "is a", "is an", "is the", "covers", "writes", "reports", "has been", "joined", "was a", "ist",
            "est", "es", "è", "je",
        ];
        BIO_OPENERS.iter().any(|w| rest.starts_with(&format!("{w} "))).then(|| author.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::article::Block;

    fn blocks(texts: &[&str]) -> Vec<Converted> {
        texts.iter().map(|t| Converted { block: Block::paragraph(*t), link_bytes: 0 }).collect()
    }

    fn texts(blocks: &[Converted]) -> Vec<&str> {
        blocks.iter().map(|c| c.block.text.as_str()).collect()
    }

    /// [`super::trim`] knowing no section.
    fn trim(blocks: &mut Vec<Converted>, title: &str, authors: &[String]) -> Option<(String, String)> {
        super::trim(blocks, &Known { title, authors, sections: &[] })
    }

    const STORY: &str = "The harbour board voted on Tuesday to rebuild the seawall before the winter storms arrive in the bay.";

    #[test]
    fn the_top_loses_headline_byline_and_date() {
        let mut b =
            blocks(&["Seawall vote", "By Ana Ruiz", "5 March 2024, 10:30", STORY, "More text follows here."]);
        trim(&mut b, "Seawall vote", &["Ana Ruiz".to_owned()]);
        assert_eq!(texts(&b), [STORY, "More text follows here."]);
    }

    #[test]
    fn a_section_label_over_the_story_goes_and_its_word_further_down_stays() {
        let sections = ["Coast".to_owned(), "Town & Harbour".to_owned()];
        let known = Known { title: "Seawall vote", authors: &[], sections: &sections };
        let mut b = blocks(&["Coast", STORY, "Coast", "More text follows here."]);
        super::trim(&mut b, &known);
        assert_eq!(texts(&b), [STORY, "Coast", "More text follows here."]);
        let mut b = blocks(&["TOWN & HARBOUR", "Seawall vote", STORY]);
        super::trim(&mut b, &known);
        assert_eq!(texts(&b), [STORY]);
        // Not a label the page names: it stays.
        let mut b = blocks(&["Weather", STORY]);
        super::trim(&mut b, &known);
        assert_eq!(texts(&b), ["Weather", STORY]);
    }

    #[test]
    fn a_byline_or_stamp_under_the_standfirst_goes() {
        let standfirst = "Ab Sommer fährt eine größere Fähre zur Insel, sagt die Reederei.";
        let mut b = blocks(&[standfirst, "Von Hanna Petersen · 05.03.2024, 10:00 Uhr", STORY, "More text."]);
        trim(&mut b, "Neue Fähre", &["Hanna Petersen".to_owned()]);
        assert_eq!(texts(&b), [standfirst, STORY, "More text."]);
        let stamp = "Publié le 5 mars 2024 à 10h00, mis à jour le 6 mars 2024 à 08h15";
        let mut b = blocks(&["La ligne sera prolongée.", stamp, STORY]);
        trim(&mut b, "Le tramway", &[]);
        assert_eq!(texts(&b), ["La ligne sera prolongée.", STORY]);
        // Further down, or a sentence that names the author, stays.
        let named = "Hanna Petersen sprach mit dem Kapitän.";
        let mut b =
            blocks(&[STORY, named, "Zweiter Absatz.", "Dritter Absatz.", "Von Hanna Petersen", STORY]);
        trim(&mut b, "Neue Fähre", &["Hanna Petersen".to_owned()]);
        assert_eq!(
            texts(&b),
            [STORY, named, "Zweiter Absatz.", "Dritter Absatz.", "Von Hanna Petersen", STORY]
        );
    }

    #[test]
    fn a_lead_in_line_at_the_top_is_the_byline_but_a_subtitle_is_not() {
        let line = "Penulis Budi Santoso | Editor Sri Wahyuni";
        let b = blocks(&[line, STORY]);
        assert_eq!(byline_at_top(&b), Some(line));
        let mut trimmed = b.clone();
        trim(&mut trimmed, "", &[]);
        assert_eq!(texts(&trimmed), [STORY]);
        let heading = Block { kind: BlockKind::Heading(2), ..Block::paragraph("Von Hamburg nach Sylt") };
        let subtitle = Converted { block: heading, link_bytes: 0 };
        let b = vec![subtitle.clone(), blocks(&[STORY])[0].clone()];
        assert_eq!(byline_at_top(&b), None);
        let mut trimmed = b.clone();
        trim(&mut trimmed, "", &[]);
        assert_eq!(trimmed.len(), 2, "the subtitle stays");
    }

    #[test]
    fn the_writers_signature_at_the_end_goes() {
        let mut b = blocks(&[STORY, "김민수 기자 minsu@example.kr"]);
        trim(&mut b, "", &["김민수".to_owned()]);
        assert_eq!(texts(&b), [STORY]);
        // Someone else's name, or a sentence, stays.
        let last = ["Ana Ruiz", "Jane Doe said so."];
        let mut b = blocks(&[STORY, last[0], last[1]]);
        trim(&mut b, "", &["Jane Doe".to_owned()]);
        assert_eq!(texts(&b), [STORY, last[0], last[1]]);
    }

    #[test]
    fn the_tools_over_the_article_go() {
        let mut b = blocks(&[
            "Gift this article",
            "4 min",
            "Listen · 4 min",
            "This article is more than 2 years old",
            "Comments 12",
            "Share",
            STORY,
            "Save the date: the festival returns in June.",
        ]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [STORY, "Save the date: the festival returns in June."]);
        // The lead picture stays; the lines after it are read on.
        let mut b = blocks(&["4 min", "[image: The pier at dawn]", "Share", STORY]);
        b[1].block.kind = BlockKind::Image;
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), ["[image: The pier at dawn]", STORY]);
        // A first paragraph that opens with such a word is the story.
        let mut b = blocks(&["Share prices in the port's operator fell by a third on Monday.", STORY]);
        trim(&mut b, "", &[]);
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn the_bottom_loses_boilerplate_and_keeps_the_story() {
        let mut b = blocks(&[
            STORY,
            "The council will follow up next week.",
            "Ana Ruiz is a reporter who covers the coast.",
            "Sign up for our newsletter",
            "© 2024 The Ledger. All rights reserved.",
            "Lesen Sie auch: Der Hafen",
        ]);
        let bio = trim(&mut b, "", &["Ana Ruiz".to_owned()]);
        assert_eq!(texts(&b), [STORY, "The council will follow up next week."]);
        assert_eq!(bio.unwrap().0, "Ana Ruiz");
    }

    #[test]
    fn a_box_in_the_middle_keeps_the_short_paragraphs_after_it() {
        let short = [
            "The council will publish the full plans next week, and residents can comment on them until April.",
            "Engineers will first survey the seabed along the wall, which has shifted since the last survey.",
            "The board also agreed to look again at the lighting on the pier, after complaints from walkers.",
        ];
        let mut b =
            blocks(&[STORY, "Sign up for our free newsletter and get the top stories every morning."]);
        b.extend(blocks(&short));
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b).len(), 5, "{:?}", texts(&b));
        // At the end, with only its pitch after it, the box goes.
        let mut b = blocks(&[
            STORY,
            short[0],
            "Sign up for our free newsletter",
            "Get the top stories every morning.",
            "By signing up you agree to our privacy policy.",
        ]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [STORY, short[0]]);
    }

    #[test]
    fn link_lists_at_the_end_go() {
        let mut b = blocks(&[STORY, "Another story", "Yet another story"]);
        for c in &mut b[1..] {
            c.link_bytes = c.block.text.len();
        }
        b.insert(
            1,
            Converted {
                block: Block { kind: BlockKind::Heading(2), text: "Elsewhere".into(), emphasis: vec![] },
                link_bytes: 0,
            },
        );
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [STORY]);
    }

    #[test]
    fn edges_in_arabic_japanese_korean_and_chinese() {
        let arabic = "افتتحت البلدية صباح الثلاثاء الجسر الجديد الذي يربط الميناء بوسط المدينة.";
        let mut b = blocks(&["بقلم سارة الحسن", "الثلاثاء ٥ مارس ٢٠٢٤", arabic, "اشترك في نشرتنا البريدية"]);
        trim(&mut b, "", &["سارة الحسن".to_owned()]);
        assert_eq!(texts(&b), [arabic]);
        // "Took part" is the same verb as "subscribed": a last paragraph
        // that starts with it stays.
        let took_part = "اشترك أكثر من ألف شخص في السباق.";
        let mut b = blocks(&[arabic, took_part]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [arabic, took_part]);

        // A first paragraph with a date in it is no date line.
        let dated = "潮見市は2024年3月5日、老朽化した防波堤のかさ上げ工事を始めたと発表した。";
        let mut b = blocks(&[dated, arabic]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [dated, arabic]);

        let japanese = "潮見港で５日、老朽化した防波堤のかさ上げ工事が始まった。";
        let mut b = blocks(&["記者 山田太郎", japanese, "あわせて読みたい", "無断転載・複製を禁じます"]);
        trim(&mut b, "", &["山田太郎".to_owned()]);
        assert_eq!(texts(&b), [japanese]);

        let korean = "항구와 시내를 잇는 새 다리가 5일 개통했다.";
        let mut b = blocks(&[korean, "<끝>", "ⓒ 항구일보, 무단 전재 및 재배포 금지"]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [korean]);

        let chinese = "连接港口和市中心的新桥于周二正式通车。";
        let mut b = blocks(&[chinese, "（完）", "（责任编辑：王小明）"]);
        trim(&mut b, "", &[]);
        assert_eq!(texts(&b), [chinese]);
    }

    #[test]
    fn long_paragraphs_are_never_dropped() {
        let long = format!("Subscribe {}", "word ".repeat(60));
        let mut b = blocks(&[STORY, &long]);
        trim(&mut b, "", &[]);
        assert_eq!(b.len(), 2);
    }
}
