//! The cascade: normalise → patterns → classifier → calibrated confidence → acting-intent
//! gate → out_of_scope below a threshold; slots for every message.

use rustc_hash::FxHashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::NluError;
use super::augment::Augmenter;
use super::classifier::{Classifier, TrainOptions};
use super::data::LocaleData;
use super::features::{Features, WordClasses, extract_with};
use super::gate::{Gate, MIN_COVERAGE};
use super::intent::{Intent, Locale};
use super::normalize::Normalizer;
use super::patterns::Patterns;
use super::preamble::{Preamble, capitalized_words};
use super::slots::{InvalidSlot, SlotRules, Slots};
use crate::assets::{self, Folder, Source, TextFile};

/// Below this calibrated probability the message is `out_of_scope`.
pub const MIN_CONFIDENCE: f32 = 0.45;
/// An acting intent needs at least this probability (and evidence) without a pattern.
pub const ACT_CONFIDENCE: f32 = 0.55;
/// What is left of the probability after intents are turned down is never taken as less
/// than this: when a turned-down intent held nearly all of it, what remains is noise, and
/// dividing by it would make a runner-up the classifier gave almost nothing look sure.
/// The confidence reported for such a runner-up is lower too, so the caller is less
/// likely to trust it (it may try the other language, or ask).
pub const MIN_REMAINING: f32 = 0.25;
/// Confidence reported for a pattern match the classifier rates lower.
pub const PATTERN_CONFIDENCE: f32 = 0.95;
/// How much an expected intent's odds are multiplied by.
pub const EXPECTED_BOOST: f32 = 3.0;

/// What a message means: the intent, how sure, the slots, and impossible values.
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    pub intent: Intent,
    /// Calibrated probability in 0..=1 (not money, so `f64` is fine).
    pub confidence: f64,
    pub slots: Slots,
    pub invalid: Vec<InvalidSlot>,
    /// The message names a bill of another kind or company ("my phone bill"): the
    /// dialogue says it can only act on the plan's bills. Not part of `parse` output.
    pub other_bill: bool,
    /// The message reports a problem with the plan's bill ("there's an error on my
    /// bill"): an out-of-scope reply offers the billing team. Not part of `parse` output.
    pub billing_problem: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    intent: &'static str,
    confidence: f64,
    slots: std::collections::BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    invalid: &'a [InvalidSlot],
}

impl Parse {
    /// The `billbot parse` line for this parse of `text` (SPEC §3).
    pub fn to_json_line(&self, text: &str) -> String {
        let line = Line {
            text,
            intent: self.intent.as_str(),
            confidence: (self.confidence * 100.0).round() / 100.0,
            slots: self.slots.to_map(),
            invalid: &self.invalid,
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// The parser of one locale, built once from its `intents/` folder.
#[derive(Debug, Clone)]
pub struct Nlu {
    locale: Locale,
    normalizer: Normalizer,
    /// Names and identifiers set aside before patterns, gate and classifier.
    preamble: Preamble,
    patterns: Patterns,
    classifier: Classifier,
    topics: Option<(Classifier, Vec<String>)>,
    slots: SlotRules,
    /// The second opinions: coverage and evidence for acting intents.
    gate: Gate,
    /// Word classes whose members share features (see [`WordClasses`]).
    classes: WordClasses,
    examples: Vec<(String, Intent)>,
    normalized_examples: FxHashSet<String>,
}

impl Nlu {
    /// Builds the parser from a locale's files (pure: no I/O; trains the classifier).
    pub fn from_files(locale: Locale, files: &[TextFile]) -> Result<Self, NluError> {
        Self::with_options(locale, files, TrainOptions::default())
    }

    /// [`Nlu::from_files`] with explicit training settings.
    pub fn with_options(
        locale: Locale,
        files: &[TextFile],
        opts: TrainOptions,
    ) -> Result<Self, NluError> {
        Self::from_data(locale, LocaleData::from_files(files)?, opts)
    }

    /// Builds the parser from already parsed locale data (cross-validation folds).
    pub fn from_data(
        locale: Locale,
        data: LocaleData,
        opts: TrainOptions,
    ) -> Result<Self, NluError> {
        if data.intents.is_empty() {
            return Err(NluError::NoData(locale));
        }
        let normalizer = Normalizer::new(&data.replacements).with_clitics(&data.clitics);
        let normalized: Vec<String> = data
            .examples()
            .map(|(text, _)| normalizer.normalize(text))
            .collect();
        let capitalized =
            capitalized_words(data.examples().map(|(t, _)| t), |w| normalizer.normalize(w));
        let preamble = Preamble::new(
            &data.introductions,
            &data.identifiers,
            normalized.iter().map(String::as_str),
            &capitalized,
        );
        let patterns = Patterns::new(&data.intents, locale.as_str())?;
        let augmenter = Augmenter::new(&data.wrappers, &normalizer, locale.as_str())?;
        let classes = WordClasses::new(data.classes.iter().map(|(name, words)| {
            let words = words.iter().map(|w| normalizer.normalize(w)).collect();
            (name.as_str(), words)
        }));
        let extract = |text: &str| extract_with(text, &classes);
        let mut seen = FxHashSet::default();
        let mut samples = Vec::new();
        let mut examples = Vec::new();
        for ((text, intent), norm) in data.examples().zip(&normalized) {
            examples.push((text.to_owned(), intent));
            if seen.insert(norm.clone()) {
                let norm = preamble.strip(norm);
                samples.push((extract(&norm), intent.index()));
                for copy in augmenter.copies(&norm, intent, seen.len()) {
                    samples.push((extract(&copy), intent.index()));
                }
            }
        }
        let classifier = Classifier::train(&samples, Intent::ALL.len(), opts);
        let topics = (data.topics.len() >= 2).then(|| {
            let names: Vec<String> = data.topics.iter().map(|t| t.name.clone()).collect();
            let samples: Vec<_> = data
                .topics
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.examples.iter().map(move |e| (e, i)))
                .map(|(e, i)| (extract(&preamble.strip(&normalizer.normalize(e))), i))
                .collect();
            let clf = Classifier::train(
                &samples,
                names.len(),
                TrainOptions {
                    calibrate: false,
                    ..opts
                },
            );
            (clf, names)
        });
        let gate = Gate::new(&data, &normalized, classes.words());
        Ok(Nlu {
            locale,
            slots: SlotRules::new(&data.vocab, locale),
            normalizer,
            preamble,
            patterns,
            classifier,
            topics,
            gate,
            classes,
            examples,
            normalized_examples: seen,
        })
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The training examples as written in `intents/`.
    pub fn examples(&self) -> &[(String, Intent)] {
        &self.examples
    }

    /// True when `text` normalises to the same string as a training example.
    pub fn is_training_example(&self, text: &str) -> bool {
        self.normalized_examples
            .contains(&self.normalizer.normalize(text))
    }

    /// True when `slots.toml`'s `against` (for an acting intent) or an `[[against_for]]`
    /// of `intent` names something in `text`: `intent` is then not taken without a pattern.
    pub fn rules_out(&self, intent: Intent, text: &str) -> bool {
        self.gate.blocks(intent, &self.classifier_text(text))
    }

    /// The text as every stage sees it.
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// The text patterns, gate and classifier see: normalised, with introductions and
    /// identifiers set aside (slots read [`Nlu::normalize`]'s text).
    pub fn classifier_text(&self, text: &str) -> String {
        self.preamble
            .strip(&self.normalizer.normalize(text))
            .into_owned()
    }

    /// Understands one message. `expected` intents (e.g. confirm/deny while a payment
    /// waits) get their odds raised, not forced. Never fails: anything it cannot place
    /// is `out_of_scope`.
    pub fn parse(&self, text: &str, today: NaiveDate, expected: &[Intent]) -> Parse {
        let full = self.normalizer.normalize(text);
        let norm = self.preamble.strip(&full);
        // Slots read the whole text: "checking account 6789" names a method.
        let (mut slots, invalid) = self.slots.extract(&full, today);
        if norm.is_empty() {
            return Parse {
                intent: Intent::OutOfScope,
                confidence: 1.0,
                slots: Slots::default(),
                invalid: Vec::new(),
                other_bill: false,
                billing_problem: false,
            };
        }
        let features = self.features(&norm);
        let mut boost = [0.0f32; 28];
        for e in expected {
            boost[e.index()] = EXPECTED_BOOST.ln();
        }
        let probs = self.classifier.probabilities(&features, &boost);
        let (intent, confidence) = self.decide(&norm, &probs, &slots);
        self.finish_slots(intent, &features, &mut slots);
        let other_bill = self.gate.names_other_bill(&norm);
        Parse {
            intent,
            confidence: f64::from(confidence.clamp(0.0, 1.0)),
            slots,
            invalid,
            other_bill,
            billing_problem: !other_bill && self.gate.reports_billing_problem(&norm),
        }
    }

    /// The slots of `text` as they would be reported for `intent` (slot evaluation).
    pub fn slots_for(
        &self,
        text: &str,
        today: NaiveDate,
        intent: Intent,
    ) -> (Slots, Vec<InvalidSlot>) {
        let full = self.normalizer.normalize(text);
        let norm = self.preamble.strip(&full);
        // Slots read the whole text: "checking account 6789" names a method.
        let (mut slots, invalid) = self.slots.extract(&full, today);
        self.finish_slots(intent, &self.features(&norm), &mut slots);
        (slots, invalid)
    }

    fn finish_slots(&self, intent: Intent, features: &Features, slots: &mut Slots) {
        slots.keep_for(intent);
        if intent == Intent::Faq {
            slots.topic = self.topic(features);
        }
    }

    fn decide(&self, norm: &str, probs: &[f32], slots: &Slots) -> (Intent, f32) {
        let p = |i: Intent| probs[i.index()];
        let hits = self.patterns.matches(norm);
        if let Some(best) = hits.iter().copied().max_by(|a, b| p(*a).total_cmp(&p(*b))) {
            return (best, p(best).max(PATTERN_CONFIDENCE));
        }
        if self.gate.coverage(norm) < MIN_COVERAGE {
            return (Intent::OutOfScope, p(Intent::OutOfScope).max(0.8));
        }
        let mut ranked: Vec<Intent> = Intent::ALL.to_vec();
        ranked.sort_by(|a, b| p(*b).total_cmp(&p(*a)));
        let mut oos = (
            Intent::OutOfScope,
            p(Intent::OutOfScope).max(1.0 - p(ranked[0])),
        );
        // Intents turned down for want of evidence leave their probability mass behind;
        // the rest is judged on what remains (roughly p(intent | not those)); less than
        // MIN_REMAINING is too little to judge by.
        let mut rejected = 0.0f32;
        for intent in ranked.iter().copied().take(3) {
            let share = p(intent) / (1.0 - rejected).max(MIN_REMAINING);
            if intent == Intent::OutOfScope || share < MIN_CONFIDENCE {
                return oos;
            }
            let acting = intent.is_acting();
            let against = self.gate.blocks(intent, norm);
            // Other intents are taken as they are, unless `[evidence]` names words for
            // them too (faq: a question about one of its topics, not any "how do i…") or
            // an `[[against_for]]` turns them down ("how much do i owe aetna").
            if !acting && !against && !self.gate.has_evidence_words(intent) {
                return (intent, share);
            }
            // One turned-down intent never makes room for another.
            if rejected > 0.0 {
                continue;
            }
            let needed = match self.gate.evidence(intent, norm, slots) {
                _ if against => f32::INFINITY,
                0 => f32::INFINITY,
                _ if !acting => MIN_CONFIDENCE,
                1 => ACT_CONFIDENCE,
                _ => MIN_CONFIDENCE,
            };
            if share >= needed {
                return (intent, share);
            }
            // Turned down by a phrase of this language ("aetna", "the irs"): as sure it is
            // out of scope as the classifier was of the intent, so that the caller does not
            // look for a reading in the other language.
            if against {
                oos.1 = oos.1.max(share.min(1.0));
            }
            rejected += p(intent);
        }
        oos
    }

    fn topic(&self, features: &super::features::Features) -> Option<String> {
        let (clf, names) = self.topics.as_ref()?;
        let probs = clf.probabilities(features, &vec![0.0; names.len()]);
        let (best, _) = probs.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        names.get(best).cloned()
    }

    /// The calibrated class probabilities (for evaluation and tuning).
    pub fn probabilities(&self, text: &str) -> Vec<f32> {
        let norm = self.classifier_text(text);
        self.classifier
            .probabilities(&self.features(&norm), &[0.0; 28])
    }

    /// The classifier's features of a text as [`Nlu::classifier_text`] returns it.
    fn features(&self, norm: &str) -> Features {
        extract_with(norm, &self.classes)
    }
}

/// The parsers of every locale, loaded once at start-up.
#[derive(Debug, Clone)]
pub struct Nlus {
    en: Nlu,
    es: Nlu,
}

impl Nlus {
    /// Builds both locales from their files (pure). The two are trained side by side:
    /// training is most of start-up, and the locales share nothing.
    pub fn from_files(en: &[TextFile], es: &[TextFile]) -> Result<Self, NluError> {
        let (en, es) = std::thread::scope(|s| {
            let es = s.spawn(|| Nlu::from_files(Locale::EsUs, es));
            let en = Nlu::from_files(Locale::EnUs, en);
            // A panic while training is a bug; carry it on rather than hide it.
            let es = es.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            (en, es)
        });
        Ok(Nlus { en: en?, es: es? })
    }

    /// Reads `intents/` (embedded or on disk) and builds both locales.
    pub fn load(source: &Source) -> Result<Self, NluError> {
        let en = assets::files_in(Folder::Intents, source, Locale::EnUs.as_str())?;
        let es = assets::files_in(Folder::Intents, source, Locale::EsUs.as_str())?;
        Self::from_files(&en, &es)
    }

    /// The parser of one locale.
    pub fn get(&self, locale: Locale) -> &Nlu {
        match locale {
            Locale::EnUs => &self.en,
            Locale::EsUs => &self.es,
        }
    }

    /// [`Nlu::parse`] in the given locale.
    pub fn parse(
        &self,
        locale: Locale,
        text: &str,
        today: NaiveDate,
        expected: &[Intent],
    ) -> Parse {
        self.get(locale).parse(text, today, expected)
    }
}
