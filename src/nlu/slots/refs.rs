//! Slots that point at things the member has: a bill ("the lab bill", "bill M-1002",
//! "the second one", "latest") and a payment method ("my visa", "card ending 4242",
//! "checking", "tarjeta que termina en 4242").

use super::vocab::{Matcher, Tok};

/// Compiled bill and method vocabulary.
#[derive(Debug, Clone)]
pub struct RefRules {
    pub bills: Matcher<String>,
    pub bill_nouns: Matcher<()>,
    pub ordinals: Matcher<u32>,
    pub ordinal_articles: Matcher<()>,
    pub methods: Matcher<String>,
    pub brands: Matcher<String>,
    pub ending: Matcher<()>,
}

/// A found value and the tokens it used.
#[derive(Debug, Clone)]
pub struct Found {
    pub value: String,
    pub used: Vec<usize>,
}

impl RefRules {
    /// The bill a message names, if any.
    pub fn bill(&self, toks: &[Tok<'_>]) -> Option<Found> {
        // An id such as "m-1002" or "M1002" wins over any description.
        for (i, t) in toks.iter().enumerate() {
            if let Some(id) = bill_id(t.text) {
                return Some(Found {
                    value: id,
                    used: vec![i],
                });
            }
        }
        for i in 0..toks.len() {
            // "the second one", "2nd bill", "la segunda factura"
            let word = self.ordinals.at(toks, i).map(|h| (h.value, h.end));
            let ord = word.or_else(|| ordinal_number(toks[i].text).map(|n| (n, i + 1)));
            if let Some((n, e)) = ord {
                if let Some(h) = self.bill_nouns.at(toks, e) {
                    return Some(Found {
                        value: format!("ordinal:{n}"),
                        used: (i..h.end).collect(),
                    });
                }
                // "paga la segunda con débito": an article, the ordinal, then no noun.
                let after_article = (0..i).any(|s| {
                    self.ordinal_articles
                        .at(toks, s)
                        .is_some_and(|h| h.end == i)
                });
                let next_is_noun = toks.get(e).is_some_and(|t| {
                    t.text.len() > 3
                        && !matches!(
                            t.text,
                            "with" | "using" | "now" | "please" | "ahora" | "porfa"
                        )
                });
                // Not "the 15th": digits after an article are a day of the month.
                if word.is_some() && after_article && !next_is_noun {
                    return Some(Found {
                        value: format!("ordinal:{n}"),
                        used: (i..e).collect(),
                    });
                }
            }
            if let Some(h) = self.bills.at(toks, i) {
                return Some(Found {
                    value: h.value,
                    used: (h.start..h.end).collect(),
                });
            }
        }
        None
    }

    /// The payment method a message names, if any.
    pub fn method(&self, toks: &[Tok<'_>], used: &[bool]) -> Option<Found> {
        let mut kind: Option<(String, Vec<usize>)> = None;
        let mut brand: Option<(String, Vec<usize>)> = None;
        let mut last4: Option<(String, Vec<usize>)> = None;
        let mut i = 0;
        while i < toks.len() {
            if used[i] {
                i += 1;
                continue;
            }
            if let Some(h) = self.ending.at(toks, i) {
                if let Some(t) = toks.get(h.end) {
                    let d = t.text;
                    if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) {
                        last4 = Some((d.to_owned(), (i..=h.end).collect()));
                        i = h.end + 1;
                        continue;
                    }
                }
            }
            if let Some(h) = self.methods.at(toks, i) {
                // The most specific kind wins: "debit card" is debit, not card.
                if kind.as_ref().is_none_or(|(k, _)| k == "card") {
                    kind = Some((h.value, (h.start..h.end).collect()));
                }
                i = h.end;
                continue;
            }
            if let Some(h) = self.brands.at(toks, i) {
                brand.get_or_insert((h.value, (h.start..h.end).collect()));
                i = h.end;
                continue;
            }
            i += 1;
        }
        let mut used_toks = Vec::new();
        let kind_name = match (&kind, &brand) {
            (Some((k, u)), _) => {
                used_toks.extend(u);
                k.clone()
            }
            (None, Some(_)) => "card".to_owned(),
            (None, None) if last4.is_some() => "card".to_owned(),
            (None, None) => return None,
        };
        let detail = match (last4, brand) {
            (Some((d, u)), _) => {
                used_toks.extend(u);
                Some(d)
            }
            (None, Some((b, u))) => {
                used_toks.extend(u);
                Some(b)
            }
            (None, None) => None,
        };
        let value = match detail {
            Some(d) => format!("{kind_name}:{d}"),
            None => kind_name,
        };
        Some(Found {
            value,
            used: used_toks,
        })
    }
}

fn ordinal_number(t: &str) -> Option<u32> {
    let d = ["st", "nd", "rd", "th", "o", "a"]
        .iter()
        .find_map(|s| t.strip_suffix(s))?;
    d.parse().ok().filter(|n| (1..=20).contains(n))
}

/// "m-1002", "m1002", "inv-20931" → "M-1002"; ids need letters then 3–8 digits.
pub fn bill_id(t: &str) -> Option<String> {
    let letters: String = t.chars().take_while(char::is_ascii_alphabetic).collect();
    if letters.is_empty() || letters.len() > 2 {
        return None;
    }
    let rest = &t[letters.len()..];
    let digits = rest.strip_prefix('-').unwrap_or(rest);
    if !(3..=8).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Ordinals such as "th1000" do not occur; but guard against "the"-like words anyway.
    Some(format!("{}-{digits}", letters.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bill_ids() {
        assert_eq!(bill_id("m-1002").as_deref(), Some("M-1002"));
        assert_eq!(bill_id("m1002").as_deref(), Some("M-1002"));
        assert_eq!(bill_id("1002"), None);
        assert_eq!(bill_id("bill"), None);
        assert_eq!(bill_id("abcd-1002"), None);
    }
}
