//! Article extraction from page text: first version. Title = the first
//! headline-like line, body = long sentence-like lines. Replaced by the
//! block classifier of the processing issue.

use crate::model::{Article, DateInfo, Source};
use crate::process::dates;

pub fn extract_text(file: &str, text: &str) -> Result<Article, String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let is_body = |l: &&&str| l.split_whitespace().count() >= 20 && l.contains(['.', '?', '!']);
    let first_body = lines
        .iter()
        .position(|l| is_body(&l))
        .ok_or("no article text found: no line reads like running prose")?;
    let title = lines[..first_body]
        .iter()
        .rev()
        .find(|l| (4..=30).contains(&l.split_whitespace().count()))
        .or(lines.first())
        .map(|s| s.to_string())
        .unwrap_or_default();
    let mut article = Article::new(0, file, title);
    article.body = lines
        .iter()
        .filter(is_body)
        .map(|s| s.to_string())
        .collect();
    article.date = lines[..first_body]
        .iter()
        .find_map(|l| dates::find_date(l))
        .map(|f| DateInfo {
            value: f.value,
            precision: f.precision,
            source: Source::Text,
            evidence: f.evidence,
        });
    Ok(article)
}

pub fn extract_html(file: &str, _html: &str) -> Result<Article, String> {
    Err(format!("{file}: HTML input is not supported yet"))
}
