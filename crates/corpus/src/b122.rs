//! Binary data as text for a page's data islands, 14 % larger than the bytes instead of
//! base64's 33 %: the Base-122 idea (Kevin Albertson, 2016), with the characters that an
//! HTML raw-text element or a JavaScript string cannot hold as they are.
//!
//! The bytes are read as a stream of 7-bit groups (the last one padded with zero bits).
//! A group is written as the ASCII character of that value, unless the character is one of
//! [`ILLEGAL`]: NUL and CR (the HTML parser rewrites them), `<` (could close the element),
//! LF, `"` and `\` (cannot stand in a string literal). Such a group is written together with
//! the group after it as one character `0x100 + (code << 7) + next`, where `code` is
//! `2 * index + 1` with a next group or `2 * index` at the end of the data: a code point
//! under U+0800, two bytes of UTF-8. The text starts with [`MARK`], which base64 never does,
//! so a reader can take either.
//!
//! The reader is `unpack` in `web/bootstrap.js`; [`decode`] here is its twin, for tests
//! and tools.

/// The 7-bit values written as part of a two-byte character.
pub const ILLEGAL: [u8; 6] = [0, b'\n', b'\r', b'"', b'<', b'\\'];
/// First character of an encoded text.
pub const MARK: char = '~';

fn illegal_index(v: u8) -> Option<u32> {
    ILLEGAL.iter().position(|&x| x == v).map(|i| i as u32)
}

/// The 7-bit groups of `bytes`, most significant bits first.
fn groups(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let total = (bytes.len() * 8).div_ceil(7);
    (0..total).map(move |g| {
        let bit = g * 7;
        let (byte, shift) = (bit / 8, bit % 8);
        let hi = u16::from(bytes[byte]) << 8;
        let lo = bytes.get(byte + 1).map_or(0, |&b| u16::from(b));
        (((hi | lo) << shift) >> 9) as u8
    })
}

/// `bytes` as text (see the module's documentation).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 7 + 8);
    out.push(MARK);
    let mut gs = groups(bytes).peekable();
    while let Some(v) = gs.next() {
        match illegal_index(v) {
            None => out.push(char::from(v)),
            Some(i) => {
                let (code, next) = match gs.next() {
                    Some(n) => (2 * i + 1, u32::from(n)),
                    None => (2 * i, 0),
                };
                out.push(char::from_u32(0x100 + (code << 7) + next).expect("a code point under U+0800"));
            }
        }
    }
    out
}

/// The bytes of a text made by [`encode`]; `None` for a text it cannot have made.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let body = text.strip_prefix(MARK)?;
    let mut out = Vec::with_capacity(body.len() * 7 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut push = |v: u32| {
        acc = (acc << 7) | v;
        bits += 7;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    };
    for c in body.chars() {
        let c = u32::from(c);
        if c < 0x80 {
            push(c);
        } else {
            let x = c.checked_sub(0x100).filter(|x| *x < (2 * ILLEGAL.len() as u32) << 7)?;
            let code = x >> 7;
            push(u32::from(ILLEGAL[(code >> 1) as usize]));
            if code & 1 == 1 {
                push(x & 0x7f);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cases() {
        assert_eq!(encode(&[]), "~");
        assert_eq!(decode("~"), Some(vec![]));
        // "A" = 0100_0001: groups 0100000 (space) and 1000000 ('@').
        assert_eq!(encode(b"A"), "~ @");
        // All zero bits: NUL groups, paired up, the last alone.
        let zeros = encode(&[0, 0]);
        assert!(zeros.chars().skip(1).all(|c| c as u32 >= 0x100), "{zeros:?}");
        assert_eq!(decode(&zeros), Some(vec![0, 0]));
        assert_eq!(decode("AAAA"), None, "base64 has no mark");
        assert_eq!(decode("~\u{7ff}"), None, "a code past the illegal ones");
    }

    #[test]
    fn about_an_eighth_larger_on_compressed_bytes() {
        // Pseudo-random bytes stand for gzip output.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let bytes: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let text = encode(&bytes);
        let ratio = text.len() as f64 / bytes.len() as f64;
        assert!((1.14..1.20).contains(&ratio), "{ratio}");
        assert_eq!(decode(&text).as_deref(), Some(&bytes[..]));
    }

    proptest! {
        #[test]
        fn round_trip_and_safe_characters(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = encode(&bytes);
            prop_assert!(!text.chars().any(|c| c.is_ascii() && ILLEGAL.contains(&(c as u8))));
            prop_assert!(text.chars().all(|c| (c as u32) < 0x800));
            prop_assert_eq!(decode(&text), Some(bytes));
        }
    }
}
