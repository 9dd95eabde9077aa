//! The payment-history window: "Your premium payment history will show up to 13 months
//! of history." Older requests are answered with what can be shown, and said so.

use chrono::{Months, NaiveDate};

/// A date range to show, after the window has been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The member asked for payments older than the window allows.
    pub older_requested: bool,
}

/// The earliest date the history shows on `today`.
pub fn window_start(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today)
}

/// Limits a requested range (either end optional) to the window ending today.
/// A range entirely before the window becomes an empty range at the window's start.
pub fn clamp(
    today: NaiveDate,
    months: u32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> HistoryRange {
    let start = window_start(today, months);
    let wanted_from = from.unwrap_or(start);
    let older_requested = wanted_from < start;
    let from = wanted_from.max(start);
    let to = to.unwrap_or(today).min(today);
    HistoryRange {
        from,
        to: to.max(from.pred_opt().unwrap_or(from)),
        older_requested,
    }
}

impl HistoryRange {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn thirteen_months_back_from_today() {
        assert_eq!(window_start(d("2026-11-27"), 13), d("2025-10-27"));
        assert_eq!(window_start(d("2027-03-31"), 13), d("2026-02-28"));
    }

    #[test]
    fn older_requests_are_clamped_and_flagged() {
        let r = clamp(d("2026-11-27"), 13, Some(d("2024-01-01")), None);
        assert_eq!(r.from, d("2025-10-27"));
        assert_eq!(r.to, d("2026-11-27"));
        assert!(r.older_requested);
        let r = clamp(d("2026-11-27"), 13, Some(d("2026-08-27")), None);
        assert!(!r.older_requested);
        assert!(r.contains(d("2026-09-30")));
        assert!(!r.contains(d("2026-08-26")));
    }

    #[test]
    fn a_range_wholly_before_the_window_is_empty() {
        let r = clamp(
            d("2026-11-27"),
            13,
            Some(d("2024-01-01")),
            Some(d("2024-12-31")),
        );
        assert!(r.older_requested);
        assert!(!r.contains(d("2025-10-27")));
        assert!(!r.contains(d("2024-06-01")));
    }

    #[test]
    fn future_ends_stop_at_today() {
        let r = clamp(d("2026-11-27"), 13, None, Some(d("2027-05-01")));
        assert_eq!(r.to, d("2026-11-27"));
        assert!(!r.older_requested);
    }
}
