//! Slot vocabularies (`slots.toml`) and a phrase matcher over normalised tokens.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Deserialize;

use crate::nlu::normalize::fold;

/// The contents of a locale's `slots.toml`. Every list holds phrases as members type
/// them; they are folded like messages before matching. A word ending in `*` matches any
/// word starting with the rest ("email*" matches "emails").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SlotVocab {
    /// Number words → value; values ≥ 100 multiply ("hundred", "mil").
    pub numbers: BTreeMap<String, u64>,
    /// Words allowed inside a spelled number ("and", "y").
    pub number_joiners: Vec<String>,
    /// Words after a number that make it money ("dollars", "bucks").
    pub currency: Vec<String>,
    /// Words after which a bare number is an amount ("pay", "pagar").
    pub pay_words: Vec<String>,
    /// Phrases meaning the whole balance.
    pub full: Vec<String>,
    /// Bill description → phrases (`lab`, `premium`, `latest`, …).
    pub bills: BTreeMap<String, Vec<String>>,
    /// Nouns that name a bill ("bill", "invoice", "factura", "one").
    pub bill_nouns: Vec<String>,
    /// Words before an ordinal that make it a bill on its own ("paga la segunda").
    pub ordinal_articles: Vec<String>,
    /// Ordinal words → position ("second" → 2).
    pub ordinals: BTreeMap<String, u32>,
    /// Method kind (`card`, `debit`, `bank`) → phrases.
    pub methods: BTreeMap<String, Vec<String>>,
    /// Card brand → phrases.
    pub brands: BTreeMap<String, Vec<String>>,
    /// Phrases before the last four digits ("ending in", "termina en").
    pub ending: Vec<String>,
    /// Month names and abbreviations → 1–12.
    pub months: BTreeMap<String, u32>,
    /// Weekday words → English weekday name.
    pub weekdays: BTreeMap<String, String>,
    /// Date grammar words, by role (see `dates.rs`).
    pub dates: BTreeMap<String, Vec<String>>,
    /// Frequency words by role: `monthly`, `weekly`, `due_date`, `day_of_month`.
    pub frequency: BTreeMap<String, Vec<String>>,
    /// Channel (`email`, `text`, `telegram`) → phrases.
    pub channels: BTreeMap<String, Vec<String>>,
    /// Setting (`on`, `off`) → phrases.
    pub settings: BTreeMap<String, Vec<String>>,
    /// Locale (`en-US`, `es-US`) → phrases.
    pub languages: BTreeMap<String, Vec<String>>,
    /// Payment type (`one_time`, `autopay`, `plan_installment`) → phrases.
    pub payment_types: BTreeMap<String, Vec<String>>,
    /// Words of near-topic requests billbot cannot do (transfers, refunds, disputes,
    /// lists): with one of them, no acting intent is returned without a pattern.
    pub against: Vec<String>,
    /// Phrases that turn down only the intents named with them: "remind me to" is never a
    /// payment, but may be a request for payment reminders.
    #[serde(default)]
    pub against_for: Vec<AgainstFor>,
    /// Bills of other kinds or companies ("phone bill", "verizon"): the member may mean
    /// them, but billbot can only act on the plan's bills (see `Parse::other_bill`).
    pub other_bills: Vec<String>,
    /// A problem with a bill: one word of `problems` and one of `billing` ("there's an
    /// error on my bill"). billbot cannot correct bills, so its out-of-scope reply offers
    /// the billing team at once (see `Parse::billing_problem`).
    #[serde(default)]
    pub billing_problem: BillingProblem,
    /// Acting intent → words that must appear (or a slot) before billbot acts on it.
    pub evidence: BTreeMap<String, Vec<String>>,
}

/// One `[[against_for]]` of `slots.toml`: `phrases` turn down the `intents` listed (any but
/// `out_of_scope`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgainstFor {
    pub intents: Vec<String>,
    pub phrases: Vec<String>,
}

/// The two word lists of `slots.toml`'s `[billing_problem]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BillingProblem {
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub billing: Vec<String>,
}

/// One token of a normalised message, with its byte span.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Splits normalised text into tokens.
pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in text.split(' ') {
        if !w.is_empty() {
            out.push(Tok {
                text: w,
                start: pos,
                end: pos + w.len(),
            });
        }
        pos += w.len() + 1;
    }
    out
}

#[derive(Debug, Clone)]
enum Word {
    Exact(String),
    Prefix(String),
}

impl Word {
    fn matches(&self, t: &str) -> bool {
        match self {
            Word::Exact(w) => w == t,
            Word::Prefix(p) => t.starts_with(p.as_str()),
        }
    }
}

/// A match of a phrase: tokens `start..end` and the value the phrase stands for.
#[derive(Debug, Clone)]
pub struct Hit<V> {
    pub start: usize,
    pub end: usize,
    pub value: V,
}

/// Finds vocabulary phrases in a token list (leftmost, then longest).
#[derive(Debug, Clone)]
pub struct Matcher<V> {
    by_first: FxHashMap<String, Vec<(Vec<Word>, V)>>,
    prefixed: Vec<(Vec<Word>, V)>,
}

impl<V: Clone> Matcher<V> {
    /// Builds from (phrase, value) pairs.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, V)>) -> Self {
        let mut by_first: FxHashMap<String, Vec<(Vec<Word>, V)>> = FxHashMap::default();
        let mut prefixed = Vec::new();
        for (phrase, value) in pairs {
            // Folding drops `*`, so note which words end in it first.
            let words: Vec<Word> = phrase
                .split_whitespace()
                .flat_map(|raw| {
                    let prefix = raw.ends_with('*');
                    let folded = fold(raw.trim_end_matches('*'));
                    let parts: Vec<String> = folded
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned)
                        .collect();
                    let last = parts.len().saturating_sub(1);
                    parts.into_iter().enumerate().map(move |(i, w)| {
                        if prefix && i == last {
                            Word::Prefix(w)
                        } else {
                            Word::Exact(w)
                        }
                    })
                })
                .collect();
            match words.first() {
                None => continue,
                Some(Word::Exact(first)) => by_first
                    .entry(first.clone())
                    .or_default()
                    .push((words, value)),
                Some(Word::Prefix(_)) => prefixed.push((words, value)),
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        prefixed.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        Matcher { by_first, prefixed }
    }

    /// Builds from a `value → phrases` table.
    pub fn from_table(table: &BTreeMap<String, Vec<String>>, map: impl Fn(&str) -> V) -> Self {
        Self::new(table.iter().flat_map(|(k, list)| {
            list.iter()
                .map(|p| (p.as_str(), map(k)))
                .collect::<Vec<_>>()
        }))
    }

    /// The longest phrase starting at token `i`, if any.
    pub fn at(&self, toks: &[Tok<'_>], i: usize) -> Option<Hit<V>> {
        let first = toks.get(i)?.text;
        let candidates = self
            .by_first
            .get(first)
            .into_iter()
            .flatten()
            .chain(&self.prefixed);
        let mut best: Option<Hit<V>> = None;
        for (words, value) in candidates {
            let n = words.len();
            if i + n > toks.len() || best.as_ref().is_some_and(|b| b.end - b.start >= n) {
                continue;
            }
            if words
                .iter()
                .zip(&toks[i..i + n])
                .all(|(w, t)| w.matches(t.text))
            {
                best = Some(Hit {
                    start: i,
                    end: i + n,
                    value: value.clone(),
                });
            }
        }
        best
    }

    /// All non-overlapping matches, left to right.
    pub fn find_all(&self, toks: &[Tok<'_>]) -> Vec<Hit<V>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.at(toks, i) {
                Some(hit) => {
                    i = hit.end;
                    out.push(hit);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The first match, if any.
    pub fn first(&self, toks: &[Tok<'_>]) -> Option<Hit<V>> {
        (0..toks.len()).find_map(|i| self.at(toks, i))
    }
}

/// A matcher over plain phrases whose value is the phrase list's presence.
pub fn phrases(list: &[String]) -> Matcher<()> {
    Matcher::new(list.iter().map(|p| (p.as_str(), ())))
}
