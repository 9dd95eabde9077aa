//! Second opinions on the classifier, learned from the examples and `slots.toml`:
//! whether a message is about billbot's topic at all (coverage), whether it gives
//! evidence for an acting intent, and whether it names something billbot cannot do.

use rustc_hash::{FxHashMap, FxHashSet};

use super::data::LocaleData;
use super::intent::Intent;
use super::slots::vocab::{Matcher, phrases, tokens};
use super::slots::{Amount, Slots};

/// Below this share of known content words a message is `out_of_scope`
/// (see [`Gate::coverage`]).
pub const MIN_COVERAGE: f32 = 0.34;
/// A word seen in the examples of this many intents is a function word, not a topic.
pub const FUNCTION_WORD_INTENTS: u32 = 14;

/// What the parser checks besides the classifier's probabilities.
#[derive(Debug, Clone)]
pub struct Gate {
    /// `[evidence]` of `slots.toml`: words an acting intent needs.
    evidence: Vec<(Intent, Matcher<()>)>,
    /// `against` of `slots.toml`: near-topic requests billbot cannot do.
    against: Matcher<()>,
    /// `[[against_for]]` of `slots.toml`: phrases that turn down only the intents listed.
    against_for: Vec<(Vec<Intent>, Matcher<()>)>,
    /// `other_bills` of `slots.toml`: bills of other kinds or companies.
    other_bills: Matcher<()>,
    /// `[billing_problem]` of `slots.toml`: problem words and billing words.
    problems: Matcher<()>,
    billing: Matcher<()>,
    /// Per acting intent, words typical of it in the examples (see [`typical_words`]);
    /// they count as evidence next to `[evidence]`.
    typical: Vec<(Intent, FxHashSet<String>)>,
    /// Words of the in-scope examples: a message made mostly of other words is about
    /// something else, however the classifier scores it.
    known_words: FxHashSet<String>,
    /// The first five letters of every known word of five letters or more.
    known_stems: FxHashSet<String>,
    /// Words used by many intents ("what", "my", "can"): they say nothing about the topic.
    function_words: FxHashSet<String>,
}

impl Gate {
    /// Learns the word lists from a locale's examples and vocabulary; `normalized` holds
    /// the normalised text of each of `data.examples()`, in the same order, and
    /// `class_words` the normalised words of `[classes]` (bill kinds, card brands, banks…),
    /// which are vocabulary too: "pay my water bill with my schwab account" is about billing.
    pub fn new<'a>(
        data: &LocaleData,
        normalized: &[String],
        class_words: impl Iterator<Item = &'a str>,
    ) -> Self {
        let mut known_words = FxHashSet::default();
        let mut intents_of: FxHashMap<String, u32> = FxHashMap::default();
        for ((_, intent), norm) in data.examples().zip(normalized) {
            for w in norm.split(' ') {
                if intent != Intent::OutOfScope {
                    known_words.insert(w.to_owned());
                }
                *intents_of.entry(w.to_owned()).or_default() |= 1 << intent.index();
            }
        }
        known_words.extend(class_words.map(str::to_owned));
        Gate {
            evidence: data
                .vocab
                .evidence
                .iter()
                .filter_map(|(k, list)| Some((k.parse().ok()?, phrases(list))))
                .collect(),
            against: phrases(&data.vocab.against),
            against_for: data
                .vocab
                .against_for
                .iter()
                .map(|rule| {
                    let intents = rule.intents.iter().filter_map(|i| i.parse().ok());
                    (intents.collect(), phrases(&rule.phrases))
                })
                .collect(),
            other_bills: phrases(&data.vocab.other_bills),
            problems: phrases(&data.vocab.billing_problem.problems),
            billing: phrases(&data.vocab.billing_problem.billing),
            typical: typical_words(data, normalized),
            known_stems: known_words
                .iter()
                .filter_map(|w| w.get(..5).filter(|_| w.len() >= 5).map(str::to_owned))
                .collect(),
            known_words,
            function_words: intents_of
                .into_iter()
                .filter(|(_, mask)| mask.count_ones() >= FUNCTION_WORD_INTENTS)
                .map(|(w, _)| w)
                .collect(),
        }
    }

    /// True when `slots.toml` names something in the message that `intent` cannot be
    /// about: an `against` phrase (a near-topic request; acting intents only) or a phrase
    /// of an `[[against_for]]` that lists `intent`. The parser then does not take `intent`
    /// without a pattern.
    pub fn blocks(&self, intent: Intent, norm: &str) -> bool {
        let acting = intent.is_acting();
        let mut rules = self
            .against_for
            .iter()
            .filter(|(intents, _)| intents.contains(&intent))
            .peekable();
        // The parser asks for each of its top candidates: most are listed nowhere, and
        // need no tokens.
        if !acting && rules.peek().is_none() {
            return false;
        }
        let toks = tokens(norm);
        (acting && self.against.first(&toks).is_some())
            || rules.any(|(_, m)| m.first(&toks).is_some())
    }

    /// True when `[evidence]` lists words for `intent`.
    pub fn has_evidence_words(&self, intent: Intent) -> bool {
        self.evidence.iter().any(|(i, _)| *i == intent)
    }

    /// True when the message names a bill of another kind or company.
    pub fn names_other_bill(&self, norm: &str) -> bool {
        self.other_bills.first(&tokens(norm)).is_some()
    }

    /// True when the message reports a problem with a bill ("my bill is wrong"); the
    /// parser leaves out other companies' bills ([`Gate::names_other_bill`]).
    pub fn reports_billing_problem(&self, norm: &str) -> bool {
        let toks = tokens(norm);
        self.problems.first(&toks).is_some() && self.billing.first(&toks).is_some()
    }

    /// Share of the message's content words (not function words) seen in in-scope
    /// examples; numbers count as seen, and a message of function words only is covered.
    pub fn coverage(&self, norm: &str) -> f32 {
        let mut n = 0usize;
        let mut unknown = 0usize;
        for w in norm.split(' ') {
            if self.function_words.contains(w) {
                continue;
            }
            n += 1;
            // A shared five-letter stem forgives typos and inflections ("instalments").
            let stem_known =
                w.len() >= 5 && w.get(..5).is_some_and(|s| self.known_stems.contains(s));
            if !(self.known_words.contains(w)
                || stem_known
                || w.bytes().any(|b| b.is_ascii_digit()))
            {
                unknown += 1;
            }
        }
        // One odd word is not a topic of its own.
        if n == 0 || unknown < 2 {
            1.0
        } else {
            1.0 - unknown as f32 / n as f32
        }
    }

    /// How many kinds of support (a fitting slot, a typical word) a message gives for
    /// acting as `intent`: 0, 1 or 2.
    pub fn evidence(&self, intent: Intent, norm: &str, slots: &Slots) -> u8 {
        let by_slot = match intent {
            Intent::PayBill => {
                matches!(slots.amount, Some(Amount::Value(_))) || slots.bill.is_some()
            }
            Intent::SetupAutopay => slots.frequency.is_some() || slots.method.is_some(),
            Intent::CancelAutopay => slots.frequency.is_some(),
            Intent::NotificationPrefs | Intent::Unsubscribe => slots.channel.is_some(),
            _ => false,
        };
        let typical = self.typical.iter().find(|(i, _)| *i == intent);
        let by_word = typical.is_some_and(|(_, words)| norm.split(' ').any(|w| words.contains(w)))
            || match self.evidence.iter().find(|(i, _)| *i == intent) {
                Some((_, m)) => m.first(&tokens(norm)).is_some(),
                // No evidence words in the data: trust the classifier.
                None => typical.is_none(),
            };
        u8::from(by_slot) + u8::from(by_word)
    }
}

/// Words that mostly occur in one acting intent's examples: in at least three of them
/// and in at least 60 % of all examples (any intent) that contain the word.
fn typical_words(data: &LocaleData, normalized: &[String]) -> Vec<(Intent, FxHashSet<String>)> {
    let mut df: FxHashMap<String, [u32; 28]> = FxHashMap::default();
    for ((_, intent), norm) in data.examples().zip(normalized) {
        let words: FxHashSet<&str> = norm.split(' ').filter(|w| w.len() >= 4).collect();
        for w in words {
            df.entry(w.to_owned()).or_insert([0; 28])[intent.index()] += 1;
        }
    }
    Intent::ALL
        .iter()
        .filter(|i| i.is_acting())
        .map(|&intent| {
            let words = df
                .iter()
                .filter(|(_, c)| {
                    let mine = c[intent.index()];
                    let all: u32 = c.iter().sum();
                    mine >= 3 && mine * 10 >= all * 6
                })
                .map(|(w, _)| w.clone())
                .collect();
            (intent, words)
        })
        .collect()
}
