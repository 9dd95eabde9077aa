//! Finding the bill or payment method a member means, from a slot value.

use crate::billing::{Account, Bill, PaymentMethod};

/// What a bill slot pointed at.
pub enum Found<'a> {
    One(&'a Bill),
    /// Several bills fit ("the medical bill" with two open).
    Several,
    None,
}

/// The member's open bills, the one due first first.
pub fn open_bills(account: &Account) -> Vec<&Bill> {
    let mut open: Vec<&Bill> = account.open_bills().collect();
    open.sort_by(|a, b| a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id)));
    open
}

/// Bills in the order lists show them: open ones first (by due date), then the rest,
/// newest statement first.
pub fn listed_bills(account: &Account) -> Vec<&Bill> {
    let mut all = open_bills(account);
    let mut closed: Vec<&Bill> = account.bills.iter().filter(|b| !b.is_open()).collect();
    closed.sort_by_key(|b| std::cmp::Reverse(b.statement_date));
    all.extend(closed);
    all
}

/// Resolves a bill slot (`M-1003`, `lab`, `latest`, `oldest`, `ordinal:2`).
/// With `open_only`, only bills with a balance count.
pub fn bill<'a>(account: &'a Account, slot: &str, open_only: bool) -> Found<'a> {
    let pool: Vec<&Bill> = if open_only {
        open_bills(account)
    } else {
        listed_bills(account)
    };
    let pick = |v: Vec<&'a Bill>| match v.len() {
        0 => Found::None,
        1 => Found::One(v[0]),
        _ => Found::Several,
    };
    if let Some(n) = slot.strip_prefix("ordinal:") {
        return match n.parse::<usize>() {
            Ok(n) if n >= 1 => pool.get(n - 1).map_or(Found::None, |b| Found::One(b)),
            _ => Found::None,
        };
    }
    match slot {
        "latest" => pool
            .iter()
            .max_by_key(|b| (b.statement_date, b.id.clone()))
            .map_or(Found::None, |b| Found::One(b)),
        "oldest" => pool.first().map_or(Found::None, |b| Found::One(b)),
        "medical" => pick(
            pool.into_iter()
                .filter(|b| b.kind.key() == "medical")
                .collect(),
        ),
        category if !category.contains('-') => {
            let matching: Vec<&Bill> = pool
                .into_iter()
                .filter(|b| b.category == category)
                .collect();
            // Several premium statements: the member means the open (or newest) one.
            if category == "premium" && matching.len() > 1 {
                return Found::One(matching[0]);
            }
            pick(matching)
        }
        id => pick(
            pool.into_iter()
                .filter(|b| b.id.eq_ignore_ascii_case(id))
                .collect(),
        ),
    }
}

/// Resolves a method slot (`card`, `card:4242`, `card:visa`, `bank`, `bank:6789`),
/// preferring the default method when several fit.
pub fn method<'a>(account: &'a Account, slot: &str) -> Option<&'a PaymentMethod> {
    let fits: Vec<&PaymentMethod> = account
        .methods
        .iter()
        .filter(|m| m.matches_slot(slot))
        .collect();
    fits.iter().find(|m| m.is_default).or(fits.first()).copied()
}
