//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy
//! single-byte encodings via encoding_rs. Binary files are refused.

/// Decoded text and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode a file's bytes, or say why it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
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
    if looks_binary(bytes) {
        return Err("the file is binary, not text (it holds NUL or control bytes)".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), encoding: "UTF-8" });
    }
    // Not UTF-8: a legacy encoding. An HTML page may name its charset.
    let declared = declared_charset(bytes).and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let encoding = declared.unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: encoding.name() })
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
    fn legacy_encodings() {
        let d = decode(b"Caf\xe9 cr\xe8me").unwrap();
        assert_eq!(d.text, "Café crème");
        assert_eq!(d.encoding, "windows-1252");
        let d = decode(b"<meta charset=\"koi8-r\"><p>\xf0\xd5\xd4\xc9\xce</p>").unwrap();
        assert!(d.text.contains("Путин"), "{}", d.text);
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err().contains("binary"));
    }
}
