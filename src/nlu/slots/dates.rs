//! Dates and ranges ("next friday", "on the 15th", "last 3 months", "since january",
//! "in 2025", "between jan 1 and mar 31", "el mes pasado", "desde enero"), resolved
//! against a `today` the caller passes in.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::vocab::{Matcher, Tok};

/// The roles a date word can play (keys of `[dates]` in `slots.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Last,
    Past,
    LastAfter,
    This,
    Next,
    Since,
    Between,
    And,
    In,
    Today,
    Tomorrow,
    Yesterday,
    The,
    Of,
    Unit(Unit),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Role {
    pub fn from_key(key: &str) -> Option<Role> {
        Some(match key {
            "last" => Role::Last,
            "past" => Role::Past,
            "last_after" => Role::LastAfter,
            "this" => Role::This,
            "next" => Role::Next,
            "since" => Role::Since,
            "between" => Role::Between,
            "and" => Role::And,
            "in" => Role::In,
            "today" => Role::Today,
            "tomorrow" => Role::Tomorrow,
            "yesterday" => Role::Yesterday,
            "the" => Role::The,
            "of" => Role::Of,
            "day" => Role::Unit(Unit::Day),
            "week" => Role::Unit(Unit::Week),
            "month" => Role::Unit(Unit::Month),
            "year" => Role::Unit(Unit::Year),
            _ => return None,
        })
    }
}

/// What the date words of a message resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSlot {
    Day(NaiveDate),
    /// From, to; `None` for an end that was named but is impossible.
    Range(Option<NaiveDate>, Option<NaiveDate>),
    /// Named but impossible ("february 30", "the 32nd"): the tokens it spans.
    Impossible,
}

/// A date found in a message: its token span and its meaning.
#[derive(Debug, Clone)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub slot: DateSlot,
}

#[derive(Debug, Clone, Copy)]
enum Point {
    Date(Option<i32>, u32, u32),
    Month(Option<i32>, u32),
    Year(i32),
    Weekday(Weekday),
    DayOfMonth(u32),
    /// Days from today: today 0, tomorrow 1, yesterday -1.
    Fixed(i8),
}

/// Compiled date vocabulary.
#[derive(Debug, Clone)]
pub struct DateRules {
    /// One matcher per role: a word may play several ("de": of, from, in).
    pub roles: Vec<(Role, Matcher<()>)>,
    pub months: Matcher<u32>,
    pub weekdays: Matcher<Weekday>,
    pub numbers: Matcher<u64>,
    /// Day before month in numeric dates (15/12).
    pub day_first: bool,
}

impl DateRules {
    fn roles_at(&self, toks: &[Tok<'_>], i: usize) -> Vec<(Role, usize)> {
        self.roles
            .iter()
            .filter_map(|(r, m)| m.at(toks, i).map(|h| (*r, h.end)))
            .collect()
    }

    fn unit_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(Unit, usize)> {
        self.roles_at(toks, i)
            .into_iter()
            .find_map(|(r, e)| match r {
                Role::Unit(u) => Some((u, e)),
                _ => None,
            })
    }

    fn is(&self, toks: &[Tok<'_>], i: usize, r: Role) -> Option<usize> {
        self.roles
            .iter()
            .filter(|(x, _)| *x == r)
            .find_map(|(_, m)| m.at(toks, i).map(|h| h.end))
    }

    /// The first date expression among tokens not `used` by other slots.
    pub fn find(&self, toks: &[Tok<'_>], used: &[bool], today: NaiveDate) -> Option<FoundDate> {
        for i in 0..toks.len() {
            if used[i] {
                continue;
            }
            if let Some((slot, end)) = self.expression_at(toks, i, today) {
                if !used[i..end].iter().any(|u| *u) {
                    return Some(FoundDate {
                        start: i,
                        end,
                        slot,
                    });
                }
            }
        }
        None
    }

    fn expression_at(
        &self,
        toks: &[Tok<'_>],
        i: usize,
        today: NaiveDate,
    ) -> Option<(DateSlot, usize)> {
        for (role, e) in self.roles_at(toks, i) {
            match role {
                Role::Between | Role::Since => {
                    let e = self.is(toks, e, Role::The).unwrap_or(e);
                    if let Some((p1, e1)) = self.point_at(toks, e) {
                        if let Some(e2) = self.is(toks, e1, Role::And) {
                            let e2 = self.is(toks, e2, Role::The).unwrap_or(e2);
                            if let Some((p2, e3)) = self.point_at(toks, e2) {
                                let slot = DateSlot::Range(start_of(p1, today), end_of(p2, today));
                                return Some((slot, e3));
                            }
                        }
                        // "from january" with no end means since january ("de enero" is "in").
                        if role == Role::Since || self.is(toks, i, Role::In).is_none() {
                            if let Point::Year(y) = p1 {
                                return Some((year_range(y)?, e1));
                            }
                            return Some((DateSlot::Range(since(p1, today), Some(today)), e1));
                        }
                    }
                }
                Role::In => {
                    let e = self.is(toks, e, Role::The).unwrap_or(e);
                    match self.point_at(toks, e) {
                        Some((Point::Year(y), e1)) => return Some((year_range(y)?, e1)),
                        Some((Point::Month(y, m), e1)) => {
                            let y = y.unwrap_or_else(|| past_year_of_month(m, today));
                            return Some((month_range(y, m)?, e1));
                        }
                        _ => {}
                    }
                }
                Role::Last | Role::Past | Role::This | Role::Next => {
                    let (n, e1) = self
                        .count_at(toks, e)
                        .map_or((None, e), |(n, e1)| (Some(n), e1));
                    if let Some((u, e2)) = self.unit_at(toks, e1) {
                        return Some((relative(role, n, u, today)?, e2));
                    }
                    if role == Role::Next {
                        if let Some(h) = self.weekdays.at(toks, e) {
                            let d = next_weekday(today, h.value, false);
                            return Some((DateSlot::Day(d), h.end));
                        }
                    }
                }
                Role::Unit(u) => {
                    // Spanish puts "pasado" after the unit: "el mes pasado".
                    if let Some(e1) = self.is(toks, e, Role::LastAfter) {
                        return Some((relative(Role::Last, None, u, today)?, e1));
                    }
                }
                _ => {}
            }
        }
        // "(los) 3 meses pasados", "3 months"… only with a trailing "last" word.
        if let Some((n, e)) = self.count_at(toks, i) {
            if let Some((u, e1)) = self.unit_at(toks, e) {
                if let Some(e2) = self.is(toks, e1, Role::LastAfter) {
                    return Some((relative(Role::Past, Some(n), u, today)?, e2));
                }
            }
        }
        let (p, e) = self.point_at(toks, i)?;
        let slot = match p {
            Point::Year(y) => year_range(y)?,
            Point::Month(..) => return None,
            other => single(other, today).map_or(DateSlot::Impossible, DateSlot::Day),
        };
        Some((slot, e))
    }

    fn count_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(u32, usize)> {
        let t = toks.get(i)?.text;
        if let Ok(n) = t.parse::<u32>() {
            return (n > 0 && n < 1000).then_some((n, i + 1));
        }
        let h = self.numbers.at(toks, i)?;
        Some((
            u32::try_from(h.value)
                .ok()
                .filter(|n| *n > 0 && *n < 1000)?,
            h.end,
        ))
    }

    /// A day of the month as written: "15th", "the 15", "el 15", "dia 15".
    pub fn day_of_month_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(u32, usize)> {
        let t = toks.get(i)?.text;
        if let Some(d) = ordinal_digits(t) {
            return Some((d, i + 1));
        }
        let e = self.is(toks, i, Role::The)?;
        let e = self.is(toks, e, Role::Unit(Unit::Day)).unwrap_or(e);
        let t = toks.get(e)?.text;
        let d = ordinal_digits(t).or_else(|| (t.len() <= 2).then(|| t.parse().ok()).flatten())?;
        Some((d, e + 1))
    }

    fn point_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(Point, usize)> {
        let t = toks.get(i)?.text;
        for (role, off) in [(Role::Tomorrow, 1), (Role::Yesterday, -1), (Role::Today, 0)] {
            if let Some(e) = self.is(toks, i, role) {
                return Some((Point::Fixed(off), e));
            }
        }
        if let Some(h) = self.months.at(toks, i) {
            let m = h.value;
            let mut e = h.end;
            let day = toks
                .get(e)
                .and_then(|t| ordinal_digits(t.text).or_else(|| plain_day(t.text)));
            if let Some(d) = day {
                e += 1;
                let (y, e) = self.year_after(toks, e);
                return Some((Point::Date(y, m, d), e));
            }
            let (y, e) = self.year_after(toks, e);
            return Some((Point::Month(y, m), e));
        }
        if let Some(h) = self.weekdays.at(toks, i) {
            return Some((Point::Weekday(h.value), h.end));
        }
        if let Some(p) = self.numeric_date(t) {
            return Some((p, i + 1));
        }
        if t.len() == 4 {
            if let Ok(y) = t.parse::<i32>() {
                if (1990..=2100).contains(&y) {
                    return Some((Point::Year(y), i + 1));
                }
            }
        }
        // "15 de enero", "the 15th of march", "15th"
        let (d, e) = if let Some(d) = ordinal_digits(t).or_else(|| plain_day(t)) {
            (d, i + 1)
        } else {
            self.day_of_month_at(toks, i)?
        };
        let e2 = self.is(toks, e, Role::Of).unwrap_or(e);
        if let Some(h) = self.months.at(toks, e2) {
            let (y, e3) = self.year_after(toks, h.end);
            return Some((Point::Date(y, h.value, d), e3));
        }
        // A bare number is not a date; "15th" or "the 15" is.
        (ordinal_digits(t).is_some() || self.is(toks, i, Role::The).is_some())
            .then_some((Point::DayOfMonth(d), e))
    }

    fn year_after(&self, toks: &[Tok<'_>], i: usize) -> (Option<i32>, usize) {
        let j = self.is(toks, i, Role::Of).unwrap_or(i);
        match toks.get(j).map(|t| t.text.trim_end_matches(',')) {
            Some(t) if t.len() == 4 => match t.parse::<i32>() {
                Ok(y) if (1990..=2100).contains(&y) => (Some(y), j + 1),
                _ => (None, i),
            },
            _ => (None, i),
        }
    }

    fn numeric_date(&self, t: &str) -> Option<Point> {
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Some(Point::Date(Some(d.year()), d.month(), d.day()));
        }
        let parts: Vec<&str> = t.split('/').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
            return None;
        }
        let nums: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        let (mut m, mut d) = (nums[0], nums[1]);
        if self.day_first && m <= 31 && d <= 12 || m > 12 && d <= 12 {
            std::mem::swap(&mut m, &mut d);
        }
        let y = nums.get(2).map(|y| {
            if *y < 100 {
                2000 + *y as i32
            } else {
                *y as i32
            }
        });
        Some(Point::Date(y, m, d))
    }
}

fn resolve_fixed(offset: i8, today: NaiveDate) -> Option<NaiveDate> {
    match offset {
        1 => today.succ_opt(),
        -1 => today.pred_opt(),
        _ => Some(today),
    }
}

fn ordinal_digits(t: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th", "o", "ro", "vo", "to"]
        .iter()
        .find_map(|s| t.strip_suffix(s).filter(|d| !d.is_empty() && d.len() <= 2))?;
    digits.parse().ok()
}

fn plain_day(t: &str) -> Option<u32> {
    (t.len() <= 2)
        .then(|| t.trim_end_matches(',').parse().ok())
        .flatten()
}

fn single(p: Point, today: NaiveDate) -> Option<NaiveDate> {
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

fn start_of(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Date(y, m, d) => NaiveDate::from_ymd_opt(y.unwrap_or(today.year()), m, d),
        Point::Month(y, m) => NaiveDate::from_ymd_opt(y.unwrap_or(today.year()), m, 1),
        Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        Point::DayOfMonth(d) => NaiveDate::from_ymd_opt(today.year(), today.month(), d),
        Point::Fixed(m) => resolve_fixed(m, today),
        Point::Weekday(w) => Some(prev_weekday(today, w)),
    }
}

fn end_of(p: Point, today: NaiveDate) -> Option<NaiveDate> {
    match p {
        Point::Month(y, m) => last_day(y.unwrap_or(today.year()), m),
        Point::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        other => start_of(other, today),
    }
}

fn since(p: Point, today: NaiveDate) -> Option<NaiveDate> {
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

fn past_year_of_month(m: u32, today: NaiveDate) -> i32 {
    if m <= today.month() {
        today.year()
    } else {
        today.year() - 1
    }
}

fn year_range(y: i32) -> Option<DateSlot> {
    Some(DateSlot::Range(
        NaiveDate::from_ymd_opt(y, 1, 1),
        NaiveDate::from_ymd_opt(y, 12, 31),
    ))
}

fn month_range(y: i32, m: u32) -> Option<DateSlot> {
    Some(DateSlot::Range(
        NaiveDate::from_ymd_opt(y, m, 1),
        last_day(y, m),
    ))
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn relative(role: Role, n: Option<u32>, u: Unit, today: NaiveDate) -> Option<DateSlot> {
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

fn prev_weekday(today: NaiveDate, w: Weekday) -> NaiveDate {
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
