//! Synthetic corpora for benchmarks and scale tests: raw page dumps that look like the real
//! ones (menus, a headline, a byline and date, paragraphs with quotes, related links, a
//! footer), with outlets and actors drawn from Zipf distributions, dates spread over years
//! and some articles undated. Deterministic for a given seed.

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// An index in 0..n with probability proportional to 1/(i+1) (Zipf, s = 1).
    pub fn zipf(&mut self, n: usize) -> usize {
        let h: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut x = (self.next_u64() as f64 / u64::MAX as f64) * h;
        for i in 0..n {
            x -= 1.0 / (i + 1) as f64;
            if x <= 0.0 {
                return i;
            }
        }
        n - 1
    }
}

const OUTLETS: &[&str] = &[
    "Harbor Daily",
    "The Northern Ledger",
    "Capital Wire",
    "Eastern Review",
    "Global Courier",
    "The Morning Post Online",
    "Metro Dispatch",
    "Pacific Monitor",
    "The Union Herald",
    "Continental Times",
    "Lakeside Courier",
    "Valley Observer",
];
const GIVEN: &[&str] =
    &["Anna", "Marek", "Li", "Priya", "Tomas", "Yusuf", "Elena", "Kenji", "Sofia", "Omar", "Ingrid", "Carlos", "Mei", "Dmitri"];
const FAMILY: &[&str] =
    &["Kowalski", "Chen", "Raman", "Novak", "Haddad", "Petrova", "Sato", "Moreau", "Okafor", "Lindqvist", "Alvarez", "Zhou", "Ivanov"];
const PLACES: &[&str] =
    &["China", "Russia", "India", "Brazil", "Germany", "Japan", "Turkey", "Kenya", "Mexico", "Ukraine", "Poland", "Vietnam"];
const TOPICS: &[&str] =
    &["trade", "energy", "security", "the border", "grain exports", "the summit", "sanctions", "the pipeline", "elections", "the port"];
const VERBS: &[&str] = &["discussed", "criticised", "welcomed", "questioned", "defended", "announced", "rejected", "reviewed"];
const FILLER: &[&str] = &[
    "Officials said the talks would continue next week, although no date had been set for a final agreement.",
    "Analysts said the decision reflected a wider shift in the region, where governments have been rethinking old alliances.",
    "The plan has been criticised by opposition groups, who say it was drawn up without consulting the people it affects.",
    "Markets reacted calmly to the news, with prices little changed by the end of the trading day.",
    "Diplomats from several countries are expected to attend the meeting, which was postponed twice last year.",
];

/// The people of a synthetic corpus: `n` distinct names.
pub fn people(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{} {}", GIVEN[i % GIVEN.len()], FAMILY[(i / GIVEN.len()) % FAMILY.len()])).map(|s| s.to_string()).collect()
}

/// One raw page dump: (file name, text).
pub fn article(i: usize, rng: &mut Rng, people: &[String]) -> (String, String) {
    let outlet = OUTLETS[rng.zipf(OUTLETS.len())];
    let place = PLACES[rng.zipf(PLACES.len())];
    let topic = TOPICS[rng.below(TOPICS.len())];
    let who: Vec<&String> = (0..3).map(|_| &people[rng.zipf(people.len())]).collect();
    let mut t = String::new();
    for m in ["Home", "World", "Business", "Opinion", "Sport", "Subscribe"] {
        t.push_str(m);
        t.push('\n');
    }
    t.push_str(&format!("\n{} {} {} as talks on {} resume\n", who[0], VERBS[rng.below(VERBS.len())], place, topic));
    t.push_str(&format!("By {}\n", people[rng.below(people.len())]));
    if rng.below(10) > 0 {
        const MONTHS: [&str; 12] =
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        t.push_str(&format!("{} {}, {}\n", MONTHS[rng.below(12)], 1 + rng.below(28), 2015 + rng.below(10)));
    }
    t.push('\n');
    let paragraphs = 6 + rng.below(10);
    for p in 0..paragraphs {
        let speaker = who[p % who.len()];
        match p % 3 {
            0 => t.push_str(&format!(
                "{speaker}, a senior adviser on {topic}, said the government of {place} would not change course. \"We have made our position clear, and we expect our partners to respect it,\" {speaker} told reporters on Monday.\n\n"
            )),
            1 => t.push_str(&format!("{} {}\n\n", FILLER[rng.below(FILLER.len())], FILLER[rng.below(FILLER.len())])),
            _ => t.push_str(&format!(
                "The dispute over {topic} has strained relations between {place} and its neighbours for years, and {} has warned that a settlement is still far away. {}\n\n",
                speaker.split(' ').next_back().unwrap_or(speaker),
                FILLER[rng.below(FILLER.len())]
            )),
        }
        if p == 2 {
            t.push_str("Also Read\nMarkets close higher after a quiet week\nNew rail link opens in the north\n\n");
        }
    }
    t.push_str(&format!(
        "Share this article\nTags: {topic}, {place}\n© 2024 {outlet}. All rights reserved.\nAbout us | Contact | Privacy\n"
    ));
    (format!("{i:06}.txt"), t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_articles_go_through_the_pipeline() {
        let people = people(40);
        let mut rng = Rng::new(7);
        for i in 0..20 {
            let (file, text) = article(i, &mut rng, &people);
            let a = crate::process::process_one(&crate::process::Input { file, bytes: text.into_bytes() }).expect("an article");
            assert!(a.body.len() >= 6, "{:#?}", a.body);
            assert!(!a.body.iter().any(|p| p.contains("Also Read") || p.contains("Markets close")), "{:#?}", a.body);
            assert!(a.outlet.is_some());
            assert!(a.actors.iter().any(|x| x.kind == crate::ActorType::Person));
        }
    }
}
