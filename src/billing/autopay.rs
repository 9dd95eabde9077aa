//! Recurring payments: how often they run and when the next run is.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;
use thiserror::Error;

use super::due_dates::{DueRule, next_coverage_month, premium_due_date};

/// How often autopay runs ("monthly on due date, weekly, etc").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// On each premium due date of the member's region.
    MonthlyDueDate,
    /// On this day of every month (29–31 fall on the last day of shorter months).
    MonthlyDay(u32),
    /// Every week on this weekday.
    Weekly(Weekday),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown frequency {0:?}: expected monthly_due_date, monthly_day:N or weekly:<weekday>")]
pub struct BadFrequency(pub String);

impl FromStr for Frequency {
    type Err = BadFrequency;
    fn from_str(s: &str) -> Result<Self, BadFrequency> {
        let bad = || BadFrequency(s.to_owned());
        match s.split_once(':') {
            None if s == "monthly_due_date" => Ok(Frequency::MonthlyDueDate),
            Some(("monthly_day", n)) => match n.parse::<u32>() {
                Ok(day @ 1..=31) => Ok(Frequency::MonthlyDay(day)),
                _ => Err(bad()),
            },
            Some(("weekly", day)) => day
                .parse::<Weekday>()
                .map(Frequency::Weekly)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Frequency::MonthlyDueDate => f.write_str("monthly_due_date"),
            Frequency::MonthlyDay(d) => write!(f, "monthly_day:{d}"),
            Frequency::Weekly(w) => write!(f, "weekly:{}", weekday_name(*w)),
        }
    }
}

impl Serialize for Frequency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The English lower-case weekday name used in slot values and storage.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// Which bills autopay covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AutopayScope {
    /// The monthly premium only (the usual enrolment).
    Premium,
    /// Every open bill ("set up recurring payments on all bills").
    AllBills,
}

impl AutopayScope {
    pub fn key(self) -> &'static str {
        match self {
            AutopayScope::Premium => "premium",
            AutopayScope::AllBills => "all_bills",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "premium" => Some(AutopayScope::Premium),
            "all_bills" => Some(AutopayScope::AllBills),
            _ => None,
        }
    }
}

/// A member's autopay enrolment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Autopay {
    pub method_id: i64,
    pub frequency: Frequency,
    pub scope: AutopayScope,
    pub next_run: NaiveDate,
}

/// The first run date on or after `from`.
pub fn next_run(frequency: Frequency, rule: DueRule, from: NaiveDate) -> NaiveDate {
    match frequency {
        Frequency::MonthlyDueDate => premium_due_date(rule, next_coverage_month(rule, from)),
        Frequency::MonthlyDay(day) => {
            let this_month = day_in_month(from, day);
            if this_month >= from {
                this_month
            } else {
                let next = from
                    .with_day(1)
                    .and_then(|d| d.checked_add_months(Months::new(1)))
                    .unwrap_or(from);
                day_in_month(next, day)
            }
        }
        Frequency::Weekly(weekday) => {
            let ahead =
                (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
            from.checked_add_days(Days::new(u64::from(ahead)))
                .unwrap_or(from)
        }
    }
}

/// The run after the one on `last_run`.
pub fn run_after(frequency: Frequency, rule: DueRule, last_run: NaiveDate) -> NaiveDate {
    next_run(frequency, rule, last_run.succ_opt().unwrap_or(last_run))
}

/// Day `day` of `date`'s month, or the month's last day when it is shorter.
fn day_in_month(date: NaiveDate, day: u32) -> NaiveDate {
    let last = super::due_dates::month_end(date).day();
    date.with_day(day.min(last)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn frequency_slot_values_round_trip() {
        for s in [
            "monthly_due_date",
            "monthly_day:15",
            "monthly_day:31",
            "weekly:friday",
        ] {
            assert_eq!(s.parse::<Frequency>().unwrap().to_string(), s);
        }
        for s in [
            "monthly_day:0",
            "monthly_day:32",
            "weekly:someday",
            "daily",
            "",
        ] {
            assert!(s.parse::<Frequency>().is_err(), "{s}");
        }
    }

    #[test]
    fn monthly_on_due_date_follows_the_region_rule() {
        let f = Frequency::MonthlyDueDate;
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-11-27")),
            d("2026-11-30")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2026-11-30")),
            d("2026-12-31")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2027-01-31")),
            d("2027-02-28")
        );
        assert_eq!(
            next_run(f, DueRule::FirstOfMonth, d("2026-11-27")),
            d("2026-12-01")
        );
        assert_eq!(
            run_after(f, DueRule::FirstOfMonth, d("2026-12-01")),
            d("2027-01-01")
        );
    }

    #[test]
    fn monthly_on_a_day_clamps_to_short_months() {
        let f = Frequency::MonthlyDay(31);
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-11-27")),
            d("2026-11-30")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2027-01-31")),
            d("2027-02-28")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2028-01-31")),
            d("2028-02-29")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2028-02-29")),
            d("2028-03-31")
        );
        let f = Frequency::MonthlyDay(29);
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2027-01-29")),
            d("2027-02-28")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2027-02-28")),
            d("2027-03-29")
        );
        let f = Frequency::MonthlyDay(15);
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-11-15")),
            d("2026-11-15")
        );
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-12-16")),
            d("2027-01-15")
        );
    }

    #[test]
    fn weekly_runs_on_the_weekday() {
        let f = Frequency::Weekly(Weekday::Fri);
        // 2026-11-27 is a Friday.
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-11-27")),
            d("2026-11-27")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2026-11-27")),
            d("2026-12-04")
        );
        assert_eq!(
            next_run(f, DueRule::EndOfPriorMonth, d("2026-11-28")),
            d("2026-12-04")
        );
        assert_eq!(
            run_after(f, DueRule::EndOfPriorMonth, d("2026-12-25")),
            d("2027-01-01")
        );
    }
}
