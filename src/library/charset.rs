//! Decoding web pages and feeds, whose bytes say their own encoding: a
//! byte-order mark, an XML declaration, `<meta charset>` or `http-equiv`
//! anywhere in the head, or (for a fetched file) the HTTP `charset`. Bytes
//! that are valid UTF-8 are always read as UTF-8, whatever a page claims;
//! undeclared legacy text is guessed with Firefox's detector (chardetng)
//! and every encoding is decoded with `encoding_rs`.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::decode::Decoded;

/// What kind of document the bytes are, which says where an encoding
/// may be declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Html,
    Xml,
}

/// How far into a page `<meta charset>` is looked for (browsers stop at
/// 1 KiB; real pages put it later, after long scripts and styles).
const HEAD_SCAN_BYTES: usize = 256 * 1024;

/// Decodes a page or feed. `transport` is the charset an HTTP response
/// declared, if the bytes were fetched: it outranks `<meta>` for a page,
/// and yields to the XML declaration for a feed (as feed readers do).
pub fn decode_markup(bytes: &[u8], markup: Markup, transport: Option<&str>) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(
            if bytes.is_empty() { "the file is empty" } else { "the file holds only blank lines" }.into()
        );
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary data (NUL bytes), not a page or feed".to_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), warnings: Vec::new() });
    }
    let declared = match markup {
        Markup::Xml => xml_declaration(bytes).or_else(|| transport.and_then(label)),
        Markup::Html => transport.and_then(label).or_else(|| meta_charset(bytes)),
    };
    // A label of UTF-8 on bytes that are not UTF-8 is wrong: guess instead.
    let encoding = declared.filter(|e| *e != UTF_8).unwrap_or_else(|| guess(bytes));
    Ok(decode_with(encoding, bytes))
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("bytes that are not {} were replaced with U+FFFD", encoding.name()));
    }
    Decoded { text: text.into_owned(), warnings }
}

/// UTF-16 without a byte-order mark, told by the NUL bytes around the
/// `<` that starts an XML or HTML document.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<', 0, b'?' | b'!' | b'h' | b'H' | b'r' | b'f', 0, ..] => Some(UTF_16LE),
        [0, b'<', 0, b'?' | b'!' | b'h' | b'H' | b'r' | b'f', ..] => Some(UTF_16BE),
        _ => None,
    }
}

fn label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(name.trim().trim_matches(['"', '\'']).as_bytes())
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The `encoding` of an XML declaration on the first line.
fn xml_declaration(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = find(head, b"<?xml")?;
    let end = start + find(&head[start..], b"?>")?;
    attribute_value(&head[start..end], b"encoding").and_then(|v| label(&String::from_utf8_lossy(v)))
}

/// The charset a page's `<meta charset>` or `<meta http-equiv
/// content="...; charset=...">` declares, anywhere before the body.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let scan = &bytes[..bytes.len().min(HEAD_SCAN_BYTES)];
    let lower: Vec<u8> = scan.iter().map(u8::to_ascii_lowercase).collect();
    let end = find(&lower, b"<body").unwrap_or(lower.len());
    let mut at = 0;
    while let Some(found) = find(&lower[at..end], b"<meta") {
        let start = at + found;
        let close = start + find(&lower[start..end], b">").unwrap_or(end - start);
        let tag = &lower[start..close];
        if let Some(value) = attribute_value(tag, b"charset") {
            return label(&String::from_utf8_lossy(value));
        }
        if let Some(content) = attribute_value(tag, b"content")
            && let Some(pos) = find(content, b"charset=")
        {
            let value = &content[pos + 8..];
            let value = value.split(|&b| b == b';' || b.is_ascii_whitespace()).next().unwrap_or(value);
            return label(&String::from_utf8_lossy(value));
        }
        at = close;
    }
    None
}

/// The value of `name=` in a tag's text (quoted or not).
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(found) = find(&tag[at..], name) {
        let start = at + found;
        let before_ok = start == 0 || !tag[start - 1].is_ascii_alphanumeric() && tag[start - 1] != b'-';
        let mut i = start + name.len();
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if before_ok && tag.get(i) == Some(&b'=') {
            i += 1;
            while i < tag.len() && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            return Some(match tag.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let rest = &tag[i + 1..];
                    &rest[..rest.iter().position(|&b| b == quote).unwrap_or(rest.len())]
                }
                _ => {
                    let rest = &tag[i..];
                    let end = rest.iter().position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
                    &rest[..end.unwrap_or(rest.len())]
                }
            });
        }
        at = start + name.len();
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(bytes: &[u8]) -> String {
        decode_markup(bytes, Markup::Html, None).unwrap().text
    }

    fn xml(bytes: &[u8]) -> String {
        decode_markup(bytes, Markup::Xml, None).unwrap().text
    }

    #[test]
    fn utf8_wins_whatever_is_declared() {
        let page = "<meta charset=\"iso-8859-1\"><p>Grüße, café</p>";
        assert!(html(page.as_bytes()).contains("Grüße, café"));
        let feed = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><t>Grüße</t></rss>";
        assert!(xml(feed.as_bytes()).contains("Grüße"));
    }

    #[test]
    fn declared_legacy_encodings() {
        let mut page =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                .to_vec();
        page.extend_from_slice(b"</head><body><p>caf\xe9 \x93quoted\x94</p>");
        assert!(html(&page).contains("café “quoted”"));
        let mut feed = b"<?xml version='1.0' encoding='windows-1251'?><rss><title>".to_vec();
        feed.extend_from_slice(&[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        feed.extend_from_slice(b"</title></rss>");
        assert!(xml(&feed).contains("Привет"));
        let (gb, _, _) = encoding_rs::GBK.encode("新闻标题");
        let mut feed = b"<?xml version=\"1.0\" encoding=\"GB2312\"?><rss><title>".to_vec();
        feed.extend_from_slice(&gb);
        feed.extend_from_slice(b"</title></rss>");
        assert!(xml(&feed).contains("新闻标题"));
    }

    #[test]
    fn meta_charset_after_the_first_kilobyte() {
        let mut page = format!("<html><head><script>{}</script>", "var x = 1;\n".repeat(400)).into_bytes();
        page.extend_from_slice(b"<meta charset=\"ISO-8859-2\"></head><body>\xb1\xe6</body>");
        assert!(html(&page).contains("ąć"));
    }

    #[test]
    fn undeclared_latin1_is_guessed() {
        let feed =
            b"<rss><channel><title>Caf\xe9 de la Gare \xe0 Paris, d\xe9j\xe0 vu</title></channel></rss>";
        assert!(xml(feed).contains("Café de la Gare à Paris, déjà vu"));
    }

    #[test]
    fn boms_and_utf16() {
        assert_eq!(html(b"\xef\xbb\xbf<p>x</p>"), "<p>x</p>");
        let utf16: Vec<u8> =
            "<?xml version=\"1.0\"?><rss/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(xml(&utf16).starts_with("<?xml"));
        let with_bom: Vec<u8> =
            [0xfe, 0xff].into_iter().chain("<rss/>".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(xml(&with_bom), "<rss/>");
    }

    #[test]
    fn empty_and_binary_fail() {
        assert!(decode_markup(b"", Markup::Html, None).is_err());
        assert!(decode_markup(b"\x89PNG\0\0\x01", Markup::Html, None).is_err());
    }

    #[test]
    fn transport_charset_for_pages() {
        let page = b"<meta charset=\"utf-8\"><p>\xe9t\xe9</p>";
        assert!(decode_markup(page, Markup::Html, Some("iso-8859-1")).unwrap().text.contains("été"));
    }
}
