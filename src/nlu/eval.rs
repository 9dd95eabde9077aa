//! Scoring the parser on labelled messages: accuracy, macro-F1, per-intent precision /
//! recall / F1, out-of-scope recall, the false-action rate and the top confusions.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::NluError;
use super::classifier::TrainOptions;
use super::data::LocaleData;
use super::intent::{Intent, Locale};
use super::parser::Nlu;

/// One labelled message as read from a JSON line.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub text: String,
    pub intent: String,
}

/// A line that could not be used, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// Reads JSON lines; blank lines are ignored, bad ones are returned as skipped.
pub fn read_jsonl(text: &str) -> (Vec<(usize, Labelled)>, Vec<Skipped>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Labelled>(line) {
            Ok(l) => ok.push((n + 1, l)),
            Err(e) => bad.push(Skipped {
                line: n + 1,
                reason: format!("not a {{\"text\",\"intent\"}} line: {e}"),
            }),
        }
    }
    (ok, bad)
}

/// Scores of one intent.
#[derive(Debug, Clone, Serialize)]
pub struct IntentScore {
    pub intent: &'static str,
    pub support: usize,
    pub predicted: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub messages: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Share of `out_of_scope` messages the parser rejected.
    pub oos_recall: f64,
    pub oos_support: usize,
    /// Accuracy on in-scope messages.
    pub in_scope_accuracy: f64,
    /// Mean of in-scope accuracy and out-of-scope recall.
    pub balanced: f64,
    /// Messages given an acting intent they did not ask for, over all messages.
    pub false_action_rate: f64,
    pub false_actions: usize,
    /// Out-of-scope messages given an acting intent, over all out-of-scope messages.
    pub false_action_rate_oos: f64,
    pub per_intent: Vec<IntentScore>,
    /// (expected, predicted, count), most frequent first.
    pub confusions: Vec<(&'static str, &'static str, usize)>,
    /// Lines whose label is not an intent of SPEC §4, or that are not valid JSON.
    pub skipped: Vec<Skipped>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Parses every message and scores the result.
pub fn evaluate(
    nlu: &Nlu,
    rows: &[(usize, Labelled)],
    mut skipped: Vec<Skipped>,
    today: NaiveDate,
) -> Report {
    let mut pairs: Vec<(Intent, Intent)> = Vec::new();
    for (line, row) in rows {
        match row.intent.parse::<Intent>() {
            Ok(gold) => pairs.push((gold, nlu.parse(&row.text, today, &[]).intent)),
            Err(_) => skipped.push(Skipped {
                line: *line,
                reason: format!("unknown intent {:?}", row.intent),
            }),
        }
    }
    skipped.sort_by_key(|k| k.line);
    score(&pairs, skipped)
}

/// K-fold cross-validation on a locale's own examples: each example is held out once
/// (its fold chosen by a hash of its text, so near-duplicate neighbours in a file do not
/// land together by position), the parser is trained on the rest, and every held-out
/// example is parsed. Patterns and vocabulary stay: they are part of the engine.
pub fn cross_validate(
    locale: Locale,
    data: &LocaleData,
    k: usize,
    opts: TrainOptions,
    today: NaiveDate,
) -> Result<Report, NluError> {
    let k = k.max(2);
    let fold_of = |text: &str| {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in text.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        (h % k as u64) as usize
    };
    let mut pairs = Vec::new();
    for fold in 0..k {
        let mut train = data.clone();
        let mut held = Vec::new();
        for d in &mut train.intents {
            let intent = d.intent;
            d.examples.retain(|e| {
                let out = fold_of(e) == fold;
                if out {
                    held.push((e.clone(), intent));
                }
                !out
            });
        }
        let nlu = Nlu::from_data(locale, train, opts)?;
        for (text, gold) in held {
            pairs.push((gold, nlu.parse(&text, today, &[]).intent));
        }
    }
    Ok(score(&pairs, Vec::new()))
}

/// Scores (expected, predicted) pairs.
pub fn score(pairs: &[(Intent, Intent)], skipped: Vec<Skipped>) -> Report {
    let n = pairs.len();
    let correct = pairs.iter().filter(|(g, p)| g == p).count();
    let oos = Intent::OutOfScope;
    let oos_support = pairs.iter().filter(|(g, _)| *g == oos).count();
    let oos_hit = pairs.iter().filter(|(g, p)| *g == oos && *p == oos).count();
    let in_scope = n - oos_support;
    let in_hit = correct - oos_hit;
    let false_actions = pairs
        .iter()
        .filter(|(g, p)| p.is_acting() && g != p)
        .count();
    let false_oos = pairs
        .iter()
        .filter(|(g, p)| *g == oos && p.is_acting())
        .count();
    let mut per_intent = Vec::new();
    let mut f1_sum = 0.0;
    let mut f1_n = 0usize;
    for intent in Intent::ALL {
        let support = pairs.iter().filter(|(g, _)| *g == intent).count();
        let predicted = pairs.iter().filter(|(_, p)| *p == intent).count();
        if support == 0 && predicted == 0 {
            continue;
        }
        let tp = pairs
            .iter()
            .filter(|(g, p)| *g == intent && *p == intent)
            .count();
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, support);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        if support > 0 {
            f1_sum += f1;
            f1_n += 1;
        }
        per_intent.push(IntentScore {
            intent: intent.as_str(),
            support,
            predicted,
            precision,
            recall,
            f1,
        });
    }
    let mut conf: BTreeMap<(Intent, Intent), usize> = BTreeMap::new();
    for (g, p) in pairs.iter().filter(|(g, p)| g != p) {
        *conf.entry((*g, *p)).or_default() += 1;
    }
    let mut confusions: Vec<_> = conf
        .into_iter()
        .map(|((g, p), c)| (g.as_str(), p.as_str(), c))
        .collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.2));
    confusions.truncate(15);
    let in_scope_accuracy = ratio(in_hit, in_scope);
    let oos_recall = ratio(oos_hit, oos_support);
    Report {
        messages: n,
        accuracy: ratio(correct, n),
        macro_f1: if f1_n == 0 { 0.0 } else { f1_sum / f1_n as f64 },
        oos_recall,
        oos_support,
        in_scope_accuracy,
        balanced: (in_scope_accuracy + oos_recall) / 2.0,
        false_action_rate: ratio(false_actions, n),
        false_actions,
        false_action_rate_oos: ratio(false_oos, oos_support),
        per_intent,
        confusions,
        skipped,
    }
}

impl Report {
    /// The report as readable text.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "messages            {}\naccuracy            {:.3}\nmacro-F1            {:.3}\n\
             in-scope accuracy   {:.3}\nout-of-scope recall {:.3} (of {})\nbalanced            {:.3}\n\
             false actions       {} ({:.2}% of messages, {:.2}% of out-of-scope)\n\n",
            self.messages,
            self.accuracy,
            self.macro_f1,
            self.in_scope_accuracy,
            self.oos_recall,
            self.oos_support,
            self.balanced,
            self.false_actions,
            self.false_action_rate * 100.0,
            self.false_action_rate_oos * 100.0,
        );
        s.push_str("intent               support predicted precision recall    f1\n");
        for r in &self.per_intent {
            s.push_str(&format!(
                "{:<20} {:>7} {:>9} {:>9.3} {:>6.3} {:>5.3}\n",
                r.intent, r.support, r.predicted, r.precision, r.recall, r.f1
            ));
        }
        s.push_str("\ntop confusions (expected → predicted)\n");
        for (g, p, c) in &self.confusions {
            s.push_str(&format!("  {c:>5}  {g} → {p}\n"));
        }
        if !self.skipped.is_empty() {
            s.push_str(&format!("\nskipped {} lines:\n", self.skipped.len()));
            for k in self.skipped.iter().take(20) {
                s.push_str(&format!("  line {}: {}\n", k.line, k.reason));
            }
        }
        s
    }
}
