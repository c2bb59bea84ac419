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
}

/// Draws indices in 0..n with probability proportional to 1/(i+1) (Zipf, s = 1), by binary
/// search in the cumulative weights (so 20,000 values cost no more per draw than 12).
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        Zipf {
            cumulative: (1..=n.max(1))
                .map(|i| {
                    total += 1.0 / i as f64;
                    total
                })
                .collect(),
        }
    }

    pub fn draw(&self, rng: &mut Rng) -> usize {
        let x = (rng.next_u64() as f64 / u64::MAX as f64) * self.cumulative.last().copied().unwrap_or(0.0);
        self.cumulative.partition_point(|c| *c < x).min(self.cumulative.len() - 1)
    }
}

/// Outlet names are "<place word> <paper word>": up to 25 × 18 = 450 distinct ones.
const OUTLET_FIRST: &[&str] = &[
    "Harbor",
    "Northern",
    "Capital",
    "Eastern",
    "Global",
    "Metro",
    "Pacific",
    "Union",
    "Continental",
    "Lakeside",
    "Valley",
    "River",
    "Summit",
    "Coastal",
    "Prairie",
    "Highland",
    "Bay",
    "Central",
    "Western",
    "Southern",
    "Atlantic",
    "Mountain",
    "Delta",
    "Island",
    "Liberty",
];
const OUTLET_SECOND: &[&str] = &[
    "Daily",
    "Ledger",
    "Wire",
    "Review",
    "Courier",
    "Post",
    "Dispatch",
    "Monitor",
    "Herald",
    "Times",
    "Observer",
    "Gazette",
    "Tribune",
    "Chronicle",
    "Journal",
    "Record",
    "Sentinel",
    "Examiner",
];
const GIVEN: &[&str] = &[
    "Anna", "Marek", "Li", "Priya", "Tomas", "Yusuf", "Elena", "Kenji", "Sofia", "Omar", "Ingrid", "Carlos", "Mei", "Dmitri", "Fatima",
    "Lukas", "Amara", "Hiroshi", "Nadia", "Pavel", "Grace", "Tariq", "Helena", "Jonas", "Leila", "Mateo", "Olga", "Rafael", "Sana",
    "Viktor", "Zara", "Ahmed", "Bianca", "Daniel", "Esther", "Felix", "Greta", "Hugo", "Irene", "Julian",
];
const FAMILY: &[&str] =
    &["Kowalski", "Chen", "Raman", "Novak", "Haddad", "Petrova", "Sato", "Moreau", "Okafor", "Lindqvist", "Alvarez", "Zhou", "Ivanov"];
/// Family names beyond [`FAMILY`] are made of two syllables: 20 × 25 more.
const FAMILY_HEAD: &[&str] = &[
    "Kal", "Mor", "Ven", "Dra", "Sol", "Tan", "Bri", "Gor", "Lem", "Nor", "Pel", "Ras", "Sev", "Tor", "Ul", "Var", "Wen", "Yar", "Zel",
    "Hal",
];
const FAMILY_TAIL: &[&str] = &[
    "ovic", "strom", "ani", "enko", "ard", "berg", "ez", "ski", "ton", "ucci", "ari", "ov", "ford", "wood", "ssen", "elli", "aki", "oglu",
    "unde", "ley", "mann", "ik", "sen", "ova", "elle",
];
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

fn family(i: usize) -> String {
    match FAMILY.get(i) {
        Some(f) => (*f).to_owned(),
        None => {
            let k = i - FAMILY.len();
            format!("{}{}", FAMILY_HEAD[k % FAMILY_HEAD.len()], FAMILY_TAIL[(k / FAMILY_HEAD.len()) % FAMILY_TAIL.len()])
        }
    }
}

/// The outlets and people of a synthetic corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Distinct outlets (at most 450).
    pub outlets: usize,
    /// Distinct people (at most 40 × 513 = 20,520 full names; more wrap around).
    pub people: usize,
    /// People named per article: at least, at most.
    pub people_per_article: (usize, usize),
}

impl Default for Shape {
    fn default() -> Shape {
        Shape { outlets: 12, people: 300, people_per_article: (3, 3) }
    }
}

/// Writes raw page dumps of one [`Shape`], with outlets and people drawn from Zipf
/// distributions.
pub struct Generator {
    shape: Shape,
    outlets: Vec<String>,
    people: Vec<String>,
    outlet_draw: Zipf,
    person_draw: Zipf,
    place_draw: Zipf,
}

impl Generator {
    pub fn new(shape: Shape) -> Generator {
        let outlets = (0..shape.outlets.clamp(1, OUTLET_FIRST.len() * OUTLET_SECOND.len()))
            .map(|i| format!("{} {}", OUTLET_FIRST[i % OUTLET_FIRST.len()], OUTLET_SECOND[(i / OUTLET_FIRST.len()) % OUTLET_SECOND.len()]))
            .collect::<Vec<_>>();
        let people =
            (0..shape.people.max(1)).map(|i| format!("{} {}", GIVEN[i % GIVEN.len()], family(i / GIVEN.len()))).collect::<Vec<_>>();
        Generator {
            shape,
            outlet_draw: Zipf::new(outlets.len()),
            person_draw: Zipf::new(people.len()),
            place_draw: Zipf::new(PLACES.len()),
            outlets,
            people,
        }
    }

    /// One raw page dump: (file name, text).
    pub fn article(&self, i: usize, rng: &mut Rng) -> (String, String) {
        let outlet = &self.outlets[self.outlet_draw.draw(rng)];
        let place = PLACES[self.place_draw.draw(rng)];
        let topic = TOPICS[rng.below(TOPICS.len())];
        let (lo, hi) = self.shape.people_per_article;
        let wanted = (lo + rng.below(hi.saturating_sub(lo) + 1)).clamp(1, self.people.len());
        let mut who: Vec<&String> = Vec::with_capacity(wanted);
        while who.len() < wanted {
            let p = &self.people[self.person_draw.draw(rng)];
            if !who.contains(&p) {
                who.push(p);
            }
        }
        let mut t = String::new();
        for m in ["Home", "World", "Business", "Opinion", "Sport", "Subscribe"] {
            t.push_str(m);
            t.push('\n');
        }
        t.push_str(&format!("\n{} {} {} as talks on {} resume\n", who[0], VERBS[rng.below(VERBS.len())], place, topic));
        t.push_str(&format!("By {}\n", self.people[rng.below(self.people.len())]));
        if rng.below(10) > 0 {
            const MONTHS: [&str; 12] =
                ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
            t.push_str(&format!("{} {}, {}\n", MONTHS[rng.below(12)], 1 + rng.below(28), 2015 + rng.below(10)));
        }
        t.push('\n');
        // Every person is introduced with a cue a reader (and the pipeline) knows them by.
        let paragraphs = (6 + rng.below(10)).max(who.len());
        for p in 0..paragraphs {
            let speaker = who[p % who.len()];
            match p % 3 {
                0 => t.push_str(&format!(
                    "{speaker}, a senior adviser on {topic}, said the government of {place} would not change course. \"We have made our position clear, and we expect our partners to respect it,\" {speaker} told reporters on Monday.\n\n"
                )),
                1 => t.push_str(&format!(
                    "{} {} said {speaker}, who has followed the talks for years.\n\n",
                    FILLER[rng.below(FILLER.len())],
                    FILLER[rng.below(FILLER.len())].trim_end_matches('.').to_owned() + ",",
                )),
                _ => t.push_str(&format!(
                    "The dispute over {topic} has strained relations between {place} and its neighbours for years, and {speaker} has warned that a settlement is still far away. {}\n\n",
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_articles_go_through_the_pipeline() {
        let g = Generator::new(Shape { outlets: 40, people: 400, people_per_article: (3, 6) });
        let mut rng = Rng::new(7);
        for i in 0..20 {
            let (file, text) = g.article(i, &mut rng);
            let a = crate::process::process_one(&crate::process::Input::new(file, text.into_bytes())).expect("an article");
            assert!(a.body.len() >= 6, "{:#?}", a.body);
            assert!(!a.body.iter().any(|p| p.contains("Also Read") || p.contains("Markets close")), "{:#?}", a.body);
            assert!(a.outlet.is_some());
            assert!(a.actors.iter().any(|x| x.kind == crate::ActorType::Person));
        }
    }

    #[test]
    fn shapes_reach_their_cardinality() {
        let g = Generator::new(Shape { outlets: 200, people: 20_000, people_per_article: (3, 12) });
        assert_eq!(g.outlets.iter().collect::<std::collections::HashSet<_>>().len(), 200);
        assert_eq!(g.people.iter().collect::<std::collections::HashSet<_>>().len(), 20_000);
        let z = Zipf::new(20_000);
        let mut rng = Rng::new(1);
        let draws: Vec<usize> = (0..10_000).map(|_| z.draw(&mut rng)).collect();
        assert!(draws.iter().all(|d| *d < 20_000));
        // Zipf: the top value about 1/H(20000) ≈ 9.3 % of draws; the tail is still reached.
        let top = draws.iter().filter(|d| **d == 0).count();
        assert!((700..1200).contains(&top), "{top}");
        assert!(draws.iter().any(|d| *d > 10_000));
    }
}
