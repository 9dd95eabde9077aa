//! Slot extraction (SPEC §4): typed values found in a normalised message.
//!
//! Vocabulary lives in `slots.toml`; the grammar that strings it together lives in the
//! sub-modules. Extraction runs on every message; [`Slots::keep_for`] then drops the
//! slots that only make sense for some intents ("todo" is the whole balance only when
//! paying).

pub mod amount;
pub mod calendar;
pub mod dates;
pub mod refs;
pub mod settings;
pub mod vocab;

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::intent::{Intent, Locale};

/// How much to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// The whole balance ("full").
    Full,
    /// A checked value: positive, two decimal places, at most 1,000,000.00.
    Value(Decimal),
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Full => f.write_str("full"),
            Amount::Value(d) => write!(f, "{d:.2}"),
        }
    }
}

/// Why a value that is there cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    NotPositive,
    TooManyDecimals,
    TooLarge,
    NotANumber,
    ImpossibleDate,
}

/// A slot value the member gave that is impossible ("$-5", "February 30").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidSlot {
    pub slot: &'static str,
    /// The words as normalised.
    pub text: String,
    pub reason: InvalidReason,
}

/// The slots of one message; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slots {
    pub amount: Option<Amount>,
    /// A bill id (`M-1002`) or a description: `lab`, `premium`, `office_visit`,
    /// `hospital`, `pharmacy`, `latest`, `oldest`, `ordinal:N`.
    pub bill: Option<String>,
    /// `card`, `debit`, `bank`, optionally `:` + last four digits or a brand.
    pub method: Option<String>,
    /// `monthly_due_date`, `monthly_day:N`, `weekly:<weekday>`.
    pub frequency: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    /// `one_time`, `autopay`, `plan_installment`.
    pub payment_type: Option<String>,
    /// `email`, `text`, `telegram`.
    pub channel: Option<String>,
    /// `on`, `off`.
    pub setting: Option<String>,
    /// An FAQ topic of `faq.toml`.
    pub topic: Option<String>,
    pub language: Option<Locale>,
}

impl Slots {
    /// The slots as the strings `billbot parse` prints, by name.
    pub fn to_map(&self) -> BTreeMap<&'static str, String> {
        let mut m = BTreeMap::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                m.insert(k, v);
            }
        };
        put("amount", self.amount.map(|a| a.to_string()));
        put("bill", self.bill.clone());
        put("method", self.method.clone());
        put("frequency", self.frequency.clone());
        put("date", self.date.map(|d| d.to_string()));
        put("date_from", self.date_from.map(|d| d.to_string()));
        put("date_to", self.date_to.map(|d| d.to_string()));
        put("payment_type", self.payment_type.clone());
        put("channel", self.channel.clone());
        put("setting", self.setting.clone());
        put("topic", self.topic.clone());
        put("language", self.language.map(|l| l.as_str().to_owned()));
        m
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.to_map().is_empty()
    }

    /// Drops slots that mean something else outside some intents.
    pub fn keep_for(&mut self, intent: Intent) {
        use Intent::*;
        // Nothing billbot does with an out-of-scope message needs its slots.
        if intent == OutOfScope {
            *self = Slots::default();
            return;
        }
        if self.amount == Some(Amount::Full)
            && !matches!(intent, PayBill | PaymentPlan | SetupAutopay)
        {
            self.amount = None;
        }
        if !matches!(intent, PaymentHistory | Statements) {
            self.payment_type = None;
        }
        if intent != Faq {
            self.topic = None;
        }
        // "the billing department's email address" names no alert channel.
        if !matches!(
            intent,
            NotificationPrefs | Unsubscribe | Paperless | LinkAccount
        ) {
            self.channel = None;
            self.setting = None;
        }
    }
}

/// All compiled slot rules of one locale.
#[derive(Debug, Clone)]
pub struct SlotRules {
    amount: amount::AmountRules,
    dates: dates::DateRules,
    refs: refs::RefRules,
    settings: settings::SettingRules,
}

impl SlotRules {
    /// Compiles a locale's vocabulary.
    pub fn new(v: &vocab::SlotVocab, locale: Locale) -> Self {
        use vocab::{Matcher, phrases};
        let numbers = Matcher::new(v.numbers.iter().map(|(k, n)| (k.as_str(), *n)));
        let spanish = locale == Locale::EsUs;
        SlotRules {
            amount: amount::AmountRules {
                numbers: numbers.clone(),
                joiners: phrases(&v.number_joiners),
                currency: phrases(&v.currency),
                pay_words: phrases(&v.pay_words),
                full: phrases(&v.full),
                decimal_comma: spanish,
            },
            dates: dates::DateRules {
                roles: v
                    .dates
                    .iter()
                    .filter_map(|(k, list)| Some((dates::Role::from_key(k)?, phrases(list))))
                    .collect(),
                months: Matcher::new(v.months.iter().map(|(k, m)| (k.as_str(), *m))),
                weekdays: Matcher::new(
                    v.weekdays
                        .iter()
                        .filter_map(|(k, w)| Some((k.as_str(), w.parse().ok()?))),
                ),
                numbers,
                day_first: spanish,
            },
            refs: refs::RefRules {
                bills: Matcher::from_table(&v.bills, str::to_owned),
                bill_nouns: phrases(&v.bill_nouns),
                ordinals: Matcher::new(v.ordinals.iter().map(|(k, n)| (k.as_str(), *n))),
                ordinal_articles: phrases(&v.ordinal_articles),
                methods: Matcher::from_table(&v.methods, str::to_owned),
                brands: Matcher::from_table(&v.brands, str::to_owned),
                ending: phrases(&v.ending),
            },
            settings: settings::SettingRules::new(v),
        }
    }

    /// Every slot found in a normalised message, plus the impossible values.
    pub fn extract(&self, normalized: &str, today: NaiveDate) -> (Slots, Vec<InvalidSlot>) {
        let toks = vocab::tokens(normalized);
        let mut used = vec![false; toks.len()];
        let mut slots = Slots::default();
        let mut invalid = Vec::new();
        let span = |a: usize, b: usize| -> String {
            match (toks.get(a), toks.get(b.saturating_sub(1))) {
                (Some(x), Some(y)) if b > a => normalized[x.start..y.end].to_owned(),
                _ => String::new(),
            }
        };
        let mark = |used: &mut Vec<bool>, idx: &[usize]| idx.iter().for_each(|i| used[*i] = true);

        if let Some(f) = self.refs.bill(&toks) {
            mark(&mut used, &f.used);
            slots.bill = Some(f.value);
        }
        if let Some(f) = self.refs.method(&toks, &used) {
            mark(&mut used, &f.used);
            slots.method = Some(f.value);
        }
        match self.settings.frequency(&toks, &used, &self.dates) {
            Some((Ok(v), idx)) => {
                mark(&mut used, &idx);
                slots.frequency = Some(v);
            }
            Some((Err(()), idx)) => {
                invalid.push(InvalidSlot {
                    slot: "frequency",
                    text: span(idx[0], idx[idx.len() - 1] + 1),
                    reason: InvalidReason::ImpossibleDate,
                });
                mark(&mut used, &idx);
            }
            None => {}
        }
        if let Some(d) = self.dates.find(&toks, &used, today) {
            used[d.start..d.end].iter_mut().for_each(|u| *u = true);
            match d.slot {
                dates::DateSlot::Day(x) => slots.date = Some(x),
                dates::DateSlot::Range(a, b) => {
                    for (value, slot, name) in [
                        (a, &mut slots.date_from, "date_from"),
                        (b, &mut slots.date_to, "date_to"),
                    ] {
                        match value {
                            Some(d) => *slot = Some(d),
                            None => invalid.push(InvalidSlot {
                                slot: name,
                                text: span(d.start, d.end),
                                reason: InvalidReason::ImpossibleDate,
                            }),
                        }
                    }
                }
                dates::DateSlot::Impossible => invalid.push(InvalidSlot {
                    slot: "date",
                    text: span(d.start, d.end),
                    reason: InvalidReason::ImpossibleDate,
                }),
            }
        }
        if let Some(a) = self.amount.find(&toks, &used, true) {
            match a.value {
                Ok(v) => slots.amount = Some(v),
                Err(reason) => invalid.push(InvalidSlot {
                    slot: "amount",
                    text: span(a.start, a.end),
                    reason,
                }),
            }
        }
        self.settings.fill(&toks, &mut slots);
        (slots, invalid)
    }
}

#[cfg(test)]
mod tests;
