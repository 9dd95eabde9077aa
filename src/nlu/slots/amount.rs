//! The `amount` slot: "$40", "40 bucks", "$1,234.56", "forty dollars", "cuarenta dólares",
//! "pay 40", or the whole balance ("the full balance", "todo").

use std::str::FromStr;

use rust_decimal::Decimal;

use super::vocab::{Matcher, Tok};
use super::{Amount, InvalidReason};

/// Largest amount billbot accepts in one message.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 2);

/// A found amount: its token span and either a value or why it is impossible.
#[derive(Debug, Clone)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: Result<Amount, InvalidReason>,
}

/// Compiled amount vocabulary.
#[derive(Debug, Clone)]
pub struct AmountRules {
    pub numbers: Matcher<u64>,
    pub joiners: Matcher<()>,
    pub currency: Matcher<()>,
    pub pay_words: Matcher<()>,
    pub full: Matcher<()>,
    /// Spanish writes "40,50" for 40.50.
    pub decimal_comma: bool,
}

impl AmountRules {
    /// The first amount among tokens not yet `used` by another slot.
    pub fn find(&self, toks: &[Tok<'_>], used: &[bool], allow_full: bool) -> Option<Found> {
        let mut i = 0;
        while i < toks.len() {
            if used[i] {
                i += 1;
                continue;
            }
            if let Some(found) = self.number_at(toks, used, i) {
                return Some(found);
            }
            i += 1;
        }
        if allow_full {
            let hit = self.full.first(toks)?;
            if !used[hit.start..hit.end].iter().any(|u| *u) {
                return Some(Found {
                    start: hit.start,
                    end: hit.end,
                    value: Ok(Amount::Full),
                });
            }
        }
        None
    }

    fn number_at(&self, toks: &[Tok<'_>], used: &[bool], i: usize) -> Option<Found> {
        let t = toks[i].text;
        let after_pay = self.after_pay_word(toks, i);
        // "$40", "$ 40", "$-5"
        if let Some(rest) = t.strip_prefix('$') {
            let (raw, end) = if rest.is_empty() {
                let next = toks
                    .get(i + 1)
                    .filter(|_| !used.get(i + 1).copied().unwrap_or(true))?;
                (next.text, i + 2)
            } else {
                (rest, i + 1)
            };
            let raw = raw.trim_end_matches(['$', '%']);
            // "$$", "how much $ do i owe": money talk, not an amount that was mistyped.
            if !raw.bytes().any(|b| b.is_ascii_digit()) {
                return None;
            }
            return Some(Found {
                start: i,
                end,
                value: self.parse_digits(raw),
            });
        }
        let curr_after =
            |j: usize| j < toks.len() && !used[j] && self.currency.at(toks, j).is_some();
        if looks_numeric(t) {
            let t = t.trim_end_matches('$');
            if curr_after(i + 1) || after_pay || t.contains('.') {
                return Some(Found {
                    start: i,
                    end: i + 1,
                    value: self.parse_digits(t),
                });
            }
            return None;
        }
        // Spelled: "forty five dollars", "cuarenta y cinco dolares".
        let (value, end) = self.spelled(toks, used, i)?;
        if curr_after(end) || after_pay {
            return Some(Found {
                start: i,
                end,
                value: check(Decimal::from(value)),
            });
        }
        None
    }

    fn after_pay_word(&self, toks: &[Tok<'_>], i: usize) -> bool {
        // "pay 40", "pay only 40", "pagar solo 40"
        (1..=2).any(|back| {
            i >= back
                && (0..back).any(|k| {
                    let j = i - back + k;
                    self.pay_words.at(toks, j).is_some_and(|h| h.end == i)
                })
        })
    }

    /// A run of number words starting at `i`: its value and the token after it.
    pub fn spelled(&self, toks: &[Tok<'_>], used: &[bool], i: usize) -> Option<(u64, usize)> {
        let mut total = 0u64;
        let mut current = 0u64;
        let mut j = i;
        let mut seen = false;
        while j < toks.len() && !used[j] {
            if let Some(hit) = self.numbers.at(toks, j) {
                let v = hit.value;
                if v >= 100 {
                    current = current.max(1).saturating_mul(v);
                    if v >= 1000 {
                        total = total.saturating_add(current);
                        current = 0;
                    }
                } else {
                    current = current.saturating_add(v);
                }
                seen = true;
                j = hit.end;
            } else if seen
                && self.joiners.at(toks, j).is_some()
                && toks
                    .get(j + 1)
                    .is_some_and(|_| self.numbers.at(toks, j + 1).is_some())
            {
                j += 1;
            } else {
                break;
            }
        }
        seen.then_some((total.saturating_add(current), j))
    }

    /// Digits as typed ("1,234.56", "40", "-5", "1e9") → a checked amount.
    fn parse_digits(&self, raw: &str) -> Result<Amount, InvalidReason> {
        let mut s = raw.to_owned();
        if self.decimal_comma && !s.contains('.') {
            if let Some((a, b)) = s.rsplit_once(',') {
                if b.len() == 2 && !a.contains(',') {
                    s = format!("{a}.{b}");
                }
            }
        }
        let s = s.replace(',', "");
        let parsed = if s.contains('e') {
            Decimal::from_scientific(&s).ok()
        } else {
            Decimal::from_str(&s).ok()
        };
        check(parsed.ok_or(InvalidReason::NotANumber)?)
    }
}

fn looks_numeric(t: &str) -> bool {
    let t = t.trim_end_matches('$');
    let body = t.strip_prefix('-').unwrap_or(t);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'e'))
}

/// Validates a money value: positive, at most cents, at most [`MAX_AMOUNT`].
pub fn check(d: Decimal) -> Result<Amount, InvalidReason> {
    let d = d.normalize();
    if d <= Decimal::ZERO {
        return Err(InvalidReason::NotPositive);
    }
    if d.scale() > 2 {
        return Err(InvalidReason::TooManyDecimals);
    }
    if d > MAX_AMOUNT {
        return Err(InvalidReason::TooLarge);
    }
    let mut v = d;
    v.rescale(2);
    Ok(Amount::Value(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_values() {
        let ok = |s: &str| check(Decimal::from_str(s).unwrap_or_default());
        assert_eq!(ok("40").map(|a| a.to_string()), Ok("40.00".to_owned()));
        assert_eq!(ok("40.5").map(|a| a.to_string()), Ok("40.50".to_owned()));
        assert_eq!(ok("-5"), Err(InvalidReason::NotPositive));
        assert_eq!(ok("0.001"), Err(InvalidReason::TooManyDecimals));
        assert_eq!(ok("1000000.01"), Err(InvalidReason::TooLarge));
        assert!(looks_numeric("1,234.56") && looks_numeric("1e9") && !looks_numeric("e9"));
    }
}
