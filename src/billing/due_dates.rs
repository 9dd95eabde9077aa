//! When bills are due: the premium rule of each region and the terms of medical bills.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// When the premium for a month of coverage is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueRule {
    /// "Premium payments are due at the end of the prior month": coverage from 1 June is
    /// paid by 31 May.
    EndOfPriorMonth,
    /// Maryland: "Premium payments are due on the first day of the month."
    FirstOfMonth,
}

/// The first day of `date`'s month.
pub fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last day of `date`'s month.
pub fn month_end(date: NaiveDate) -> NaiveDate {
    month_start(date)
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

/// The due date of the premium for the month of coverage starting `coverage_month`.
pub fn premium_due_date(rule: DueRule, coverage_month: NaiveDate) -> NaiveDate {
    let start = month_start(coverage_month);
    match rule {
        DueRule::EndOfPriorMonth => start.pred_opt().unwrap_or(start),
        DueRule::FirstOfMonth => start,
    }
}

/// The next month of coverage whose premium is not yet past due on `today`.
pub fn next_coverage_month(rule: DueRule, today: NaiveDate) -> NaiveDate {
    let mut month = month_start(today);
    while premium_due_date(rule, month) < today {
        month = month.checked_add_months(Months::new(1)).unwrap_or(month);
    }
    month
}

/// Medical bills are due a fixed number of days after their statement date.
pub fn medical_due_date(statement_date: NaiveDate, terms_days: u32) -> NaiveDate {
    statement_date
        .checked_add_days(Days::new(u64::from(terms_days)))
        .unwrap_or(statement_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn june_coverage_is_due_end_of_may_or_june_first_in_maryland() {
        assert_eq!(
            premium_due_date(DueRule::EndOfPriorMonth, d("2026-06-01")),
            d("2026-05-31")
        );
        assert_eq!(
            premium_due_date(DueRule::FirstOfMonth, d("2026-06-01")),
            d("2026-06-01")
        );
        assert_eq!(
            premium_due_date(DueRule::EndOfPriorMonth, d("2026-03-15")),
            d("2026-02-28")
        );
        assert_eq!(
            premium_due_date(DueRule::EndOfPriorMonth, d("2028-03-01")),
            d("2028-02-29")
        );
        assert_eq!(
            premium_due_date(DueRule::EndOfPriorMonth, d("2027-01-01")),
            d("2026-12-31")
        );
    }

    #[test]
    fn next_coverage_month_is_the_one_still_payable() {
        // On 27 November, December's premium (due 30 November) is the next one.
        assert_eq!(
            next_coverage_month(DueRule::EndOfPriorMonth, d("2026-11-27")),
            d("2026-12-01")
        );
        assert_eq!(
            next_coverage_month(DueRule::EndOfPriorMonth, d("2026-11-30")),
            d("2026-12-01")
        );
        assert_eq!(
            next_coverage_month(DueRule::EndOfPriorMonth, d("2026-12-01")),
            d("2027-01-01")
        );
        // Maryland: December's premium is due 1 December.
        assert_eq!(
            next_coverage_month(DueRule::FirstOfMonth, d("2026-11-27")),
            d("2026-12-01")
        );
        assert_eq!(
            next_coverage_month(DueRule::FirstOfMonth, d("2026-12-01")),
            d("2026-12-01")
        );
    }

    #[test]
    fn month_ends_and_medical_terms() {
        assert_eq!(month_end(d("2026-02-10")), d("2026-02-28"));
        assert_eq!(month_end(d("2028-02-10")), d("2028-02-29"));
        assert_eq!(month_end(d("2026-12-31")), d("2026-12-31"));
        assert_eq!(medical_due_date(d("2026-11-20"), 30), d("2026-12-20"));
    }
}
