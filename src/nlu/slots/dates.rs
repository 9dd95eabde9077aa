//! Dates and ranges ("next friday", "on the 15th", "last 3 months", "since january",
//! "in 2025", "between jan 1 and mar 31", "el mes pasado", "desde enero"), resolved
//! against a `today` the caller passes in.

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::{
    end_of, month_range, next_weekday, past_year_of_month, relative, since, single, start_of,
    year_range,
};

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
    /// "on", "onwards", "en adelante" after a start: open-ended up to today.
    Onward,
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
            "onward" => Role::Onward,
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

/// A point in time as named in a message, before it is resolved against today.
#[derive(Debug, Clone, Copy)]
pub enum Point {
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
                        // "since 2024" / "desde 2024" / "from 2024 on" run to today; a bare
                        // "from 2024" is the year itself.
                        let since_word =
                            role == Role::Since || self.is(toks, i, Role::Since).is_some();
                        let onward = self.is(toks, e1, Role::Onward);
                        if since_word || onward.is_some() || self.is(toks, i, Role::In).is_none() {
                            let end = onward.unwrap_or(e1);
                            if let (Point::Year(y), false) = (p1, since_word || onward.is_some()) {
                                return Some((year_range(y)?, e1));
                            }
                            return Some((DateSlot::Range(since(p1, today), Some(today)), end));
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
        // A bare number is not a date; "15th" or "the 15" is. "The 40" is not: no month has
        // a fortieth day, so it is left for the amount ("pay the 40", "paga los 40"). A
        // written ordinal ("the 40th") is still an impossible date.
        let written_ordinal = toks
            .get(i..e)
            .is_some_and(|span| span.iter().any(|t| ordinal_digits(t.text).is_some()));
        if !written_ordinal && d > 31 {
            return None;
        }
        (written_ordinal || self.is(toks, i, Role::The).is_some())
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
