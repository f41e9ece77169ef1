//! A page without its scripts and style sheets, before it is parsed: on a
//! real news page they are most of the bytes (ad slots, trackers, inlined
//! CSS) and a good share of the elements, and the HTML parser would copy
//! every one of them into the tree only for the extractor to throw them
//! away. JSON-LD scripts are kept whole, since the metadata reads them.

use std::borrow::Cow;

use memchr::memmem;

/// `html` without its `<script>` (but JSON-LD) and `<style>` elements,
/// tags and text. The page is walked tag by tag the way a parser would:
/// comments, quoted attribute values and the text of `<title>` and
/// `<textarea>` are passed over whole, so a "<script>" written inside one
/// of them is never taken for a real one.
pub fn without_scripts(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Copied up to here (into `out`), and looked at up to here.
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        let rest = &bytes[open + 1..];
        if rest.starts_with(b"!--") {
            at = memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |end| open + 4 + end + 3);
            continue;
        }
        // Not a tag ("a < b"): plain text.
        if !rest.first().is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')) {
            at = open + 1;
            continue;
        }
        let Some(tag_len) = tag_length(rest) else { break };
        let body_start = open + 1 + tag_len + 1;
        let Some(element) = raw_text_element(rest) else {
            at = body_start;
            continue;
        };
        let Some(body_len) = find_closing(&bytes[body_start..], element.closing) else { break };
        let body_end = body_start + body_len;
        let after_closing = body_end + element.closing.len();
        let tag = &bytes[open..body_start];
        if !element.dropped || contains_ignoring_case(tag, b"ld+json") {
            at = after_closing;
            continue;
        }
        let Some(closing_len) = memchr::memchr(b'>', &bytes[after_closing..]) else { break };
        let element_end = after_closing + closing_len + 1;
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        out.push_str(&html[copied..open]);
        copied = element_end;
        at = element_end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Where a tag that `after_lt` (what follows its '<') starts ends: the
/// first '>' outside a quoted attribute value.
fn tag_length(after_lt: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let found = at + memchr::memchr3(b'>', b'"', b'\'', &after_lt[at..])?;
        let b = after_lt[found];
        if b == b'>' {
            return Some(found);
        }
        at = found + 1 + memchr::memchr(b, &after_lt[found + 1..])? + 1;
    }
}

/// An element whose text runs, unparsed, to its closing tag; a script's or
/// a style sheet's text is dropped, a title's or a text area's kept.
struct RawText {
    name: &'static [u8],
    closing: &'static [u8],
    dropped: bool,
}

const RAW_TEXT: [RawText; 4] = [
    RawText { name: b"script", closing: b"</script", dropped: true },
    RawText { name: b"style", closing: b"</style", dropped: true },
    RawText { name: b"title", closing: b"</title", dropped: false },
    RawText { name: b"textarea", closing: b"</textarea", dropped: false },
];

/// The raw-text element whose open tag `after_lt` (what follows a '<')
/// starts, if any: its name, then a space, '>' or '/'.
fn raw_text_element(after_lt: &[u8]) -> Option<RawText> {
    RAW_TEXT.into_iter().find(|element| {
        let n = element.name.len();
        after_lt.len() > n
            && after_lt[..n].eq_ignore_ascii_case(element.name)
            && matches!(after_lt[n], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
    })
}

/// Where the closing tag `closing` ("</script") starts, in any case, and
/// followed by what may end a tag name.
fn find_closing(haystack: &[u8], closing: &[u8]) -> Option<usize> {
    memmem::find_iter(haystack, b"</").find(|&i| {
        let rest = &haystack[i..];
        rest.len() > closing.len()
            && rest[..closing.len()].eq_ignore_ascii_case(closing)
            && matches!(rest[closing.len()], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
    })
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_styles_go_and_json_ld_stays() {
        let page = "<head><script>var a = '<p>x</p>';</script><STYLE media=all>p { color: red }</STYLE>\
                    <script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script></head>\
                    <body><p>Text</p><script src=x.js></script></body>";
        assert_eq!(
            without_scripts(page),
            "<head><script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script></head>\
             <body><p>Text</p></body>"
        );
    }

    #[test]
    fn closing_tags_in_any_case_end_the_element() {
        assert_eq!(without_scripts("<script>x()</SCRIPT ><p>A</p>"), "<p>A</p>");
        assert_eq!(without_scripts("<script>a()</Script><p>B</p><script>c()</script>"), "<p>B</p>");
    }

    #[test]
    fn what_only_looks_like_a_script_is_left_alone() {
        for page in [
            "<p>Plain text, no scripts.</p>",
            "<!-- <script> --><p>After a comment</p>",
            "<scripts>not one</scripts><stylesheet>nor this</stylesheet>",
            "<p>An unclosed <script>tail",
            "<p>A script closed without its '>' <script>x()</script",
            "<p>a < b and c <style",
            "<script>a()</scripts>",
            "<title>Why <script> tags block</title><p>Body</p>",
            "<meta content=\"<script>\"><p>Body</p>",
            "<textarea><style>x</textarea><p>Body</p>",
        ] {
            assert!(matches!(without_scripts(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn a_script_named_in_a_title_or_an_attribute_is_text() {
        let page = "<title>Why <script> tags block</title><meta content=\"<style>\" x='>'>\
                    <script>x()</script><p>Body</p>";
        assert_eq!(
            without_scripts(page),
            "<title>Why <script> tags block</title><meta content=\"<style>\" x='>'><p>Body</p>"
        );
    }

    #[test]
    fn text_after_many_characters_survives() {
        let page = "<p>Grüße «Zitat»</p><script>ü()</script><p>日本語</p>";
        assert_eq!(without_scripts(page), "<p>Grüße «Zitat»</p><p>日本語</p>");
    }
}
