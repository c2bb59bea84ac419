//! Furniture inside a body block: inline captions, trailing boilerplate, trailing links.

use super::features::{CLOSERS, SENTENCE_END};
use crate::process::knowledge::{Knowledge, lowercase};

/// Cut inline furniture out of a body block: `[caption …]…[/caption]` (kept as captions),
/// a trailing boilerplate sentence run, and trailing bare links.
pub fn split_inline(text: &str, k: &Knowledge, captions: &mut Vec<String>) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[caption") {
        let Some(tag_end) = rest[open..].find(']').map(|e| open + e + 1) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("[/caption]").map(|e| tag_end + e) else {
            break;
        };
        pieces.push(rest[..open].to_owned());
        captions.push(rest[tag_end..close].trim().to_owned());
        rest = &rest[close + "[/caption]".len()..];
    }
    pieces.push(rest.to_owned());
    if let Some(last) = pieces.last_mut() {
        // The earliest tail phrase that starts a sentence ends the text.
        let cut = k.tails.find_iter(&lowercase(last)).map(|m| m.start()).find(|&s| {
            let before = last[..s].trim_end();
            s > 0 && (before.is_empty() || before.ends_with(SENTENCE_END) || before.ends_with(CLOSERS))
        });
        if let Some(s) = cut {
            last.truncate(s);
        }
        // Trailing bare links (an embedded post's short link).
        loop {
            let trimmed = last.trim_end();
            let tok_start = trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
            let tok = &trimmed[tok_start..];
            if tok_start > 0 && (tok.starts_with("http://") || tok.starts_with("https://") || tok.starts_with("pic.twitter.com/")) {
                last.truncate(tok_start);
            } else {
                break;
            }
        }
    }
    pieces.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}
