//! A page without the bodies of its scripts and style sheets, before it is
//! parsed: on a real news page they are most of the bytes (ad slots,
//! trackers, inlined CSS), and the HTML parser would copy every one of them
//! into the tree only for the extractor to throw them away. JSON-LD scripts
//! are kept whole, since the metadata reads them.

use std::borrow::Cow;

use memchr::memmem;

/// `html` with the text inside `<script>` (but JSON-LD) and `<style>`
/// elements left out; the tags themselves stay. Comments are skipped over,
/// so a tag written inside one is not taken for a real one.
pub fn without_script_bodies(html: &str) -> Cow<'_, str> {
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
        let Some(element) = raw_text_element(rest) else {
            at = open + 1;
            continue;
        };
        // The open tag ends at the first '>' (attribute values holding one
        // are rare enough, and only cost keeping that script's text).
        let Some(tag_len) = memchr::memchr(b'>', rest) else { break };
        let body_start = open + 1 + tag_len + 1;
        let tag = &html[open..body_start];
        let Some(body_len) = find_closing(&bytes[body_start..], element.closing) else { break };
        let body_end = body_start + body_len;
        let keep = element.closing == SCRIPT.closing && contains_ignoring_case(tag.as_bytes(), b"ld+json");
        if !keep && body_end > body_start {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            out.push_str(&html[copied..body_start]);
            copied = body_end;
        }
        at = body_end + element.closing.len();
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// An element whose text runs, unparsed, to its closing tag.
struct RawText {
    name: &'static [u8],
    closing: &'static [u8],
}

const SCRIPT: RawText = RawText { name: b"script", closing: b"</script" };
const STYLE: RawText = RawText { name: b"style", closing: b"</style" };

/// The raw-text element whose open tag `after_lt` (what follows a '<')
/// starts, if any: its name, then a space, '>' or '/'.
fn raw_text_element(after_lt: &[u8]) -> Option<RawText> {
    [SCRIPT, STYLE].into_iter().find(|element| {
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
    fn script_and_style_bodies_go_their_tags_and_json_ld_stay() {
        let page = "<head><script>var a = '<p>x</p>';</script><STYLE media=all>p { color: red }</STYLE>\
                    <script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script></head>\
                    <body><p>Text</p><script src=x.js></script></body>";
        assert_eq!(
            without_script_bodies(page),
            "<head><script></script><STYLE media=all></STYLE>\
             <script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script></head>\
             <body><p>Text</p><script src=x.js></script></body>"
        );
    }

    #[test]
    fn closing_tags_in_any_case_end_the_body() {
        assert_eq!(without_script_bodies("<script>x()</SCRIPT><p>A</p>"), "<script></SCRIPT><p>A</p>");
        assert_eq!(
            without_script_bodies("<script>a()</Script><p>B</p><script>c()</script>"),
            "<script></Script><p>B</p><script></script>"
        );
    }

    #[test]
    fn what_only_looks_like_a_script_is_left_alone() {
        for page in [
            "<p>Plain text, no scripts.</p>",
            "<!-- <script> --><p>After a comment</p>",
            "<scripts>not one</scripts><stylesheet>nor this</stylesheet>",
            "<p>An unclosed <script>tail",
            "<p>a < b and c <style",
            "<script>a()</scripts>",
        ] {
            assert!(matches!(without_script_bodies(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn text_after_many_characters_survives() {
        let page = "<p>Grüße «Zitat»</p><script>ü()</script><p>日本語</p>";
        assert_eq!(without_script_bodies(page), "<p>Grüße «Zitat»</p><script></script><p>日本語</p>");
    }
}
