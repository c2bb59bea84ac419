//! Which pronoun a person of the article takes, read from the article itself: the first
//! pronoun other than "him" after each mention of them (outside quotations), in the same or the next sentence, before
//! anyone else is named ("Jane Roe arrived. She said …"), and a title before the name
//! ("Mr.", "Ms.").

use crate::model::ActorType;
use crate::process::actors::Found;

/// The pronoun a person takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    He,
    She,
}

/// The gender a pronoun word names, if it is a third-person singular one.
pub fn of_pronoun(word: &str) -> Option<Gender> {
    match word.to_ascii_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Gender::He),
        "she" | "her" | "hers" | "herself" => Some(Gender::She),
        _ => None,
    }
}

/// Each actor's gender as the article shows it (`None` for organisations, or when the text
/// says nothing or contradicts itself).
pub fn genders(body: &[String], actors: &[Found]) -> Vec<Option<Gender>> {
    // Person mentions in text order, to know where the next person is named.
    let mut mentions: Vec<(usize, usize, usize, usize)> = Vec::new(); // (paragraph, start, end, actor)
    for (a, f) in actors.iter().enumerate() {
        if f.kind == ActorType::Person {
            mentions.extend(f.mentions.iter().map(|m| (m.span.paragraph as usize, m.span.start as usize, m.span.end as usize, a)));
        }
    }
    mentions.sort_unstable();
    let mut votes = vec![(0u32, 0u32); actors.len()];
    for (i, &(pi, start, end, a)) in mentions.iter().enumerate() {
        let Some(p) = body.get(pi) else { continue };
        let title = p.get(..start).unwrap_or("").trim_end();
        let from_title = if title.ends_with("Mr.") || title.ends_with("Mr") {
            Some(Gender::He)
        } else if ["Ms.", "Mrs.", "Ms", "Mrs", "Miss"].iter().any(|t| title.ends_with(t)) {
            Some(Gender::She)
        } else {
            None
        };
        // Up to the next person's mention in this paragraph, at most two sentences on.
        let next = mentions.get(i + 1).filter(|n| n.0 == pi).map_or(p.len(), |n| n.1);
        let rest = p.get(end..next.max(end)).unwrap_or("");
        let mut sentences = 0;
        let mut found = None;
        for w in rest.split_whitespace() {
            // Pronouns inside a quotation are the speaker's, about someone else.
            if w.contains(['“', '”', '"']) {
                break;
            }
            let word = w.trim_matches(|c: char| !c.is_alphanumeric());
            // Not "him": an object is mostly someone else ("Jane Roe found him").
            if let Some(g) = of_pronoun(word).filter(|_| !matches!(word.to_ascii_lowercase().as_str(), "him")) {
                found = Some(g);
                break;
            }
            if w.ends_with(['.', '!', '?']) {
                sentences += 1;
                if sentences == 2 {
                    break;
                }
            }
        }
        for g in [from_title, found].into_iter().flatten() {
            match g {
                Gender::He => votes[a].0 += 1,
                Gender::She => votes[a].1 += 1,
            }
        }
    }
    votes
        .into_iter()
        .map(|(he, she)| match (he, she) {
            (h, s) if h > 2 * s => Some(Gender::He),
            (h, s) if s > 2 * h => Some(Gender::She),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::actors;
    use crate::process::gazetteer::Gazetteer;

    #[test]
    fn pronouns_after_a_name_tell_its_gender() {
        let body: Vec<String> = [
            "Ingrid Solberg found the letter. She kept it for years, she said.",
            "Her brother, Tobias Solberg, disagreed. He called it a forgery.",
            "Mr. Anselm Grau stayed out of it.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let found = actors::find(&body, None, Gazetteer::builtin());
        let g = genders(&body, &found);
        let of = |n: &str| found.iter().position(|f| f.name == n).map(|i| g[i]);
        assert_eq!(of("Ingrid Solberg"), Some(Some(Gender::She)));
        assert_eq!(of("Tobias Solberg"), Some(Some(Gender::He)));
        assert_eq!(of("Anselm Grau"), Some(Some(Gender::He)));
    }
}
