//! Stored payment methods: gateway tokens with brand and last four digits, never numbers.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Credit card, debit card, or bank account (electronic funds transfer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Card,
    Debit,
    Bank,
}

impl MethodKind {
    pub fn key(self) -> &'static str {
        match self {
            MethodKind::Card => "card",
            MethodKind::Debit => "debit",
            MethodKind::Bank => "bank",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "card" => Some(MethodKind::Card),
            "debit" => Some(MethodKind::Debit),
            "bank" => Some(MethodKind::Bank),
            _ => None,
        }
    }
}

/// A saved way to pay. The gateway token stands for the card or account; billbot never
/// sees or keeps the full number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentMethod {
    pub id: i64,
    #[serde(skip)]
    pub token: String,
    pub kind: MethodKind,
    /// "Visa", "Mastercard", … for cards; "Checking" or "Savings" for bank accounts.
    pub brand: String,
    pub last4: String,
    /// Cards only: month and year of expiry.
    pub expiry: Option<(u32, i32)>,
    pub is_default: bool,
}

impl PaymentMethod {
    /// A card expires at the end of its expiry month.
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        match self.expiry {
            Some((month, year)) => (year, month) < (today.year(), today.month()),
            None => false,
        }
    }

    /// Whether a method slot from the parser (`card`, `bank:6789`, `card:visa`, …) names
    /// this method.
    pub fn matches_slot(&self, slot: &str) -> bool {
        let (kind, detail) = match slot.split_once(':') {
            Some((k, d)) => (k, Some(d)),
            None => (slot, None),
        };
        let kind_ok = match kind {
            // Members say "card" for debit cards too.
            "card" => matches!(self.kind, MethodKind::Card | MethodKind::Debit),
            other => self.kind.key() == other,
        };
        kind_ok && detail.is_none_or(|d| d == self.last4 || d.eq_ignore_ascii_case(&self.brand))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visa() -> PaymentMethod {
        PaymentMethod {
            id: 1,
            token: "tok".into(),
            kind: MethodKind::Card,
            brand: "Visa".into(),
            last4: "4242".into(),
            expiry: Some((8, 2028)),
            is_default: true,
        }
    }

    #[test]
    fn slots_match_by_kind_last4_and_brand() {
        let v = visa();
        for s in ["card", "card:4242", "card:visa", "card:VISA"] {
            assert!(v.matches_slot(s), "{s}");
        }
        for s in ["bank", "card:1111", "card:mastercard", "debit"] {
            assert!(!v.matches_slot(s), "{s}");
        }
    }

    #[test]
    fn cards_expire_after_their_month() {
        let v = visa();
        assert!(!v.is_expired("2028-08-31".parse().unwrap()));
        assert!(v.is_expired("2028-09-01".parse().unwrap()));
    }
}
