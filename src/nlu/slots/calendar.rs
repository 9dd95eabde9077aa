//! Calendar arithmetic for the date slots: resolving what a message named ("next friday",
//! "the 15th", "last month", "since january") against today.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::dates::{DateSlot, Point, Role, Unit};

/// Today, tomorrow or yesterday.
pub fn resolve_fixed(offset: i8, today: NaiveDate) -> Option<NaiveDate> {
    match offset {
        1 => today.succ_opt(),
        -1 => today.pred_opt(),
        _ => Some(today),
    }
}

/// The one day a point names (next occurrence for dates without a year).
pub fn single(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Fixed(m) => resolve_fixed(m, today),
        Point::Weekday(w) => Some(next_weekday(today, w, true)),
        Point::DayOfMonth(d) => next_day_of_month(today, d),
        Point::Date(Some(y), m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Point::Date(None, m, d) => {
            let this = NaiveDate::from_ymd_opt(today.year(), m, d);
            match this {
                Some(x) if x >= today => Some(x),
                Some(_) => NaiveDate::from_ymd_opt(today.year() + 1, m, d),
                // Feb 29 in a common year: the next leap year's, if the date exists at all.
                None => (1..=4).find_map(|k| NaiveDate::from_ymd_opt(today.year() + k, m, d)),
            }
        }
        Point::Month(..) | Point::Year(_) => None,
    }
}

/// The first day a point covers, as the start of a range.
pub fn start_of(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Date(y, m, d) => NaiveDate::from_ymd_opt(y.unwrap_or(today.year()), m, d),
        Point::Month(y, m) => NaiveDate::from_ymd_opt(y.unwrap_or(today.year()), m, 1),
        Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        Point::DayOfMonth(d) => NaiveDate::from_ymd_opt(today.year(), today.month(), d),
        Point::Fixed(m) => resolve_fixed(m, today),
        Point::Weekday(w) => Some(prev_weekday(today, w)),
    }
}

/// The last day a point covers, as the end of a range.
pub fn end_of(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Month(y, m) => last_day(y.unwrap_or(today.year()), m),
        Point::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        other => start_of(other, today),
    }
}

/// The start of "since `<point>`": its most recent occurrence up to today.
pub fn since(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Month(None, m) => NaiveDate::from_ymd_opt(past_year_of_month(m, today), m, 1),
        Point::Date(None, m, d) => {
            let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
            if this <= today {
                Some(this)
            } else {
                NaiveDate::from_ymd_opt(today.year() - 1, m, d)
            }
        }
        other => start_of(other, today),
    }
}

/// The year of the most recent month `m` (this year unless it is still to come).
pub fn past_year_of_month(m: u32, today: NaiveDate) -> i32 {
    if m <= today.month() {
        today.year()
    } else {
        today.year() - 1
    }
}

/// 1 January … 31 December of `y`.
pub fn year_range(y: i32) -> Option<DateSlot> {
    Some(DateSlot::Range(
        NaiveDate::from_ymd_opt(y, 1, 1),
        NaiveDate::from_ymd_opt(y, 12, 31),
    ))
}

/// The first … last day of month `m` of `y`.
pub fn month_range(y: i32, m: u32) -> Option<DateSlot> {
    Some(DateSlot::Range(
        NaiveDate::from_ymd_opt(y, m, 1),
        last_day(y, m),
    ))
}

/// The last day of month `m` of `y`.
pub fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// "last 3 months", "this year", "next week"… relative to today.
pub fn relative(role: Role, n: Option<u32>, u: Unit, today: NaiveDate) -> Option<DateSlot> {
    let y = today.year();
    let m = today.month();
    let this_week = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    Some(match (role, n, u) {
        (Role::This, None, Unit::Month) => month_range(y, m)?,
        (Role::This, None, Unit::Year) => year_range(y)?,
        (Role::This, None, Unit::Week) => {
            DateSlot::Range(Some(this_week), Some(this_week + Days::new(6)))
        }
        (Role::Last, None, Unit::Month) => {
            let p = today.with_day(1)?.pred_opt()?;
            month_range(p.year(), p.month())?
        }
        (Role::Last, None, Unit::Year) => year_range(y - 1)?,
        (Role::Last, None, Unit::Week) => DateSlot::Range(
            Some(this_week - Days::new(7)),
            Some(this_week - Days::new(1)),
        ),
        (Role::Next, None, Unit::Month) => {
            let p = last_day(y, m)?.succ_opt()?;
            month_range(p.year(), p.month())?
        }
        (Role::Next, None, Unit::Week) => DateSlot::Range(
            Some(this_week + Days::new(7)),
            Some(this_week + Days::new(13)),
        ),
        (Role::Next, None, Unit::Year) => year_range(y + 1)?,
        (Role::Last | Role::Past, n, unit) => {
            let n = n.unwrap_or(1);
            let from = match unit {
                Unit::Day => today.checked_sub_days(Days::new(u64::from(n)))?,
                Unit::Week => today.checked_sub_days(Days::new(7 * u64::from(n)))?,
                Unit::Month => today.checked_sub_months(Months::new(n))?,
                Unit::Year => today.checked_sub_months(Months::new(12 * n))?,
            };
            DateSlot::Range(Some(from), Some(today))
        }
        _ => return None,
    })
}

/// The next `w` after today (or today itself when `include_today`).
pub fn next_weekday(today: NaiveDate, w: Weekday, include_today: bool) -> NaiveDate {
    let ahead = (7 + w.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 && !include_today {
        7
    } else {
        ahead
    };
    today + Days::new(u64::from(ahead))
}

/// The most recent `w`, today included.
pub fn prev_weekday(today: NaiveDate, w: Weekday) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
    today - Days::new(u64::from(back))
}

/// The next date (today included) whose day of the month is `d`; `None` if `d` > 31.
pub fn next_day_of_month(today: NaiveDate, d: u32) -> Option<NaiveDate> {
    if d == 0 || d > 31 {
        return None;
    }
    let first = today.with_day(1)?;
    (0..13).find_map(|k| {
        let month = first.checked_add_months(Months::new(k))?;
        NaiveDate::from_ymd_opt(month.year(), month.month(), d).filter(|x| *x >= today)
    })
}
