//! Slots about how and how often: `frequency` ("every month on the due date", "weekly on
//! fridays", "cada mes"), `channel` and `setting` ("stop the emails", "turn on text
//! alerts"), `language` ("español", "english please") and `payment_type`.

use chrono::Weekday;

use super::Slots;
use super::dates::DateRules;
use super::vocab::{Matcher, SlotVocab, Tok, phrases};
use crate::nlu::intent::Locale;

/// Compiled vocabulary for these slots.
#[derive(Debug, Clone)]
pub struct SettingRules {
    monthly: Matcher<()>,
    weekly: Matcher<()>,
    every: Matcher<()>,
    due_date: Matcher<()>,
    recurring: Matcher<()>,
    weekdays: Matcher<Weekday>,
    channels: Matcher<String>,
    settings: Matcher<String>,
    languages: Matcher<Option<Locale>>,
    payment_types: Matcher<String>,
}

fn list<'a>(v: &'a SlotVocab, table: &str) -> &'a [String] {
    v.frequency.get(table).map_or(&[], Vec::as_slice)
}

impl SettingRules {
    pub fn new(v: &SlotVocab) -> Self {
        SettingRules {
            monthly: phrases(list(v, "monthly")),
            weekly: phrases(list(v, "weekly")),
            every: phrases(list(v, "every")),
            due_date: phrases(list(v, "due_date")),
            recurring: phrases(list(v, "recurring")),
            weekdays: Matcher::new(
                v.weekdays
                    .iter()
                    .filter_map(|(k, w)| Some((k.as_str(), w.parse().ok()?))),
            ),
            channels: Matcher::from_table(&v.channels, str::to_owned),
            settings: Matcher::from_table(&v.settings, str::to_owned),
            languages: Matcher::from_table(&v.languages, |l| l.parse().ok()),
            payment_types: Matcher::from_table(&v.payment_types, str::to_owned),
        }
    }

    /// The frequency and the tokens it used; `Err` for an impossible day ("day 32").
    pub fn frequency(
        &self,
        toks: &[Tok<'_>],
        used: &[bool],
        dates: &DateRules,
    ) -> Option<(Result<String, ()>, Vec<usize>)> {
        let free = |h: &super::vocab::Hit<()>| !used[h.start..h.end].iter().any(|u| *u);
        let first = |m: &Matcher<()>| m.find_all(toks).into_iter().find(|h| free(h));
        let weekly = first(&self.weekly);
        let every_ends: Vec<usize> = self
            .every
            .find_all(toks)
            .iter()
            .filter(|h| free(h))
            .map(|h| h.end)
            .collect();
        for i in 0..toks.len() {
            if used[i] {
                continue;
            }
            if let Some(h) = self.weekdays.at(toks, i) {
                let plural = toks[i].text.ends_with("days");
                if weekly.is_some() || plural || every_ends.contains(&i) {
                    let name = format!("{:?}", h.value).to_lowercase();
                    return Some((
                        Ok(format!("weekly:{}", full_weekday(&name))),
                        (h.start..h.end).collect(),
                    ));
                }
            }
        }
        let monthly = first(&self.monthly);
        let due = first(&self.due_date);
        if let Some(m) = &monthly {
            for i in (0..toks.len()).filter(|i| !used[*i]) {
                if let Some((d, e)) = dates.day_of_month_at(toks, i) {
                    let mut idx: Vec<usize> = (i..e).collect();
                    idx.extend(m.start..m.end);
                    let v = if (1..=31).contains(&d) {
                        Ok(format!("monthly_day:{d}"))
                    } else {
                        Err(())
                    };
                    return Some((v, idx));
                }
            }
        }
        if monthly.is_some() || due.is_some() && first(&self.recurring).is_some() {
            let mut idx = Vec::new();
            for h in monthly.iter().chain(due.iter()) {
                idx.extend(h.start..h.end);
            }
            return Some((Ok("monthly_due_date".to_owned()), idx));
        }
        None
    }

    /// Channel, setting, language and payment type.
    pub fn fill(&self, toks: &[Tok<'_>], slots: &mut Slots) {
        slots.channel = self.channels.first(toks).map(|h| h.value);
        // "stop" alone is not a setting; "stop the emails" is.
        if slots.channel.is_some() {
            // A negation anywhere wins: "i want to stop the texts" is off.
            let hits = self.settings.find_all(toks);
            let off = hits.iter().find(|h| h.value == "off");
            slots.setting = off.or(hits.first()).map(|h| h.value.clone());
        }
        slots.language = self.languages.first(toks).and_then(|h| h.value);
        slots.payment_type = self.payment_types.first(toks).map(|h| h.value);
    }
}

fn full_weekday(short: &str) -> &'static str {
    match short {
        "mon" => "monday",
        "tue" => "tuesday",
        "wed" => "wednesday",
        "thu" => "thursday",
        "fri" => "friday",
        "sat" => "saturday",
        _ => "sunday",
    }
}
