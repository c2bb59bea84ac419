//! Bytes → text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised by where its
//! zero bytes fall), and legacy single-byte encodings via encoding_rs. Binary files are refused.

/// Decoded text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode a file's bytes, or say why it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_with(bytes, None)
}

/// [`decode`], with the charset a transport declared (an HTTP `Content-Type`): it is
/// followed unless a byte-order mark says otherwise, as browsers do.
pub fn decode_with(bytes: &[u8], charset: Option<&str>) -> Result<Decoded, String> {
    let declared = charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    if let Some(encoding) = declared.filter(|_| !bytes.is_empty() && encoding_rs::Encoding::for_bom(bytes).is_none()) {
        if looks_binary(bytes) && !matches!(encoding.name(), "UTF-16LE" | "UTF-16BE") {
            return Err("the file is binary, not text (it holds NUL or control bytes)".into());
        }
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded { text: text.into_owned(), encoding: encoding.name() });
    }
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("the file starts with a {} byte-order mark but is not valid {}", encoding.name(), encoding.name()));
        }
        return Ok(Decoded { text: text.into_owned(), encoding: encoding.name() });
    }
    if let Some(d) = undeclared_utf16(bytes) {
        return Ok(d);
    }
    if looks_binary(bytes) {
        return Err("the file is binary, not text (it holds NUL or control bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text: text.to_owned(), encoding: "UTF-8" }),
        // Valid UTF-8 cut inside its last character (a truncated file): the part before.
        Err(e) if e.error_len().is_none() => {
            return Ok(Decoded { text: String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(), encoding: "UTF-8" });
        }
        Err(_) if mostly_utf8(bytes) => return Ok(Decoded { text: String::from_utf8_lossy(bytes).into_owned(), encoding: "UTF-8" }),
        Err(_) => {}
    }
    // Not UTF-8: a legacy encoding. An HTML page may name its charset; else Japanese
    // Shift_JIS is recognised by its byte pattern, and anything else read as windows-1252.
    let declared = declared_charset(bytes).and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let encoding = declared.or_else(|| looks_shift_jis(bytes).then_some(encoding_rs::SHIFT_JIS)).unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: encoding.name() })
}

/// UTF-16 text saved without a byte-order mark: the high byte of its ASCII characters (spaces,
/// digits, punctuation, Latin letters) is zero, so zero bytes fill a tenth or more of one side
/// of the byte pairs (spaces alone do in Cyrillic text) and almost never the other. It must
/// then decode without error to text with few control characters.
fn undeclared_utf16(bytes: &[u8]) -> Option<Decoded> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |side: usize| head.iter().skip(side).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let encoding = match () {
        _ if odd * 10 >= pairs && even * 50 <= pairs => encoding_rs::UTF_16LE,
        _ if even * 10 >= pairs && odd * 50 <= pairs => encoding_rs::UTF_16BE,
        _ => return None,
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let controls = text.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')).count();
    (controls * 50 <= text.chars().count()).then(|| Decoded { text: text.into_owned(), encoding: encoding.name() })
}

/// NUL bytes or a high share of C0 control bytes mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    controls * 50 > head.len()
}

/// UTF-8 with a few damaged bytes: at least ten well-formed non-ASCII characters for each
/// invalid sequence. (A legacy 8-bit text almost never forms valid multi-byte sequences.)
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multi >= 10 * invalid.max(1)
}

/// Shift_JIS without a declaration: the bytes decode without a single error, into at
/// least 8 non-ASCII characters, two thirds of them Japanese script or full-width forms.
/// Western 8-bit text fails this: an accented letter before a space or punctuation is
/// not a valid Shift_JIS pair.
fn looks_shift_jis(bytes: &[u8]) -> bool {
    let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) else {
        return false;
    };
    let (mut other, mut japanese) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}') {
            japanese += 1;
        } else {
            other += 1;
        }
    }
    japanese >= 8 && other * 2 <= japanese
}

/// `<meta charset="…">` or `charset=…` in the first 2 KiB of an HTML page.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String =
        head[at..].trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("Grüße".as_bytes()).unwrap().text, "Grüße");
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().text, "hi");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("ok".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16).unwrap().text, "ok");
    }

    #[test]
    fn utf16_without_a_bom_by_its_zero_bytes() {
        for text in ["The minister said on Tuesday that talks would go on.\r\n", "Путин заявил во вторник, что переговоры продолжатся."]
        {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert_eq!((decode(&le).unwrap().text.as_str(), decode(&le).unwrap().encoding), (text, "UTF-16LE"));
            assert_eq!((decode(&be).unwrap().text.as_str(), decode(&be).unwrap().encoding), (text, "UTF-16BE"));
        }
        // Zero bytes on both sides, or an unpaired surrogate: still binary.
        assert!(decode(&[0x41, 0, 0, 0x42].repeat(8)).unwrap_err().contains("binary"));
        assert!(decode(&[0x41, 0, 0x00, 0xD8].repeat(8)).unwrap_err().contains("binary"));
    }

    #[test]
    fn legacy_encodings() {
        let d = decode(b"Caf\xe9 cr\xe8me").unwrap();
        assert_eq!(d.text, "Café crème");
        assert_eq!(d.encoding, "windows-1252");
        let d = decode(b"<meta charset=\"koi8-r\"><p>\xf0\xd5\xd4\xc9\xce</p>").unwrap();
        assert!(d.text.contains("Путин"), "{}", d.text);
    }

    #[test]
    fn truncated_and_damaged_utf8_stay_utf8() {
        let mut bytes = "Grüße aus Köln — “Zitat”".as_bytes().to_vec();
        bytes.extend_from_slice(&"—".as_bytes()[..2]);
        assert_eq!(decode(&bytes).unwrap().text, "Grüße aus Köln — “Zitat”");
        let mut damaged = "Ärger über Öl: «ça va», très cher — ещё раз. ".repeat(3).into_bytes();
        damaged.insert(5, 0xFF);
        let d = decode(&damaged).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("ещё раз") && d.text.contains('\u{FFFD}'), "{}", d.text);
    }

    #[test]
    fn undeclared_shift_jis() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("東京 (AP) — 首相は月曜日、記者団に対し「交渉は続く」と述べた。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("「交渉は続く」"), "{}", d.text);
        // Western text is not taken for Shift_JIS.
        assert_eq!(decode(b"Caf\xe9 cr\xe8me, na\xefve \xe9t\xe9 \xe0 la fran\xe7aise.").unwrap().encoding, "windows-1252");
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err().contains("binary"));
    }
}
