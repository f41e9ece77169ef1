//! Author names from what feeds, pages and scrapers write in an author
//! field: "By Jane Doe and John Roe", "jane@example.com (Jane Doe)",
//! "Ana Ruiz; ana ruiz", "Von Max Weber und Eva Roth", "Jane Doe, Staff
//! Writer", `["Reuters", "https://example.com/author/jane-doe"]`.
//!
//! Organisations and agencies ("Reuters", "Agence France-Presse") are
//! names like any other; addresses, URLs, slugs, dates and section words
//! ("Staff", "News", "Updated") are not.

use super::author::{AuthorKey, clean_name};

/// Splits one author field into names, tidied and without repeats.
///
/// ```
/// use broadsheet::library::byline::names;
///
/// assert_eq!(names("By Jane Doe and JOHN ROE; jane doe"), ["Jane Doe", "JOHN ROE"]);
/// assert_eq!(names("news@example.com (Ana Ruiz)"), ["Ana Ruiz"]);
/// assert_eq!(names("Von Max Weber und Eva Roth"), ["Max Weber", "Eva Roth"]);
/// ```
pub fn names(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in split(field) {
        push_unique(&mut out, &part);
    }
    out
}

/// Names from several fields (a list of authors), without repeats.
pub fn names_from_all<'a>(fields: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for field in fields {
        for part in split(field) {
            push_unique(&mut out, &part);
        }
    }
    out
}

fn push_unique(out: &mut Vec<String>, name: &str) {
    let key = AuthorKey::of(name);
    if !out.iter().any(|n| AuthorKey::of(n) == key) {
        out.push(name.to_owned());
    }
}

/// Words that introduce a byline in the languages we read.
const LEAD_INS: [&str; 44] = [
    "written by",
    "laporan wartawan",
    "wartawan",
    "mit material von",
    "from",
    "about",
    "words by",
    "reporting by",
    "story by",
    "text by",
    "posted by",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "od",
    "autor",
    "autorin",
    "autorka",
    "autore",
    "auteur",
    "author",
    "text",
    "texto",
    "texte",
    "автор",
    "авторы",
    "текст",
    "yazar",
    "kirjoittaja",
    "tác giả",
    "κείμενο",
    "szerző",
    "penulis",
    "forfatter",
    "tekst",
    "מאת",
    "بقلم",
    "كتب",
    "लेखक",
];

/// Lead-ins that begin names when capitalised ("De Gaulle"), taken as
/// lead-ins only as written here, before a capital ("de Ion Popescu" in
/// Romanian).
const LOWERCASE_LEAD_INS: [&str; 1] = ["de"];

/// Lead-ins that are also names or words, taken as lead-ins only before a colon
/// ("Oleh: Budi Santoso" in Indonesian, but Oleh Sentsov).
/// The labels of a credited source ("Quelle: dpa", "Fuente: EFE") are
/// here too: without the colon, "Source" begins a sentence.
const COLON_LEAD_INS: [&str; 10] =
    ["oleh", "quelle", "fuente", "fonte", "sumber", "source", "źródło", "источник", "kaynak", "haber"];

/// Lead-ins of Chinese and Japanese bylines, written with no space before
/// the name ("记者张三", "文／王小明"). "文" ("text") alone would also be
/// the first character of many names, so it counts only with its mark.
const TIGHT_LEAD_INS: [&str; 15] = [
    "作者",
    "本报记者",
    "本報記者",
    "特约记者",
    "特約記者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "撰文",
    "文／",
    "文/",
    "文：",
    "文:",
    "文 ",
];

/// Words that join two names.
const JOINERS: [&str; 22] = [
    "and", "und", "et", "y", "e", "i", "en", "och", "и", "і", "та", "ve", "dan", "و", "with", "mit", "avec",
    "și", "şi", "og", "és", "oraz",
];

/// Words that start a piece's time stamp: after the names in a byline
/// ("Jane Doe Updated March 5, 2024", "Von Eva Roth Aktualisiert am
/// 05.03.2024"), or opening a line of its own (see [`opens_with_stamp`]).
const STAMP_WORDS: [&str; 26] = [
    "updated",
    "published",
    "posted",
    "modified",
    "aktualisiert",
    "veröffentlicht",
    "publié",
    "publiée",
    "actualizado",
    "actualizada",
    "publicado",
    "publicada",
    "atualizado",
    "atualizada",
    "aggiornato",
    "pubblicato",
    "bijgewerkt",
    "gepubliceerd",
    "opublikowano",
    "zaktualizowano",
    "обновлено",
    "опубликовано",
    "yayınlanma",
    "güncelleme",
    "diterbitkan",
    "diperbarui",
];

/// Words after the names that start a note on the work ("John Roe
/// contributed to this report") or the writer's links ("Jane Doe
/// Twitter: @janedoe", "Jane Doe Follow").
const NOTE_WORDS: [&str; 11] = [
    "contributed",
    "reported",
    "follow",
    "email",
    "e-mail",
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "bluesky",
    "mastodon",
];

/// A word of a stamp as written, lowercased without its punctuation.
fn stamp_word(word: &str) -> String {
    word.trim_matches([':', ',', '.']).to_lowercase()
}

/// Whether `text` opens with a time stamp ("Published 5 March 2024",
/// "Mis à jour le", "Last updated", "Stand: 05.03.2024").
pub fn opens_with_stamp(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let first = lower.split_whitespace().next().map(stamp_word).unwrap_or_default();
    STAMP_WORDS.contains(&first.as_str())
        || ["last updated", "mis à jour", "stand:"].iter().any(|p| lower.starts_with(p))
}

/// A part of a byline up to the time stamp or note that follows the
/// names, if any.
fn before_stamp(text: &str) -> &str {
    let mut words = text.split_whitespace().peekable();
    let mut kept = 0;
    let mut end = 0;
    while let Some(word) = words.next() {
        let lower = stamp_word(word);
        let french = lower == "mis" && words.peek().is_some_and(|next| *next == "à");
        let tail = STAMP_WORDS.contains(&lower.as_str()) || NOTE_WORDS.contains(&lower.as_str()) || french;
        if kept > 0 && tail {
            let before = text[..end].trim_end_matches([',', ' ', '-', '–', '—', '|']);
            return before.strip_suffix(" also").unwrap_or(before);
        }
        kept += 1;
        // The word's end in `text` (words are slices of it).
        end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    }
    text
}

/// What a part of a byline credits when it is not the writing ("Photos
/// by John Roe", "Editing by Ann Lee", "Editor: Sri Wahyuni", "责任编辑：
/// 王小明"): such a part names no author.
const OTHER_CREDITS: [&str; 29] = [
    "photo",
    "photos",
    "photograph",
    "photographs",
    "photography",
    "illustration",
    "illustrations",
    "video",
    "graphics",
    "editing",
    "edited",
    "editor",
    "editors",
    "produced",
    "design",
    "foto",
    "fotos",
    "bilder",
    "redaktur",
    "penyunting",
    "redakcja",
    "biên tập",
    "автор фото",
    "фото",
    "编辑",
    "責任編輯",
    "责任编辑",
    "編集",
    "사진",
];

/// Whether a part of a byline credits something other than the writing.
fn credits_other_work(part: &str) -> bool {
    let lower = part.trim().to_lowercase();
    OTHER_CREDITS.iter().any(|credit| {
        lower.strip_prefix(credit).is_some_and(|rest| {
            rest.starts_with([':', '：']) || rest.trim_start().starts_with(':') || rest.starts_with(" by ")
        })
    })
}

/// A part that opens with the word of a credit for other work, colon or
/// not ("Editor Sri Wahyuni", "Foto Jan Nowak").
fn opens_other_credit(part: &str) -> bool {
    let first = part.split_whitespace().next().unwrap_or("").to_lowercase();
    OTHER_CREDITS.contains(&first.as_str())
}

/// Where a credit for other work starts inside a part ("Reporter: Budi
/// Santoso Editor: Sri Wahyuni", "Jane Doe Photos by John Roe").
fn before_other_credit(part: &str) -> &str {
    let mut words = part.split_whitespace();
    let mut before = words.next().unwrap_or("");
    for word in words {
        // Most words begin no credit: only those are read to the end.
        let lower = word.to_lowercase();
        let may_open = OTHER_CREDITS.iter().any(|c| lower.starts_with(c) || c.starts_with(lower.as_str()));
        // "Text and photos by Jane Doe" credits her with both.
        let joined = JOINERS.contains(&before.to_lowercase().as_str()) || before == "&";
        let at = word.as_ptr() as usize - part.as_ptr() as usize;
        if may_open && !joined && credits_other_work(&part[at..]) {
            return part[..at].trim_end();
        }
        before = word;
    }
    part
}

fn split(field: &str) -> Vec<String> {
    let field = field.trim();
    if field.is_empty() || field.len() > 400 {
        return Vec::new();
    }
    if let Some(items) = list_literal(field) {
        return items.iter().flat_map(|item| split(item)).collect();
    }
    let mut parts: Vec<String> = Vec::new();
    // After the first part, a credit for other work needs no colon
    // ("Penulis Budi Santoso | Editor Sri Wahyuni").
    let chunks = field
        .split([';', '|', '\n', '；', '•', '·'])
        .enumerate()
        .filter(|(i, c)| {
            !c.contains("://")
                && !c.trim_start().starts_with("www.")
                && !credits_other_work(c)
                && (*i == 0 || !opens_other_credit(c))
        })
        .flat_map(|(_, c)| c.split('/'));
    for chunk in chunks {
        // "Por Ana Ruiz | Madrid": a place in a part of its own.
        if parts.first().is_some_and(|name| is_full_name(name)) && is_place(chunk.trim()) {
            continue;
        }
        parts.extend(names_in_chunk(before_stamp(before_other_credit(chunk))));
    }
    parts
}

/// A list written as Python or JSON writes one, as datasets saved from
/// pandas hold it in a CSV cell: `['Jane Doe', 'John Roe']`, `["Ana
/// Ruiz"]`, `[]`. Its items, unquoted; `None` for other text.
fn list_literal(field: &str) -> Option<Vec<String>> {
    let inner = field.strip_prefix('[')?.strip_suffix(']')?.trim();
    let mut items = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
        let body = &rest[1..];
        let end = body.find(quote)?;
        items.push(body[..end].to_owned());
        rest = body[end + 1..].trim_start();
        rest = match rest.strip_prefix(',') {
            Some(after) => after.trim_start(),
            None if rest.is_empty() => rest,
            None => return None,
        };
    }
    Some(items)
}

/// The names in one chunk of a field: split at commas and joiners, each
/// without lead-in, address, aside, job and place.
fn names_in_chunk(chunk: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let chunk = without_lead_in(chunk);
    for piece in split_commas(&chunk) {
        let piece = without_lead_in(&without_email(&before_spaced_dash(&piece)));
        for name in split_joiners(&piece) {
            parts.extend(split_capitals(&tidy(&name)).into_iter().filter(|name| is_name(name)));
        }
    }
    parts
}

/// One name as split from a field, without lead-in, aside, job and place.
fn tidy(name: &str) -> String {
    let name = clean_name(without_repeat(&without_lead_in(name)).as_str());
    without_roles(&without_place(&without_aside(&name)))
}

/// "JANE DOE Associated Press", as agencies write bylines: a name in
/// capitals, then the agency's, are two names. A name wholly in capitals
/// ("JANE DOE", "AP") or in one case throughout stays whole.
fn split_capitals(name: &str) -> Vec<String> {
    fn shouting(word: &str) -> bool {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().any(char::is_uppercase)
            && !word.chars().any(char::is_lowercase)
    }
    fn titled(word: &str) -> bool {
        word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase)
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitals = words.iter().take_while(|w| shouting(w)).count();
    let rest = &words[capitals..];
    if capitals >= 2 && rest.iter().any(|w| titled(w)) && !rest.iter().any(|w| shouting(w)) {
        vec![words[..capitals].join(" "), rest.join(" ")]
    } else {
        vec![name.to_owned()]
    }
}

/// "Jane Doe - Ledger Reporter": the name is before a spaced dash
/// (hyphenated names have no spaces), what follows only when nothing
/// before it is a name ("Staff – Jane Doe", "بقلم - سارة الحسن").
fn before_spaced_dash(piece: &str) -> String {
    let piece = piece.replace('\u{a0}', " ").replace(" – ", " - ").replace(" — ", " - ");
    if !piece.contains(" - ") {
        return piece;
    }
    let mut sides = piece.split(" - ");
    let first = sides.next().unwrap_or("");
    let names_something =
        |side: &str| split_joiners(&without_lead_in(side)).iter().any(|n| is_name(&tidy(n)));
    if names_something(first) {
        return first.to_owned();
    }
    sides.find(|side| names_something(side)).unwrap_or(first).to_owned()
}

/// "x@y.z (Name)" and "Name <x@y.z>" are Name; a bare address stays.
fn without_email(text: &str) -> String {
    let text = text.trim();
    if !text.contains('@') {
        return text.to_owned();
    }
    if let (Some(open), Some(close)) = (text.find('('), text.rfind(')'))
        && open < close
    {
        let inside = text[open + 1..close].trim();
        let outside = format!("{} {}", &text[..open], &text[close + 1..]);
        let (name, address) =
            if inside.contains('@') { (outside, inside.to_owned()) } else { (inside.to_owned(), outside) };
        return if name.trim().is_empty() { address.trim().to_owned() } else { name.trim().to_owned() };
    }
    if let (Some(open), Some(close)) = (text.find('<'), text.rfind('>'))
        && open < close
    {
        let name = text[..open].trim().trim_matches('"');
        return if name.is_empty() { text[open + 1..close].trim().to_owned() } else { name.to_owned() };
    }
    // "홍길동 기자 hong@example.com": the words without the address.
    let words: Vec<&str> = text.split_whitespace().filter(|w| !w.contains('@')).collect();
    if words.is_empty() { text.to_owned() } else { words.join(" ") }
}

/// Words of an organisation's name that "for" or "in" follows inside it
/// ("Institute for Fiscal Studies"): there the name goes on.
const BODIES: [&str; 14] = [
    "institute",
    "center",
    "centre",
    "foundation",
    "council",
    "society",
    "association",
    "committee",
    "office",
    "agency",
    "department",
    "alliance",
    "coalition",
    "campaign",
];

/// A name without the place or outlet written after it ("Jane Doe in
/// Berlin", "Eva Roth aus Hamburg", "Jane Doe for The Ledger"): the words
/// before the first "in", "aus" or "for" that a capital follows, unless an
/// organisation's name goes on through it.
fn without_place(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut = words.iter().enumerate().skip(2).find(|(i, w)| {
        // "at" only after a job: "Jane Doe, Reporter at The Ledger".
        let place_word = matches!(**w, "in" | "aus" | "for") || (**w == "at" && is_job_noun(words[i - 1]));
        place_word
            && words.get(i + 1).is_some_and(|n| n.starts_with(char::is_uppercase))
            && !BODIES.contains(&words[i - 1].to_lowercase().as_str())
    });
    match cut {
        Some((i, _)) => words[..i].join(" "),
        None => name.to_owned(),
    }
}

/// A name without what follows it in brackets ("Jane Doe (Berlin)",
/// "Ana Ruiz (AFP)"), and a name wholly in brackets ("（山田太郎）")
/// without them.
fn without_aside(name: &str) -> String {
    let name = name.trim();
    let unwrapped = name
        .strip_prefix(['(', '（', '['])
        .and_then(|n| n.strip_suffix([')', '）', ']']))
        .filter(|inner| !inner.contains(['(', '（', ')', '）']));
    if let Some(inner) = unwrapped {
        return inner.trim().to_owned();
    }
    match name.find(['(', '（']) {
        Some(open) if open > 0 && name.ends_with([')', '）']) => name[..open].trim().to_owned(),
        _ => name.to_owned(),
    }
}

/// The names after a Chinese or Japanese author's label inside a line of
/// other facts ("2024-03-05 10:30 来源：滨海日报 作者：李明"), up to the
/// next label.
pub fn labelled_names(text: &str) -> Vec<String> {
    const LABELS: [&str; 5] = ["作者", "记者", "記者", "撰文", "執筆"];
    const OTHER_LABELS: [&str; 9] =
        ["来源", "來源", "编辑", "編輯", "责任编辑", "发布", "時間", "时间", "出典"];
    let found = LABELS.iter().find_map(|label| {
        let at = text.find(label)? + label.len();
        text[at..].strip_prefix([':', '：'])
    });
    let Some(rest) = found else { return Vec::new() };
    let end = OTHER_LABELS.iter().filter_map(|label| rest.find(label)).min().unwrap_or(rest.len());
    names(&rest[..end])
}

/// `text` without the words that introduce a byline ("By", "Von",
/// "بقلم", "记者"...) at its start.
pub fn without_lead_in(text: &str) -> String {
    let mut trimmed = text.trim().trim_start_matches(['-', '–', '—', '·', ':']).trim();
    // "文／记者 王小明": each tight lead-in, then its marks.
    while let Some(rest) = TIGHT_LEAD_INS.iter().find_map(|lead| trimmed.strip_prefix(lead)) {
        trimmed = rest.trim_start_matches([' ', ':', '：', '/', '／', '\u{3000}']).trim();
    }
    // "Opinion by", "Analysis by", "Text and photos by": a word or three
    // that label the piece, then "by".
    if let Some(at) = trimmed.find(" by ").or_else(|| trimmed.find(" By "))
        && (1..=3).contains(&trimmed[..at].split_whitespace().count())
        && trimmed[..at].bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
    {
        return trimmed[at + 4..].trim().to_owned();
    }
    for lead in LOWERCASE_LEAD_INS {
        if let Some(rest) = trimmed.strip_prefix(lead).and_then(|r| r.strip_prefix(' '))
            && rest.trim_start().starts_with(char::is_uppercase)
        {
            return rest.trim().to_owned();
        }
    }
    let lower = trimmed.to_lowercase();
    let leads =
        LEAD_INS.iter().map(|lead| (lead, false)).chain(COLON_LEAD_INS.iter().map(|lead| (lead, true)));
    for (lead, needs_colon) in leads {
        if let Some(rest) = lower.strip_prefix(lead)
            && (if needs_colon {
                rest.trim_start().starts_with(':')
            } else {
                rest.starts_with([' ', ':']) || rest.is_empty()
            })
        {
            let cut = trimmed.len() - rest.len();
            return trimmed[cut..].trim_start_matches([' ', ':']).trim().to_owned();
        }
    }
    trimmed.to_owned()
}

/// Commas separate names ("A B, C D") but also a name from its job ("A B,
/// Staff Writer", dropped later as not a name); two single words are one
/// person written surname first ("Doe, Jane").
fn split_commas(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split([',', '，', '、']).map(str::trim).filter(|p| !p.is_empty()).collect();
    // The list marks of Chinese and Japanese only ever separate names.
    if parts.len() == 2 && !text.contains(['，', '、']) && parts.iter().all(|p| !p.contains(' ')) {
        return vec![text.trim().to_owned()];
    }
    // "John Roe, Jr." is one name; "Jane Doe, Ph.D." one without its degree.
    let mut names: Vec<String> = Vec::new();
    for part in parts {
        let folded = part.to_lowercase().replace('.', "");
        // "Jane Doe, Berlin", "Jane Doe, Correspondent, Berlin".
        let after_a_person = names.first().is_some_and(|name| is_full_name(name));
        match names.last_mut() {
            Some(name) if GENERATIONS.contains(&folded.as_str()) => *name = format!("{name} {part}"),
            Some(_) if DEGREES.contains(&folded.as_str()) => {}
            Some(_) if after_a_person && is_place(part) => {}
            _ => names.push(part.to_owned()),
        }
    }
    names
}

/// A person's name of two words or more, which a place may follow.
fn is_full_name(name: &str) -> bool {
    name.split_whitespace().nth(1).is_some()
}

/// Whether `part`, after a person's name and a comma, bar or slash, is
/// the place the story was written in ("Hans Müller, Berlin", "राहुल शर्मा,
/// मुंबई", "Jane Doe, New York", "Jean Dupont, à Paris") rather than another
/// name: one word, or a city's name that opens as many do ("New", "San",
/// "Rio"...), after a preposition or not, and not a news agency ("Jane
/// Doe, Reuters", "Ana Ruiz, EFE") or a paper ("Los Angeles Times"). A
/// one-word outlet outside the agencies' list ("Politico") is taken for a
/// place.
fn is_place(part: &str) -> bool {
    let mut words: Vec<&str> = part.split_whitespace().collect();
    // "à Paris", "de São Paulo", "in Berlin".
    if words.len() > 1 && PLACE_PREPOSITIONS.contains(&words[0]) {
        words.remove(0);
    }
    let place = words.join(" ");
    let one_place = match words.as_slice() {
        [_] => true,
        [first, _] | [first, _, _] => CITY_OPENERS.contains(&first.to_lowercase().as_str()),
        _ => false,
    };
    let titled = |w: &str| w.starts_with(char::is_uppercase) || is_caseless(w);
    let acronym = place.chars().count() <= 5
        && place.chars().any(char::is_uppercase)
        && !place.chars().any(char::is_lowercase);
    let paper = words.last().is_some_and(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()));
    one_place
        && !paper
        && words.first().is_some_and(|w| titled(w))
        && words.last().is_some_and(|w| titled(w))
        && !acronym
        && !place.chars().any(|c| c.is_ascii_digit())
        && !AGENCIES.contains(&place.to_lowercase().replace('.', "").as_str())
        && !is_role_word(&place.to_lowercase())
}

/// Words that open many cities' names.
const CITY_OPENERS: [&str; 20] = [
    "new", "san", "santa", "são", "los", "las", "saint", "st", "st.", "sankt", "rio", "hong", "buenos",
    "tel", "kuala", "abu", "ciudad", "port", "porto", "cape",
];

/// Prepositions a place is written after, lowercase ("Jean Dupont, à Paris").
const PLACE_PREPOSITIONS: [&str; 14] =
    ["à", "a", "in", "en", "em", "de", "da", "do", "di", "aus", "from", "w", "в", "dari"];

/// Words that end the names of papers and outlets.
const OUTLET_WORDS: [&str; 12] = [
    "times",
    "post",
    "news",
    "journal",
    "herald",
    "tribune",
    "daily",
    "press",
    "gazette",
    "chronicle",
    "today",
    "zeitung",
];

/// News agencies written as one word (acronyms in capitals are kept
/// anyway), so that one after a name is not taken for a place.
const AGENCIES: [&str; 33] = [
    "reuters",
    "afp",
    "ap",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "jiji",
    "xinhua",
    "bloomberg",
    "tass",
    "interfax",
    "yonhap",
    "pti",
    "ians",
    "ani",
    "antara",
    "bernama",
    "apa",
    "sda",
    "kna",
    "epd",
    "lusa",
    "pap",
    "belga",
    "anp",
    "ritzau",
    "notimex",
    "anadolu",
    "irna",
    "wafa",
    "upi",
    "agencies",
];

/// What follows a name after a comma without being another name.
const GENERATIONS: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];
const DEGREES: [&str; 8] = ["phd", "md", "mba", "dphil", "jd", "msc", "ma", "bsc"];

/// The same words twice ("Jane Doe Jane Doe", a byline's picture's text
/// beside its name) are one name.
fn without_repeat(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let half = words.len() / 2;
    if half >= 1 && words.len().is_multiple_of(2) && words[..half] == words[half..] {
        words[..half].join(" ")
    } else {
        name.to_owned()
    }
}

fn split_joiners(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Korean names are written without spaces: "홍길동 김철수 기자" is two.
    if words.len() > 1 && words.iter().all(|w| w.chars().all(is_hangul)) {
        return words.into_iter().map(str::to_owned).collect();
    }
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let joiner = JOINERS.contains(&lower.as_str()) || *word == "&";
        // "Jane Doe, John Roe, and Ann Lee": after the comma, "and" leads
        // (not a one-letter joiner: "I Made Sutama" is a Balinese name).
        if joiner && i == 0 && words.len() > 1 && lower.chars().count() > 1 {
            continue;
        }
        let joins = joiner && !current.is_empty() && i + 1 < words.len();
        if joins {
            names.push(current.join(" "));
            current.clear();
        } else {
            current.push(word);
        }
    }
    if !current.is_empty() {
        names.push(current.join(" "));
    }
    names
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}')
}

/// Whether a word is in a script without capitals (Chinese, Japanese,
/// Korean, Arabic, Devanagari...), where one word can be a whole name.
fn is_caseless(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase() && !c.is_uppercase())
}

/// Words that qualify a job written next to a name ("Senior
/// Correspondent Jane Doe", "Jane Doe, Contributing Editor"): they go
/// with a job noun beside them, and alone they may begin a name
/// ("National Geographic", "Business Insider").
const ROLE_ADJECTIVES: [&str; 21] = [
    "senior",
    "chief",
    "political",
    "foreign",
    "business",
    "sports",
    "science",
    "health",
    "contributing",
    "special",
    "associate",
    "deputy",
    "managing",
    "economics",
    "technology",
    "culture",
    "investigative",
    "national",
    "international",
    "freelance",
    "digital",
];

/// Jobs that go beside a name but may stand in an organisation's name
/// ("Editor & Publisher"), besides the [`JOB_NOUNS`].
const ROLE_NOUNS: [&str; 5] = ["editor", "contributor", "columnist", "journalist", "photographer"];

/// Jobs in the languages we read ("홍길동 기자"): beside a name they go,
/// and a phrase holding one anywhere is a job, not a name.
const JOB_NOUNS: [&str; 33] = [
    "staff",
    "dziennikarz",
    "dziennikarka",
    "jornalista",
    "repórter",
    "wartawan",
    "muhabiri",
    "संवाददाता",
    "مراسل",
    "writer",
    "reporter",
    "correspondent",
    "bureau",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "correspondant",
    "correspondante",
    "envoyé",
    "envoyée",
    "journaliste",
    "corresponsal",
    "periodista",
    "giornalista",
    "inviato",
    "корреспондент",
    "журналист",
    "muhabir",
    "기자",
    "특파원",
    "记者",
    "記者",
];

/// A name without the job title before or after it, when a name is left.
fn without_roles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_role = |w: &&&str| is_role_word(w);
    // A run of role words is a job only with a noun in it: "National"
    // alone begins "National Geographic", not "National Correspondent".
    let is_job = |run: &[&str]| run.iter().any(|w| is_job_noun(w));
    let mut start = words.iter().take_while(is_role).count();
    let mut end = words.len() - words.iter().rev().take_while(is_role).count();
    if !is_job(&words[..start]) {
        start = 0;
    }
    if end >= start && !is_job(&words[end..]) {
        end = words.len();
    }
    if start < end && end - start >= 1 && (start > 0 || end < words.len()) && end - start < words.len() {
        let kept = &words[start..end];
        // A job before something that is not a name ("correspondant à
        // Lyon") is a job phrase: keep it whole, to be rejected.
        if start > 0 && kept[0].starts_with(|c: char| c.is_lowercase()) {
            return name.to_owned();
        }
        // One word left of "Staff Writer" is no name, but one word in a
        // script without capitals can be ("홍길동 기자"); otherwise keep
        // the phrase to be rejected.
        if kept.len() >= 2 || is_caseless(kept[0]) {
            return kept.join(" ");
        }
    }
    name.to_owned()
}

/// Whether a word is a job (a role noun or a job noun): a run of role
/// words is a job only with one in it.
fn is_job_noun(word: &str) -> bool {
    let word = word.to_lowercase();
    let word = word.trim_matches(['.', ',', ':', '：']);
    JOB_NOUNS.contains(&word) || ROLE_NOUNS.contains(&word)
}

fn is_role_word(word: &str) -> bool {
    is_job_noun(word) || ROLE_ADJECTIVES.contains(&word.to_lowercase().trim_matches(['.', ',', ':', '：']))
}

/// Words that make a phrase a job, a section or a placeholder, not a name.
const NOT_NAMES: [&str; 72] = [
    "red",
    "author",
    "authors",
    "us",
    "reports",
    "wire",
    "email",
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "editorial",
    "contributor",
    "contributors",
    "columnist",
    "journalist",
    "photographer",
    "photos",
    "photo",
    "updated",
    "published",
    "posted",
    "news",
    "home",
    "opinion",
    "share",
    "comments",
    "comment",
    "admin",
    "administrator",
    "unknown",
    "none",
    "null",
    "nan",
    "anonymous",
    "guest",
    "team",
    "desk",
    "agency",
    "agencies",
    // "Redação, com agências": newsrooms with the agencies' copy.
    "agências",
    "agencias",
    "agenzie",
    "agences",
    "agenturen",
    "com",
    "con",
    "avec",
    "with",
    // "Haber Merkezi" (Turkish: the news centre).
    "haber",
    "merkezi",
    "wires",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redakce",
    "redação",
    "redakcja",
    "redactie",
    "redaksi",
    "redaktionen",
    "toimitus",
    "редакція",
    "редакция",
    "min",
    "read",
];

/// Words that open the name of a page's section, not of a person.
const SECTION_WORDS: [&str; 6] = ["category", "categories", "section", "topic", "topics", "tag"];

/// Whether a cleaned phrase can be a person's or an organisation's name.
pub fn is_name(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || !name.chars().any(char::is_alphabetic) {
        return false;
    }
    if name.contains('@') {
        // An address alone is all some feeds give: keep it as written.
        return !name.contains(' ');
    }
    if name.contains("://") || name.starts_with("www.") || looks_like_domain(name) {
        return false;
    }
    // A URL slug: "jane-doe", "by-jane-doe-123".
    if !name.contains(' ')
        && name.contains('-')
        && name.chars().all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit())
    {
        return false;
    }
    // "Special to The Globe": a note on the piece, not a name; "Category
    // Sports", "Section World" (newspaper's scraper): a page's section.
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if lower.starts_with("special to ") || (SECTION_WORDS.contains(&first) && name.contains(' ')) {
        return false;
    }
    // Dates, times and counts ("March 5", "3 min read"); names have no digits.
    if name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<String> =
        name.split_whitespace().map(|w| w.to_lowercase().trim_matches('.').to_owned()).collect();
    if words.len() > 6 {
        return false;
    }
    // "Staff Writer", "News Desk", "Updated": every word a job or section word.
    let placeholder = words.iter().all(|w| NOT_NAMES.contains(&w.as_str()) || w == "the" || w == "of");
    // "Senior Editor": a job and nothing else.
    let job_alone = words.iter().all(|w| is_role_word(w)) && words.iter().any(|w| is_job_noun(w));
    !placeholder && !job_alone && !words.iter().any(|w| JOB_NOUNS.contains(&w.as_str()))
}

fn looks_like_domain(name: &str) -> bool {
    if name.contains(' ') || !name.contains('.') {
        return false;
    }
    let tld = name.rsplit('.').next().unwrap_or("");
    (2..=12).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_many_languages() {
        assert_eq!(names("Jane Doe, John Roe & Ann Lee"), ["Jane Doe", "John Roe", "Ann Lee"]);
        assert_eq!(names("Marie Dupont et Paul Martin"), ["Marie Dupont", "Paul Martin"]);
        assert_eq!(names("Por Ana Ruiz y Luis Gómez"), ["Ana Ruiz", "Luis Gómez"]);
        assert_eq!(names("Иван Петров и Анна Смирнова"), ["Иван Петров", "Анна Смирнова"]);
        assert_eq!(names("Ana Ruiz; ana ruiz; ANA RUIZ"), ["Ana Ruiz"]);
        assert_eq!(names("Doe, Jane"), ["Doe, Jane"]);
    }

    #[test]
    fn jobs_and_junk_are_not_names() {
        assert_eq!(names("Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("By Staff"), Vec::<String>::new());
        assert_eq!(names("example.com"), Vec::<String>::new());
        assert_eq!(names("https://example.com/author/jane-doe"), Vec::<String>::new());
        assert_eq!(names("jane-doe"), Vec::<String>::new());
        assert_eq!(names("March 5, 2024"), Vec::<String>::new());
        assert_eq!(names("None"), Vec::<String>::new());
    }

    #[test]
    fn lead_ins_in_more_languages() {
        assert_eq!(names("Szerző: Kovács Péter"), ["Kovács Péter"]);
        assert_eq!(names("Penulis: Budi Santoso"), ["Budi Santoso"]);
        assert_eq!(names("Forfatter: Kari Nordmann"), ["Kari Nordmann"]);
        assert_eq!(names("Tekst: Jan de Vries"), ["Jan de Vries"]);
        assert_eq!(names("מאת דנה כהן"), ["דנה כהן"]);
    }

    #[test]
    fn a_spaced_dash_ends_the_name() {
        assert_eq!(names("Jane Doe - Ledger Reporter"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe – Berlin"), ["Jane Doe"]);
        assert_eq!(names("Staff — Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Anne-Marie Lind"), ["Anne-Marie Lind"]);
        assert_eq!(names("Jane Doe - Ledger Reporter; John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Ann Lee - Staff Writer, Jane Doe - Editor"), ["Ann Lee", "Jane Doe"]);
        assert_eq!(names("بقلم - سارة الحسن"), ["سارة الحسن"]);
    }

    #[test]
    fn staff_and_agencies_name_nobody() {
        assert_eq!(names("Staff and agencies"), Vec::<String>::new());
        assert_eq!(names("Guardian staff and agencies"), Vec::<String>::new());
        assert_eq!(names("Jane Doe and agencies"), ["Jane Doe"]);
        assert_eq!(names("European Space Agency"), ["European Space Agency"]);
    }

    #[test]
    fn job_titles_beside_names_go() {
        assert_eq!(names("Senior Correspondent Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("Staff Writer"), Vec::<String>::new());
    }

    #[test]
    fn the_place_after_a_name_is_not_a_name() {
        assert_eq!(names("Von Hans Müller, Berlin"), ["Hans Müller"]);
        assert_eq!(names("राहुल शर्मा, मुंबई"), ["राहुल शर्मा"]);
        assert_eq!(names("By Jane Doe, New York"), ["Jane Doe"]);
        assert_eq!(names("Por María López, São Paulo"), ["María López"]);
        assert_eq!(names("Por María López, Ciudad de México"), ["María López"]);
        assert_eq!(names("Jane Doe and John Roe, Washington"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Jane Doe, Correspondent, Berlin"), ["Jane Doe"]);
        assert_eq!(names("Par Jean Dupont, à Paris"), ["Jean Dupont"]);
        assert_eq!(names("Texto: João Silva, de São Paulo"), ["João Silva"]);
        assert_eq!(names("Por Ana Ruiz | Madrid"), ["Ana Ruiz"]);
        assert_eq!(names("Jane Doe / Berlin"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe / AFP"), ["Jane Doe", "AFP"]);
        assert_eq!(names("Jane Doe | Reuters"), ["Jane Doe", "Reuters"]);
        assert_eq!(names("Redação, com agências"), Vec::<String>::new());
        assert_eq!(names("Ana Ruiz, con agencias"), ["Ana Ruiz"]);
        assert_eq!(names("Haber Merkezi"), Vec::<String>::new());
        assert_eq!(names("Fritz Haber"), ["Fritz Haber"]);
        assert_eq!(names("Jane Doe, Sydney, Australia"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Tokyo Bureau Chief"), ["Jane Doe"]);
        // A paper is not a place, whatever city it is named for.
        assert_eq!(names("Jane Doe, Los Angeles Times"), ["Jane Doe", "Los Angeles Times"]);
        assert_eq!(names("By Jane Doe, New York Post"), ["Jane Doe", "New York Post"]);
        // Agencies, names and generations after the comma stay.
        assert_eq!(names("Jane Doe, Reuters"), ["Jane Doe", "Reuters"]);
        assert_eq!(names("Ana Ruiz, EFE"), ["Ana Ruiz", "EFE"]);
        assert_eq!(names("Anna Schmidt, dpa"), ["Anna Schmidt", "dpa"]);
        assert_eq!(names("Jane Doe, John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Jane Doe, Bloomberg News"), ["Jane Doe", "Bloomberg News"]);
        assert_eq!(names("John Roe, Jr."), ["John Roe Jr."]);
        assert_eq!(names("Doe, Jane"), ["Doe, Jane"]);
    }

    #[test]
    fn agencies_are_kept() {
        assert_eq!(names("Reuters"), ["Reuters"]);
        assert_eq!(names("Agence France-Presse"), ["Agence France-Presse"]);
        assert_eq!(names("The Associated Press"), ["The Associated Press"]);
    }

    #[test]
    fn addresses() {
        assert_eq!(names("Jane Doe <jane@example.com>"), ["Jane Doe"]);
        assert_eq!(names("jane@example.com"), ["jane@example.com"]);
        assert_eq!(names("editor@example.com (Jane Doe), web@example.com (Bo Li)"), ["Jane Doe", "Bo Li"]);
    }

    #[test]
    fn bylines_in_chinese_japanese_and_korean() {
        assert_eq!(names("记者 张三"), ["张三"]);
        assert_eq!(names("本报记者王小明"), ["王小明"]);
        assert_eq!(names("文／记者 王小明、李华"), ["王小明", "李华"]);
        assert_eq!(names("山田太郎、佐藤花子"), ["山田太郎", "佐藤花子"]);
        assert_eq!(names("张三，李四"), ["张三", "李四"]);
        assert_eq!(names("（山田太郎）"), ["山田太郎"]);
        assert_eq!(names("홍길동 기자"), ["홍길동"]);
        assert_eq!(names("홍길동 김민수 기자 hong@example.kr"), ["홍길동", "김민수"]);
        // "文" alone starts names too.
        assert_eq!(names("文在寅"), ["文在寅"]);
        assert_eq!(names("记者"), Vec::<String>::new());
    }

    #[test]
    fn lead_ins_and_jobs_in_other_languages() {
        assert_eq!(names("Автор: Иван Петров"), ["Иван Петров"]);
        assert_eq!(names("Текст: Анна Смирнова"), ["Анна Смирнова"]);
        assert_eq!(names("بقلم أحمد علي"), ["أحمد علي"]);
        assert_eq!(names("Yazar: Ayşe Yılmaz"), ["Ayşe Yılmaz"]);
        assert_eq!(names("Ali Demir ve Ayşe Yılmaz"), ["Ali Demir", "Ayşe Yılmaz"]);
        assert_eq!(names("Oleh: Budi Santoso dan Sri Wahyuni"), ["Budi Santoso", "Sri Wahyuni"]);
        assert_eq!(names("Oleh Sentsov"), ["Oleh Sentsov"]);
        assert_eq!(names("Von Hans Müller, Korrespondent"), ["Hans Müller"]);
        assert_eq!(names("Redakteurin Eva Roth"), ["Eva Roth"]);
        assert_eq!(names("Par Jean Dupont, correspondant à Lyon"), ["Jean Dupont"]);
        assert_eq!(names("Корреспондент"), Vec::<String>::new());
    }

    #[test]
    fn english_bylines_as_pages_write_them() {
        assert_eq!(names("By Jane Doe, John Roe, and Ann Lee"), ["Jane Doe", "John Roe", "Ann Lee"]);
        assert_eq!(names("Story by Jane Doe • Photos by John Roe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe; Editing by Ann Lee"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Special to The Globe"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe in Berlin"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe for The Ledger"), ["Jane Doe"]);
        assert_eq!(names("Von Eva Roth aus Hamburg"), ["Eva Roth"]);
        assert_eq!(names("By Jane Doe with John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Opinion by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Text and photos by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("I Made Sutama"), ["I Made Sutama"]);
        // A name with "in" or "for" inside, not before a capital, stays.
        assert_eq!(names("Maria in der Beek"), ["Maria in der Beek"]);
        assert_eq!(
            names("National Institute for Health Research"),
            ["National Institute for Health Research"]
        );
        assert_eq!(names("National Geographic"), ["National Geographic"]);
        assert_eq!(names("Business Insider"), ["Business Insider"]);
        assert_eq!(names("Chief Political Correspondent Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Senior Editor"), ["Jane Doe"]);
    }

    #[test]
    fn asides_in_brackets_go() {
        assert_eq!(names("Jane Doe (Berlin)"), ["Jane Doe"]);
        assert_eq!(names("Agence France-Presse (AFP)"), ["Agence France-Presse"]);
        assert_eq!(names("(Reuters)"), ["Reuters"]);
    }

    #[test]
    fn initials_and_particles_survive() {
        assert_eq!(names("J. R. Hartley"), ["J. R. Hartley"]);
        assert_eq!(names("Ludwig van Beethoven"), ["Ludwig van Beethoven"]);
        assert_eq!(names("Anna de la Cruz"), ["Anna de la Cruz"]);
    }

    #[test]
    fn a_lowercase_de_leads_in_and_a_capital_one_is_a_name() {
        assert_eq!(names("de Ion Popescu și Maria Ionescu"), ["Ion Popescu", "Maria Ionescu"]);
        assert_eq!(names("De Gaulle"), ["De Gaulle"]);
        assert_eq!(names("de la Cruz"), ["de la Cruz"]);
    }

    #[test]
    fn names_in_capitals_and_the_agency_after_them_are_parted() {
        assert_eq!(names("By ANN LEE Associated Press"), ["ANN LEE", "Associated Press"]);
        assert_eq!(
            names("By JOHN ROE and ANN LEE Associated Press"),
            ["JOHN ROE", "ANN LEE", "Associated Press"]
        );
        assert_eq!(names("JANE DOE"), ["JANE DOE"]);
        assert_eq!(names("JANE DOE AP"), ["JANE DOE AP"]);
        assert_eq!(names("UN News Centre"), ["UN News Centre"], "one word in capitals is an acronym");
    }

    #[test]
    fn the_stamp_and_the_note_after_the_names_go() {
        assert_eq!(names("By Jane Doe Updated March 5, 2024"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Published 10:30 AM EST"), ["Jane Doe"]);
        assert_eq!(names("Par Jean Dupont Mis à jour le 5 mars"), ["Jean Dupont"]);
        assert_eq!(names("Von Eva Roth Aktualisiert am 05.03.2024"), ["Eva Roth"]);
        assert_eq!(names("Jane Doe and John Roe contributed to this report"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("John Roe also contributed to this report."), ["John Roe"]);
        assert_eq!(names("Posted by Jane Doe"), ["Jane Doe"]);
        assert_eq!(
            before_stamp("Updated 10:30"),
            "Updated 10:30",
            "a stamp alone is left to the date reader"
        );
    }

    #[test]
    fn more_lead_ins_joiners_and_newsrooms() {
        assert_eq!(names("Autorka: Anna Nowak"), ["Anna Nowak"]);
        assert_eq!(names("Tác giả: Nguyễn Văn An"), ["Nguyễn Văn An"]);
        assert_eq!(names("Κείμενο: Γιώργος Παπαδόπουλος"), ["Γιώργος Παπαδόπουλος"]);
        assert_eq!(names("Kirjoittaja Matti Meikäläinen"), ["Matti Meikäläinen"]);
        assert_eq!(names("Par Jean Dupont avec AFP"), ["Jean Dupont", "AFP"]);
        assert_eq!(names("Kari Nordmann og Ola Hansen"), ["Kari Nordmann", "Ola Hansen"]);
        assert_eq!(names("Kovács Anna és Szabó Péter"), ["Kovács Anna", "Szabó Péter"]);
        assert_eq!(names("Redação"), Vec::<String>::new());
        assert_eq!(names("Redaksi"), Vec::<String>::new());
    }

    #[test]
    fn the_writers_links_a_repeat_and_degrees_go() {
        assert_eq!(names("Jane Doe Twitter: @janedoe"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe Email Twitter"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Follow"), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Ph.D."), ["Jane Doe"]);
        assert_eq!(names("John Roe, Jr., and Ann Lee"), ["John Roe Jr.", "Ann Lee"]);
        assert_eq!(names("Jane Doe Senior Reporter at The Ledger"), ["Jane Doe"]);
        assert_eq!(names("Ann Lee at Large"), ["Ann Lee at Large"], "\"at\" cuts only after a job");
    }

    #[test]
    fn a_credited_source_is_named_without_its_label() {
        assert_eq!(names("Quelle: dpa"), ["dpa"]);
        assert_eq!(names("Mit Material von dpa"), ["dpa"]);
        assert_eq!(names("Fuente: EFE"), ["EFE"]);
        assert_eq!(names("From Reuters"), ["Reuters"]);
        assert_eq!(names("Source Code Weekly"), ["Source Code Weekly"], "a label only before a colon");
        assert_eq!(names("red."), Vec::<String>::new());
        assert_eq!(names("About the author"), Vec::<String>::new());
        assert_eq!(names_from_all(["Jane Doe", "Category Sports", "Section World"]), ["Jane Doe"]);
        assert_eq!(names("From wire reports"), Vec::<String>::new());
    }

    #[test]
    fn an_editors_credit_is_not_an_author() {
        assert_eq!(names("Penulis: Budi Santoso | Editor: Sri Wahyuni"), ["Budi Santoso"]);
        assert_eq!(names("Reporter: Budi Santoso Editor: Sri Wahyuni"), ["Budi Santoso"]);
        assert_eq!(names("Editor: Sri Wahyuni"), Vec::<String>::new());
        assert_eq!(names("责任编辑：王小明"), Vec::<String>::new());
        assert_eq!(names("记者 张三 编辑：王小明"), ["张三"]);
        assert_eq!(names("Автор фото: Иван Петров"), Vec::<String>::new());
        assert_eq!(names("Jane Doe Photos by John Roe"), ["Jane Doe"]);
        assert_eq!(names("Penulis Budi Santoso | Editor Sri Wahyuni"), ["Budi Santoso"]);
        assert_eq!(names("Editor Sri Wahyuni"), ["Sri Wahyuni"], "a first part may be the writer's job");
    }

    #[test]
    fn a_job_with_a_colon_leads_in() {
        assert_eq!(names("Muhabir: Ahmet Yılmaz"), ["Ahmet Yılmaz"]);
        assert_eq!(names("Haber: Ahmet Yılmaz"), ["Ahmet Yılmaz"]);
        assert_eq!(names("مراسل: محمد علي"), ["محمد علي"]);
        assert_eq!(names("Jan Kowalski | Dziennikarz"), ["Jan Kowalski"]);
        assert_eq!(names("Laporan wartawan Kompas.com, Budi Santoso"), ["Budi Santoso"]);
    }

    #[test]
    fn a_chinese_authors_label_inside_a_line_of_facts() {
        assert_eq!(labelled_names("2024-03-05 10:30 来源：滨海日报 作者：李明"), ["李明"]);
        assert_eq!(labelled_names("作者：李明、王华 编辑：张华"), ["李明", "王华"]);
        assert_eq!(labelled_names("来源：滨海日报"), Vec::<String>::new());
        assert_eq!(names("作者：李明"), ["李明"]);
    }

    #[test]
    fn a_list_written_in_a_dataset_cell() {
        assert_eq!(names("['Jane Doe', 'John Roe']"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("[\"Ana Ruiz\", \"By Bo Li\"]"), ["Ana Ruiz", "Bo Li"]);
        assert_eq!(names("[]"), Vec::<String>::new());
        assert_eq!(names("[Reuters]"), ["Reuters"], "not a list of quoted names: read as text");
    }
}
