//! Words with byte offsets, shared by the actor and quote finders.

/// One word of a text: `text == &source[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Short words written with a period: titles, name suffixes, company forms, months.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Mt", "Ft", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt", "Maj", "Adm", "Rev", "Hon",
    "Det", "Cpl", "Pvt", "Mme", "Inc", "Co", "Ltd", "No", "Vol", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
    "Dec", "Ave", "Rd", "vs", "etc", "al", "Mass", "Fla", "Ga", "Va", "Md", "Pa", "Ky", "La", "Mo", "Nev", "Ore", "Tenn", "Tex", "Wash",
    "Wis", "Ala", "Ariz", "Ark", "Del", "Ill", "Ind", "Kan", "Mich", "Minn", "Miss", "Neb", "Okla", "Vt", "Wyo", "Colo", "Conn",
];

/// Words with offsets; leading/trailing punctuation and possessive 's stripped,
/// keeping a final period on initials and abbreviations ("E.", "Mr.", "U.S.").
/// Every offset is a char boundary of `text`.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        // A whitespace-separated chunk, from its first letter or digit.
        let mut first_word = None;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                end = i;
                break;
            }
            if first_word.is_none() && c.is_alphanumeric() {
                first_word = Some(i);
            }
            chars.next();
        }
        let Some(start) = first_word else { continue };
        let mut word = text[start..end].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        // "Mr.", "Jr.", "E.", "U.S." keep their period; "II." and "UK." end a sentence.
        // (Worked out only for a word that ends with a period: most do not.)
        let keep_period = word.ends_with('.') && {
            let stem = word.trim_end_matches('.');
            let capitals = stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase());
            // A short word ending a sentence ("said Li.", "added Cha.") drops it.
            let short_form = || stem.chars().count() == 1 || ABBREVIATIONS.contains(&stem);
            word.len() <= 4 && !capitals && short_form() || word.bytes().filter(|&b| b == b'.').count() > 1
        };
        while let Some(c) = word.chars().next_back() {
            if c.is_alphanumeric() || (keep_period && c == '.') {
                break;
            }
            word = &word[..word.len() - c.len_utf8()];
        }
        word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
        if !word.is_empty() {
            out.push(Token { start, end: start + word.len(), text: word });
        }
    }
    out
}

/// Does the word start with an upper-case letter?
pub fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_offsets_and_abbreviations() {
        let t = "“Mr. Kowalczyk’s plan,” said Zoë (U.S.) — fine.";
        let got: Vec<&str> = tokens(t).iter().map(|t| t.text).collect();
        assert_eq!(got, ["Mr.", "Kowalczyk", "plan", "said", "Zoë", "U.S.", "fine"]);
        // A short name ending a sentence is the name; a title keeps its period.
        let got: Vec<&str> = tokens("“Yes,” added Roe. Dr. Li and Jane A. Poe met Sen. Ota.").iter().map(|t| t.text).collect();
        assert_eq!(got, ["Yes", "added", "Roe", "Dr.", "Li", "and", "Jane", "A.", "Poe", "met", "Sen.", "Ota"]);
        for tok in tokens(t) {
            assert_eq!(&t[tok.start..tok.end], tok.text);
        }
    }
}
