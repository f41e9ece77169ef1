//! Reading publication dates however they are written: RFC 3339 and RFC
//! 2822 (with zone names such as EST), ISO 8601 with or without a zone or
//! fractional seconds, "YYYY-MM-DD HH:MM:SS", 12-hour clocks, numeric dates
//! with `/`, `.` or `-`, month and weekday names in many languages
//! ("5. März 2024", "mardi 5 mars 2024", "5 марта 2024 г."), CJK dates
//! (2024年3月5日) and Unix timestamps.
//!
//! A date without a time of day is a [`ArticleDate::Day`]; a time without a
//! zone is taken as UTC. Years before 1800 (a scraper's "1-01-01 00:00:00"
//! placeholder) are not dates.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::article::ArticleDate;

/// The earliest and latest years taken as real publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Parses a date written in any of the common forms.
///
/// ```
/// use broadsheet::library::dates::parse_date;
///
/// assert_eq!(parse_date("Tue, 05 Mar 2024 10:00:00 EST").unwrap().to_string(), "2024-03-05T10:00:00-05:00");
/// assert_eq!(parse_date("5. März 2024").unwrap().to_string(), "2024-03-05");
/// assert!(parse_date("1-01-01 00:00:00").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<ArticleDate> {
    parse_date_as(text, SlashDates::MonthFirst)
}

/// How a numeric date with slashes is read when either number could be
/// the month ("05/03/2024"): the United States write the month first,
/// most of the world the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashDates {
    MonthFirst,
    DayFirst,
}

impl SlashDates {
    /// The order for text in `language` (a BCP 47 tag such as "en-GB"):
    /// month first for American English, and for English of no region or
    /// no language known, where American sites are the likelier; day first
    /// for every other language and region.
    pub fn for_language(language: Option<&str>) -> Self {
        let Some(tag) = language.map(|l| l.trim().to_ascii_lowercase().replace('_', "-")) else {
            return Self::MonthFirst;
        };
        let mut parts = tag.split('-');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("" | "en", None) | ("en", Some("us" | "ph" | "ca")) => Self::MonthFirst,
            _ => Self::DayFirst,
        }
    }
}

/// [`parse_date`], reading slashed numeric dates in the order given.
pub fn parse_date_as(text: &str, slash: SlashDates) -> Option<ArticleDate> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    let text = ascii_digits(text);
    let text = text.as_ref();
    strict(text)
        .or_else(|| basic_iso(text))
        .or_else(|| timestamp(text))
        .or_else(|| loose(text, slash))
        .filter(|d| YEARS.contains(&year(*d)))
}

/// `text` with the decimal digits of other scripts written as ASCII ones:
/// full-width (２０２４年), Arabic-Indic (٢٠٢٤), Persian, Devanagari and
/// Bengali.
fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| other_digit(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| other_digit(c).unwrap_or(c)).collect())
}

fn other_digit(c: char) -> Option<char> {
    let zero = match c {
        '\u{ff10}'..='\u{ff19}' => 0xff10,
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06f0}'..='\u{06f9}' => 0x06f0,
        '\u{0966}'..='\u{096f}' => 0x0966,
        '\u{09e6}'..='\u{09ef}' => 0x09e6,
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

fn year(date: ArticleDate) -> i32 {
    use chrono::Datelike;
    date.day().year()
}

/// The exact machine formats, which chrono reads directly.
fn strict(text: &str) -> Option<ArticleDate> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(ArticleDate::Instant(instant));
    }
    if let Ok(instant) = DateTime::parse_from_rfc2822(text) {
        return Some(ArticleDate::Instant(instant));
    }
    if text.len() == 10
        && let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
    {
        return Some(ArticleDate::Day(day));
    }
    None
}

/// ISO 8601's basic format, without separators: "20240305T103000Z",
/// "20240305T1030+0100" (a day alone, "20240305", is read by `loose`).
fn basic_iso(text: &str) -> Option<ArticleDate> {
    let (day, rest) = text.split_once('T')?;
    let clock_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) || !matches!(clock_len, 4 | 6) {
        return None;
    }
    let (clock, zone) = rest.split_at(clock_len);
    let seconds = if clock_len == 6 { &clock[4..] } else { "00" };
    let zone = match zone {
        "" | "Z" => "Z".to_owned(),
        _ if zone.len() == 5 && zone.starts_with(['+', '-']) => format!("{}:{}", &zone[..3], &zone[3..]),
        _ if zone.len() == 6 && zone.starts_with(['+', '-']) => zone.to_owned(),
        _ => return None,
    };
    let extended = format!(
        "{}-{}-{}T{}:{}:{seconds}{zone}",
        &day[..4],
        &day[4..6],
        &day[6..],
        &clock[..2],
        &clock[2..4]
    );
    DateTime::parse_from_rfc3339(&extended).ok().map(ArticleDate::Instant)
}

/// A Unix timestamp in seconds or milliseconds.
fn timestamp(text: &str) -> Option<ArticleDate> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.len() < 9
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // YYYYMMDD is eight digits; a plausible timestamp is nine or more.
    let value: i64 = whole.parse().ok()?;
    let seconds = if whole.len() >= 12 { value / 1000 } else { value };
    let utc = FixedOffset::east_opt(0)?;
    utc.timestamp_opt(seconds, 0).single().map(ArticleDate::Instant)
}

/// One piece of a date as written.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A run of digits, with the character that follows it (if any).
    Number { digits: String, next: Option<char> },
    /// A run of letters, folded to lowercase without accents.
    Word(String),
    /// An American zone written without saying whether it is daylight
    /// time ("10:30 AM ET"): its standard offset in hours.
    UsZone(i32),
    /// A clock time: hours, minutes, seconds, nanoseconds.
    Time(u32, u32, u32, u32),
    /// An explicit offset such as `+02:00`, in seconds.
    Offset(i32),
}

/// Everything else: split into tokens, then read the tokens for a year,
/// month, day, time and zone.
fn loose(text: &str, slash: SlashDates) -> Option<ArticleDate> {
    let tokens = tokenize(text);
    let mut year: Option<i32> = None;
    let mut month: Option<u32> = None;
    let mut named_month = false;
    let mut day: Option<u32> = None;
    let mut time: Option<(u32, u32, u32, u32)> = None;
    let mut offset: Option<i32> = None;
    let mut meridiem: Option<bool> = None;
    let mut us_zone: Option<i32> = None;
    let mut numbers: Vec<(String, Option<char>)> = Vec::new();
    let mut thai = false;
    for token in &tokens {
        match token {
            Token::Time(h, m, s, n) if time.is_none() => time = Some((*h, *m, *s, *n)),
            Token::Offset(seconds) if time.is_some() || offset.is_none() => offset = Some(*seconds),
            Token::UsZone(hours) if time.is_some() && offset.is_none() => us_zone = Some(*hours),
            Token::Word(word) => {
                thai |= word.chars().any(|c| matches!(c, '\u{0e00}'..='\u{0e7f}'));
                if let Some(m) = month_named(word).filter(|_| month.is_none()) {
                    month = Some(m);
                    named_month = true;
                } else if let Some(pm) = meridiem_of(word) {
                    meridiem = Some(pm);
                } else if let Some(seconds) = zone_offset(word).filter(|_| time.is_some() && offset.is_none())
                {
                    offset = Some(seconds);
                }
            }
            Token::Number { digits, next } => {
                // CJK dates: 2024年3月5日.
                match next {
                    Some('年') => year = digits.parse().ok(),
                    Some('月') => month = digits.parse().ok(),
                    Some('日') => day = digits.parse().ok(),
                    _ => numbers.push((digits.clone(), *next)),
                }
            }
            _ => {}
        }
    }
    // Numbers: a four-digit year, YYYYMMDD, then day and month.
    let mut small: Vec<u32> = Vec::new();
    for (digits, _) in &numbers {
        match digits.len() {
            8 if year.is_none() && month.is_none() => {
                year = digits[..4].parse().ok();
                month = digits[4..6].parse().ok();
                day = digits[6..].parse().ok();
            }
            4 if year.is_none() => year = digits.parse().ok(),
            1 | 2 => small.push(digits.parse().ok()?),
            _ => {}
        }
    }
    match (month, small.as_slice()) {
        (Some(_), [d, ..]) if day.is_none() => day = Some(*d),
        (None, [a, b, ..]) if day.is_none() => {
            let (m, d) = numeric_order(&numbers, *a, *b, slash);
            month = Some(m);
            day = Some(d);
        }
        _ => {}
    }
    // A two-digit year after a named month and a day: "5 Mar 24".
    let two_digit_year =
        numbers.iter().filter(|(d, _)| d.len() <= 2).nth(1).is_some_and(|(d, _)| d.len() == 2);
    if year.is_none()
        && named_month
        && two_digit_year
        && let [_, y, ..] = small.as_slice()
    {
        year = Some(2000 + *y as i32);
    }
    // The Thai solar calendar counts from 543 BC: 2567 is 2024.
    if thai && year.is_some_and(|y| y > 2400) {
        year = year.map(|y| y - 543);
    }
    let mut date = NaiveDate::from_ymd_opt(year?, month?, day.unwrap_or(1).max(1))?;
    if day.is_none() && time.is_none() {
        // "March 2024": the month alone is a date, its first day.
        return Some(ArticleDate::Day(date));
    }
    let Some((mut hour, minute, second, nanos)) = time else {
        return Some(ArticleDate::Day(date));
    };
    if hour == 24 {
        hour = 0;
        date = date.succ_opt()?;
    }
    match meridiem {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let clock = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    if let Some(standard) = us_zone.filter(|_| offset.is_none()) {
        offset = Some((standard + i32::from(us_daylight_time(date))) * 3600);
    }
    let zone = FixedOffset::east_opt(offset.unwrap_or(0))?;
    let instant = zone.from_local_datetime(&NaiveDateTime::new(date, clock)).single()?;
    Some(ArticleDate::Instant(instant))
}

/// Whether the United States keep daylight time on `date`: from the
/// second Sunday of March to the first Sunday of November (since 2007).
fn us_daylight_time(date: NaiveDate) -> bool {
    use chrono::{Datelike, Weekday};
    let sunday =
        |month: u32, nth: u8| NaiveDate::from_weekday_of_month_opt(date.year(), month, Weekday::Sun, nth);
    match (sunday(3, 2), sunday(11, 1)) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

/// Reads two small numbers of a numeric date as (month, day): the order
/// the separators imply (`/` as `slash` says, `.` and `-` day first),
/// unless a number over 12 says otherwise. A leading four-digit year
/// (2024/03/05, 2024-03-05) means month then day.
fn numeric_order(numbers: &[(String, Option<char>)], a: u32, b: u32, slash: SlashDates) -> (u32, u32) {
    let year_first = numbers.first().is_some_and(|(d, _)| d.len() == 4);
    if year_first {
        return (a, b);
    }
    if a > 12 {
        return (b, a);
    }
    if b > 12 {
        return (a, b);
    }
    let separator = numbers.iter().find(|(d, _)| d.len() <= 2).and_then(|(_, next)| *next);
    if separator == Some('/') && slash == SlashDates::MonthFirst { (a, b) } else { (b, a) }
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            // A clock: 10:30, 10:30:15, 10:30:15.123, also 10h30, 10時30分
            // and 10시 30분; and 10.30 once the year is past ("5 March
            // 2024 10.30 GMT", where before it "05.03" is a day and month).
            let year_past =
                || tokens.iter().any(|t| matches!(t, Token::Number { digits, .. } if digits.len() == 4));
            let dotted = start > 0
                && chars[start - 1].is_whitespace()
                && i < chars.len()
                && chars[i] == '.'
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && chars.get(i + 2).is_some_and(char::is_ascii_digit)
                && chars.get(i + 3).is_none_or(|c| c.is_whitespace())
                && year_past();
            if digits.len() <= 2
                && i < chars.len()
                && (matches!(chars[i], ':' | 'h' | '時' | '시') || dotted)
                && let Some((time, end)) = clock(&chars, start)
            {
                tokens.push(Token::Time(time.0, time.1, time.2, time.3));
                i = end;
                continue;
            }
            // "T10:00:00" after a date is handled by the clock above once
            // the T is skipped; a signed offset is read below.
            tokens.push(Token::Number { digits, next: chars.get(i).copied() });
            continue;
        }
        if (c == '+' || c == '-' || c == '−')
            && tokens.iter().any(|t| matches!(t, Token::Time(..)))
            && let Some((seconds, end)) = offset(&chars, i)
        {
            tokens.push(Token::Offset(seconds));
            i = end;
            continue;
        }
        if c == 'Z' && i + 1 == chars.len() && tokens.iter().any(|t| matches!(t, Token::Time(..))) {
            tokens.push(Token::Offset(0));
            i += 1;
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            // Marks belong to their letters (the virama of "मार्च").
            while i < chars.len()
                && (chars[i].is_alphabetic() || is_combining_mark(chars[i]) || chars[i] == '.')
            {
                // "a.m." and "Sept." keep their dots; a word ends at a
                // dot followed by a digit or space only once letters stop.
                if chars[i] == '.' && chars.get(i + 1).is_none_or(|n| !n.is_alphabetic()) {
                    i += 1;
                    break;
                }
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // In capitals only: "et" is "and" in French.
            let us_zone = match word.as_str() {
                "ET" => Some(-5),
                "CT" => Some(-6),
                "MT" => Some(-7),
                "PT" => Some(-8),
                _ => None,
            };
            if let Some(hours) = us_zone {
                tokens.push(Token::UsZone(hours));
                continue;
            }
            let folded = fold(&word);
            // The T between an ISO date and its time.
            if folded != "t" {
                tokens.push(Token::Word(folded));
            }
            continue;
        }
        i += 1;
    }
    tokens
}

/// A clock time starting at `start`: returns it and where it ends.
fn clock(chars: &[char], start: usize) -> Option<((u32, u32, u32, u32), usize)> {
    let mut i = start;
    let number = |i: &mut usize, max_len: usize| -> Option<u32> {
        let from = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() && *i - from < max_len {
            *i += 1;
        }
        (*i > from).then(|| chars[from..*i].iter().collect::<String>().parse().ok()).flatten()
    };
    let hour = number(&mut i, 2)?;
    let mark = *chars.get(i)?;
    if !matches!(mark, ':' | 'h' | '.' | '時' | '시') {
        return None;
    }
    i += 1;
    if mark == '시' {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
    }
    let minute = number(&mut i, 2)?;
    // The minute's own mark: 30分, 30분.
    if matches!(mark, '時' | '시') && matches!(chars.get(i), Some('分' | '분')) {
        i += 1;
    }
    let mut second = 0;
    let mut nanos = 0;
    if chars.get(i) == Some(&':') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        second = number(&mut i, 2)?;
        if matches!(chars.get(i), Some('.' | ',')) && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            let from = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[from..i].iter().take(9).collect();
            let scale = 10u32.pow(9 - digits.len() as u32);
            nanos = digits.parse::<u32>().unwrap_or(0) * scale;
        }
    }
    // "24:00" is the end of the day: the next one's midnight (see `loose`).
    let midnight = hour == 24 && minute == 0 && second == 0 && nanos == 0;
    ((hour < 24 || midnight) && minute < 60 && second < 61)
        .then_some(((hour, minute, second.min(59), nanos), i))
}

/// A signed offset (`+0200`, `+02:00`, `-05`) at `start`, in seconds.
fn offset(chars: &[char], start: usize) -> Option<(i32, usize)> {
    let sign = if chars[start] == '+' { 1 } else { -1 };
    let mut i = start + 1;
    let mut digits = String::new();
    while i < chars.len() && (chars[i].is_ascii_digit() || (chars[i] == ':' && digits.len() == 2)) {
        if chars[i] != ':' {
            digits.push(chars[i]);
        }
        i += 1;
    }
    let (hours, minutes): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then_some((sign * (hours * 3600 + minutes * 60), i))
}

/// Lowercase, without accents or trailing dots.
fn fold(word: &str) -> String {
    word.trim_end_matches('.').nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn meridiem_of(word: &str) -> Option<bool> {
    match word {
        "am" | "a.m" | "vorm" => Some(false),
        "pm" | "p.m" | "nachm" => Some(true),
        _ => None,
    }
}

/// Zone abbreviations seen in feeds, with their offsets in seconds.
fn zone_offset(word: &str) -> Option<i32> {
    let hours = |h: f32| Some((h * 3600.0) as i32);
    match word {
        "z" | "ut" | "utc" | "gmt" | "wet" => hours(0.0),
        "est" => hours(-5.0),
        "edt" => hours(-4.0),
        "cst" => hours(-6.0),
        "cdt" => hours(-5.0),
        "mst" => hours(-7.0),
        "mdt" => hours(-6.0),
        "pst" => hours(-8.0),
        "pdt" => hours(-7.0),
        "akst" => hours(-9.0),
        "akdt" => hours(-8.0),
        "hst" => hours(-10.0),
        "ast" => hours(-4.0),
        "adt" => hours(-3.0),
        "nst" => hours(-3.5),
        "ndt" => hours(-2.5),
        "brt" | "art" => hours(-3.0),
        "bst" | "cet" | "mez" | "west" | "wat" => hours(1.0),
        "cest" | "mesz" | "eet" | "sast" | "cat" => hours(2.0),
        "eest" | "msk" | "мск" | "eat" | "trt" => hours(3.0),
        "ist" => hours(5.5),
        "wib" => hours(7.0),
        "hkt" | "sgt" | "awst" | "pht" | "cst8" => hours(8.0),
        "jst" | "kst" => hours(9.0),
        "acst" => hours(9.5),
        "aest" => hours(10.0),
        "aedt" => hours(11.0),
        "nzst" => hours(12.0),
        "nzdt" => hours(13.0),
        _ => None,
    }
}

/// Month names and abbreviations in the languages news comes in,
/// nominative and genitive forms both (Hebrew also with its "in" prefix);
/// looked up folded (see [`fold`]). Thai's abbreviations (มี.ค.) are not
/// here: folded, without their vowel marks, two of them are one.
const MONTHS: [&str; 12] = [
    "january jan janv janvier januar janner jaenner enero ene gennaio gen janeiro januari leden ledna styczen stycznia январь января янв ocak ιανουαριου ιαν tammikuuta tammikuu ianuarie sijecanj siječnja січень січня ינואר בינואר يناير जनवरी มกราคม",
    "february feb febr fevr fevrier februar febrero febbraio fevereiro fev februari unor unora luty lutego февраль февраля фев sub subat φεβρουαριου φεβ helmikuuta helmikuu februarie veljaca veljače лютий лютого פברואר בפברואר فبراير شباط फ़रवरी फरवरी กุมภาพันธ์",
    "march mar mars marts marz mrz marzo marco maart mrt brezen brezna marzec marca март марта mart μαρτιου μαρ maaliskuuta maaliskuu maret marcius martie ožujak ožujka березень березня מרץ במרץ مارس آذار मार्च มีนาคม",
    "april apr avr avril abril abr aprile aprilie duben dubna kwiecien kwietnia апрель апреля апр nisan απριλιου απρ huhtikuuta huhtikuu aprilis travanj travnja квітень квітня אפריל באפריל أبريل ابريل نيسان अप्रैल เมษายน",
    "may mai mayo maggio mag maio mei kveten kvetna maj maja май мая mayis μαιου toukokuuta toukokuu majus svibanj svibnja травень травня מאי במאי مايو أيار मई พฤษภาคม",
    "june jun juin juni junio giugno giu junho cerven cervna czerwiec czerwca июнь июня июн haziran ιουνιου ιουν kesakuuta kesakuu junius iunie lipanj lipnja червень червня יוני ביוני يونيو يونيه حزيران जून มิถุนายน",
    "july jul juil juillet juli julio luglio lug julho cervenec cervence lipiec lipca июль июля июл temmuz ιουλιου ιουλ heinakuuta heinakuu julius iulie julai srpanj srpnja липень липня יולי ביולי يوليو يوليه تموز जुलाई กรกฎาคม",
    "august aug aout agosto ago augustus srpen srpna sierpien sierpnia август августа авг agustos αυγουστου αυγ elokuuta elokuu agustus augusztus augusti ogos kolovoz kolovoza серпень серпня אוגוסט באוגוסט أغسطس اغسطس آب अगस्त สิงหาคม",
    "september sep sept septembre septiembre setiembre settembre set setembro zari wrzesien wrzesnia сентябрь сентября сен сент eylul σεπτεμβριου σεπ syyskuuta syyskuu szeptember septembrie rujan rujna вересень вересня ספטמבר בספטמבר سبتمبر أيلول सितंबर सितम्बर กันยายน",
    "october oct octobre oktober okt octubre ottobre ott outubro out rijen rijna pazdziernik pazdziernika октябрь октября окт ekim οκτωβριου οκτ lokakuuta lokakuu octombrie жовтень жовтня אוקטובר באוקטובר أكتوبر اكتوبر अक्टूबर ตุลาคม",
    "november nov novembre noviembre novembro listopad listopadu listopada ноябрь ноября ноя нояб kasim νοεμβριου νοε marraskuuta marraskuu noiembrie studeni studenoga листопад листопада נובמבר בנובמבר نوفمبر नवंबर नवम्बर พฤศจิกายน",
    "december dec decembre dezember dez diciembre dic dicembre dezembro prosinec prosince grudzien grudnia декабрь декабря дек aralik δεκεμβριου δεκ joulukuuta joulukuu desember disember decembrie prosinac prosinca грудень грудня דצמבר בדצמבר ديسمبر दिसंबर दिसम्बर ธันวาคม",
];

static MONTH_NAMES: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for (index, words) in MONTHS.iter().enumerate() {
        for word in words.split_whitespace() {
            names.entry(fold(word)).or_insert(index as u32 + 1);
        }
    }
    names
});

fn month_named(word: &str) -> Option<u32> {
    MONTH_NAMES.get(word).copied()
}

/// Dates found in running text ("Published 5 March 2024, 10:30"): the first
/// stretch of at most a dozen words that reads as a date with a year.
/// A Chinese, Japanese or Korean date inside running text, where no
/// space sets it apart ("更新日時：2024年3月5日 9時30分"), with the number
/// of the whitespace-separated word it starts in.
fn cjk_date_in(text: &str) -> Option<(ArticleDate, usize)> {
    // "今年" (this year) has the mark too: each one a year may end at.
    text.match_indices(['年', '년']).find_map(|(year_mark, _)| {
        let digits = text[..year_mark].bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        let start = year_mark - digits;
        let candidate: String = text[start..].chars().take(24).collect();
        let word = text[..start].split_whitespace().count()
            - usize::from(!text[..start].ends_with(char::is_whitespace) && start > 0);
        parse_date(&candidate).map(|date| (date, word))
    })
}

pub fn find_date_in_text(text: &str) -> Option<ArticleDate> {
    find_date_and_where(text).map(|(date, _)| date)
}

/// [`find_date_in_text`], reading slashed numeric dates in the order given.
pub fn find_date_in_text_as(text: &str, slash: SlashDates) -> Option<ArticleDate> {
    find_date_and_where_as(text, slash).map(|(date, _)| date)
}

/// The date [`find_date_in_text`] finds, with the number of the
/// whitespace-separated word it starts at: what comes before it is
/// often a name ("Von Eva Roth 05.03.2024, 14:20 Uhr").
pub fn find_date_and_where(text: &str) -> Option<(ArticleDate, usize)> {
    find_date_and_where_as(text, SlashDates::MonthFirst)
}

fn find_date_and_where_as(text: &str, slash: SlashDates) -> Option<(ArticleDate, usize)> {
    let text = ascii_digits(text);
    if let Some(found) = cjk_date_in(&text) {
        return Some(found);
    }
    let words: Vec<&str> = text.split_whitespace().take(60).collect();
    for start in 0..words.len() {
        let first = words[start];
        let plausible = first.chars().next().is_some_and(|c| c.is_ascii_digit())
            || month_named(&fold(first.trim_matches(|c: char| !c.is_alphanumeric()))).is_some();
        if !plausible {
            continue;
        }
        // Longest first, so the time and zone are kept when present.
        for end in (start + 1..=(start + 8).min(words.len())).rev() {
            let candidate = words[start..end].join(" ");
            let candidate = candidate.trim_end_matches([',', ';', '|', ')', '·']);
            if has_year(candidate)
                && let Some(date) = parse_date_as(candidate, slash)
            {
                return Some((date, start));
            }
        }
    }
    None
}

fn has_year(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    text.contains('年')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        parse_date(text).map_or_else(|| "none".to_owned(), |d| d.to_string())
    }

    #[test]
    fn machine_formats() {
        assert_eq!(read("2024-03-05"), "2024-03-05");
        assert_eq!(read("2024-03-05T10:00:00Z"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("2024-03-05T10:00:00.123456+02:00"), "2024-03-05T10:00:00.123456+02:00");
        assert_eq!(read("2024-03-05T10:00:00.5+0200"), "2024-03-05T10:00:00.500+02:00");
        assert_eq!(read("2024-03-05T10:00:00"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("2024-03-05 10:00:00"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("2024-03-05T10:00"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("20240305"), "2024-03-05");
        assert_eq!(read("2024/03/05"), "2024-03-05");
    }

    #[test]
    fn rfc_2822_and_zone_names() {
        assert_eq!(read("Tue, 05 Mar 2024 10:00:00 GMT"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("Tue, 05 Mar 2024 10:00:00 PST"), "2024-03-05T10:00:00-08:00");
        assert_eq!(read("Tue, 5 Mar 2024 10:00 EDT"), "2024-03-05T10:00:00-04:00");
        assert_eq!(read("Tue, 05 Mar 2024 10:00:00 CEST"), "2024-03-05T10:00:00+02:00");
        assert_eq!(read("05 Mar 2024 10:00:00 +0530"), "2024-03-05T10:00:00+05:30");
        // A wrong weekday (common in feeds) does not lose the date.
        assert_eq!(read("Mon, 05 Mar 2024 10:00:00 +0000"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("Tue, 05 Mar 24 10:00:00 GMT"), "2024-03-05T10:00:00+00:00");
    }

    #[test]
    fn clocks_written_as_other_places_write_them() {
        assert_eq!(read("Tuesday 5 March 2024 10.30 GMT"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("5.3.2024 klo 10.30"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("2024.03.05 10:30"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("05.03.2024"), "2024-03-05");
        assert_eq!(read("2024年3月5日 10時30分"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("2024년 3월 5일 10시 30분"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("5 марта 2024 в 10:30 МСК"), "2024-03-05T10:30:00+03:00");
    }

    #[test]
    fn american_zones_without_daylight_letters() {
        // March 5 is before daylight time starts (March 10 in 2024).
        assert_eq!(read("March 5, 2024, 10:30 AM ET"), "2024-03-05T10:30:00-05:00");
        assert_eq!(read("10:30 AM ET, Tue March 5, 2024"), "2024-03-05T10:30:00-05:00");
        assert_eq!(read("July 4, 2024 9:00 PM PT"), "2024-07-04T21:00:00-07:00");
        assert_eq!(read("November 3, 2024 10:00 CT"), "2024-11-03T10:00:00-06:00");
        assert_eq!(read("November 2, 2024 10:00 MT"), "2024-11-02T10:00:00-06:00");
        // "et" in French is "and".
        assert_eq!(read("5 mars 2024 10:30 et 11:00"), "2024-03-05T10:30:00+00:00");
    }

    #[test]
    fn twelve_hour_clocks() {
        assert_eq!(read("March 5, 2024 10:30 PM EST"), "2024-03-05T22:30:00-05:00");
        assert_eq!(read("March 5, 2024, 12:15 a.m."), "2024-03-05T00:15:00+00:00");
        assert_eq!(read("3/5/2024 1:05:09 PM"), "2024-03-05T13:05:09+00:00");
    }

    #[test]
    fn month_names_of_more_languages() {
        assert_eq!(read("5 مارس 2024"), "2024-03-05");
        assert_eq!(read("12 أكتوبر 2023"), "2023-10-12");
        assert_eq!(read("5 मार्च 2024"), "2024-03-05");
        assert_eq!(read("5 Maret 2024"), "2024-03-05");
        assert_eq!(read("17 Agustus 2024 14:05 WIB"), "2024-08-17T14:05:00+07:00");
        assert_eq!(read("5 березня 2024"), "2024-03-05");
        assert_eq!(read("2024. március 5."), "2024-03-05");
        assert_eq!(read("5 martie 2024"), "2024-03-05");
        assert_eq!(read("5. ožujka 2024."), "2024-03-05");
        assert_eq!(read("5 במרץ 2024"), "2024-03-05");
        assert_eq!(read("5 מרץ 2024"), "2024-03-05");
        // Polish and Czech November, not Croatian October.
        assert_eq!(read("5 listopada 2024"), "2024-11-05");
    }

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(read("２０２４年３月５日"), "2024-03-05");
        assert_eq!(read("٥ مارس ٢٠٢٤"), "2024-03-05");
        assert_eq!(read("۱۴۰۳/۰۱/۱۵"), "none", "a Persian calendar year is out of range");
        assert_eq!(read("५ मार्च २०२४"), "2024-03-05");
    }

    #[test]
    fn each_month_word_names_one_month() {
        for (index, words) in MONTHS.iter().enumerate() {
            for word in words.split_whitespace() {
                assert_eq!(month_named(&fold(word)), Some(index as u32 + 1), "{word}");
            }
        }
    }

    #[test]
    fn numeric_dates_in_both_orders() {
        assert_eq!(read("05.03.2024"), "2024-03-05");
        assert_eq!(read("03/05/2024"), "2024-03-05");
        assert_eq!(read("25/12/2023"), "2023-12-25");
        assert_eq!(read("12/25/2023"), "2023-12-25");
        assert_eq!(read("5-3-2024"), "2024-03-05");
    }

    #[test]
    fn slashed_dates_follow_the_language() {
        let day_first = |text: &str| parse_date_as(text, SlashDates::DayFirst).unwrap().to_string();
        assert_eq!(day_first("05/03/2024"), "2024-03-05");
        assert_eq!(day_first("05/03/2024 14:20"), "2024-03-05T14:20:00+00:00");
        // A number over 12, a year first, or other separators decide alone.
        assert_eq!(day_first("12/25/2023"), "2023-12-25");
        assert_eq!(day_first("2024/03/05"), "2024-03-05");
        assert_eq!(day_first("05.03.2024"), "2024-03-05");
        for (tag, order) in [
            (None, SlashDates::MonthFirst),
            (Some("en"), SlashDates::MonthFirst),
            (Some("en-US"), SlashDates::MonthFirst),
            (Some("en_us"), SlashDates::MonthFirst),
            (Some("en-GB"), SlashDates::DayFirst),
            (Some("en-IN"), SlashDates::DayFirst),
            (Some("fr"), SlashDates::DayFirst),
            (Some("pt-BR"), SlashDates::DayFirst),
        ] {
            assert_eq!(SlashDates::for_language(tag), order, "{tag:?}");
        }
        assert_eq!(
            find_date_in_text_as("Published: 05/03/2024 14:20", SlashDates::DayFirst).unwrap().to_string(),
            "2024-03-05T14:20:00+00:00"
        );
    }

    #[test]
    fn month_and_weekday_names_in_other_languages() {
        assert_eq!(read("5. März 2024"), "2024-03-05");
        assert_eq!(read("Di, 05 Mär 2024 10:00:00 +0100"), "2024-03-05T10:00:00+01:00");
        assert_eq!(read("mardi 5 mars 2024"), "2024-03-05");
        assert_eq!(read("5. marts 2024 kl. 10.30"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("5 de marzo de 2024"), "2024-03-05");
        assert_eq!(read("5 marzo 2024 alle 10:00"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("5 de março de 2024"), "2024-03-05");
        assert_eq!(read("5. března 2024"), "2024-03-05");
        assert_eq!(read("5 marca 2024"), "2024-03-05");
        assert_eq!(read("5 марта 2024 г., 10:30"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("5 maart 2024"), "2024-03-05");
        assert_eq!(read("2024年3月5日 10:00"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("Sept. 5, 2024"), "2024-09-05");
        assert_eq!(read("March 2024"), "2024-03-01");
    }

    #[test]
    fn timestamps() {
        assert_eq!(read("1709632800"), "2024-03-05T10:00:00+00:00");
        assert_eq!(read("1709632800000"), "2024-03-05T10:00:00+00:00");
    }

    #[test]
    fn non_dates() {
        for text in ["", "soon", "1-01-01 00:00:00", "None", "NULL", "0000-00-00", "page 3 of 10", "99:99"] {
            assert!(parse_date(text).is_none(), "{text:?} read as {:?}", parse_date(text));
        }
    }

    #[test]
    fn dates_in_running_text() {
        let found = |t: &str| find_date_in_text(t).map(|d| d.to_string());
        assert_eq!(
            found("By Ann Lee | Published 5 March 2024, 10:30").as_deref(),
            Some("2024-03-05T10:30:00+00:00")
        );
        assert_eq!(found("Updated: Mar 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(found("By Ann Lee, staff reporter"), None);
        assert_eq!(found("الثلاثاء ٥ مارس ٢٠٢٤").as_deref(), Some("2024-03-05"));
        assert_eq!(found("更新日時：２０２４年３月５日").as_deref(), Some("2024-03-05"));
        let at = |t: &str| find_date_and_where(t).map(|(_, word)| word);
        assert_eq!(at("Von Eva Roth 05.03.2024, 14:20 Uhr"), Some(3));
        assert_eq!(at("5 March 2024"), Some(0));
        assert_eq!(at("記者 山田太郎 更新：2024年3月5日"), Some(2));
        assert_eq!(at("記者 山田太郎 2024年3月5日"), Some(2));
        assert_eq!(at("今年の春 更新：2024年3月5日"), Some(1));
        assert_eq!(at("no date here"), None);
    }

    #[test]
    fn twenty_four_hundred_is_the_next_midnight() {
        assert_eq!(read("Tue, 05 Mar 2024 24:00:00 GMT"), "2024-03-06T00:00:00+00:00");
        assert_eq!(read("2024-03-05T24:00:00Z"), "2024-03-06T00:00:00+00:00");
        assert_eq!(read("2024-03-05 24:30"), "2024-03-05", "only 24:00 is a clock");
    }

    #[test]
    fn basic_iso_keeps_its_time() {
        assert_eq!(read("20240305T103000Z"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("20240305T1030+0100"), "2024-03-05T10:30:00+01:00");
        assert_eq!(read("20240305T103000"), "2024-03-05T10:30:00+00:00");
        assert_eq!(read("20240305"), "2024-03-05");
        assert_eq!(read("20240305T10"), "2024-03-05");
    }

    #[test]
    fn thai_months_and_the_buddhist_year() {
        assert_eq!(read("5 มีนาคม 2567"), "2024-03-05");
        assert_eq!(read("5 กุมภาพันธ์ 2567 10:30 น."), "2024-02-05T10:30:00+00:00");
        assert_eq!(read("5 มีนาคม 2024"), "2024-03-05", "a Western year stays");
    }
}
