//! From a file's bytes to text: encodings, binary sniffing, size limits.

/// How many leading bytes are sniffed for NUL bytes.
const SNIFF_BYTES: usize = 8 * 1024;

/// Decoded text and what had to be repaired on the way.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes a file's bytes. `truncated` says the reader stopped at the size
/// limit. Fails on empty and binary files.
pub fn decode(bytes: &[u8], truncated: bool) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    if truncated {
        warnings.push(truncation_warning(bytes.len()));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(
            if bytes.is_empty() { "the file is empty" } else { "the file holds only blank lines" }.to_owned()
        );
    }
    if let Some(text) = decode_utf16(bytes) {
        return Ok(Decoded { text, warnings });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let sniffed = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sniffed.contains(&0) {
        return Err("binary data (NUL bytes), not an article".to_owned());
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
            if replaced * 10 > text.chars().count().max(1) {
                return Err("binary data (mostly invalid UTF-8), not an article".to_owned());
            }
            warnings.push(format!("invalid UTF-8: {replaced} sequence(s) replaced with U+FFFD"));
            text
        }
    };
    Ok(Decoded { text, warnings })
}

/// What a file cut at the size limit is told.
pub fn truncation_warning(bytes_read: usize) -> String {
    format!("the file is larger than the limit; only the first {} were read", human_bytes(bytes_read))
}

/// UTF-16 with a byte-order mark, decoded lossily.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    type ToUnit = fn([u8; 2]) -> u16;
    let (body, from): (&[u8], ToUnit) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => (rest, u16::from_be_bytes),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|pair| from([pair[0], pair[1]]));
    Some(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect())
}

pub fn human_bytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        let d = decode(b"\xEF\xBB\xBFTitle\n", false).unwrap();
        assert_eq!(d.text, "Title\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_lossy_with_a_warning() {
        let d = decode(b"Caf\xE9 opens\n\nBody.", false).unwrap();
        assert_eq!(d.text, "Caf\u{FFFD} opens\n\nBody.");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Hé\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Hé\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le, false).unwrap().text, "Hé\n");
        assert_eq!(decode(&be, false).unwrap().text, "Hé\n");
    }

    #[test]
    fn empty_blank_and_binary_fail() {
        assert!(decode(b"", false).unwrap_err().contains("empty"));
        assert!(decode(b" \n\n", false).unwrap_err().contains("blank"));
        assert!(decode(b"\0\0\0\0", false).unwrap_err().contains("NUL"));
        assert!(decode(&[0x89, b'P', b'N', b'G', 0, 1, 2], false).unwrap_err().contains("binary"));
        assert!(decode(&[0xFF; 64], false).unwrap_err().contains("binary"));
    }

    #[test]
    fn truncation_is_reported() {
        let d = decode(b"Title\n\nBody", true).unwrap();
        assert!(d.warnings[0].contains("larger than the limit"));
    }
}
