//! Splitting money across bills: partial payments, "pay everything", and credits.
//!
//! Credits on the account are applied when the member settles everything they owe: the
//! credit covers part of the open balances and the payment covers the rest. A payment on
//! one bill leaves the credit where it is, so a member never sees a credit vanish into a
//! bill they did not choose.

use rust_decimal::Decimal;
use serde::Serialize;

use super::bill::Bill;
use super::money::{AmountError, validate_payment};

/// Part of a payment (or credit) applied to one bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub bill_id: String,
    pub amount: Decimal,
}

/// How settling every open bill splits between the account credit and a new payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// What the member pays now (the total due).
    pub payment: Decimal,
    /// How much of the account credit is used.
    pub credit_used: Decimal,
    /// Credit and payment together, bill by bill (oldest due date first).
    pub allocations: Vec<Allocation>,
}

/// Applies `amount` to the open bills, oldest due date first, never more than a bill's
/// balance. `amount` must be a valid payment against the sum of the balances.
pub fn allocate(amount: Decimal, bills: &[Bill]) -> Result<Vec<Allocation>, AmountError> {
    let mut open: Vec<&Bill> = bills.iter().filter(|b| b.is_open()).collect();
    let due: Decimal = open.iter().map(|b| b.balance()).sum();
    let mut left = validate_payment(amount, due)?;
    open.sort_by(|a, b| a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id)));
    let mut out = Vec::new();
    for bill in open {
        if left.is_zero() {
            break;
        }
        let part = left.min(bill.balance());
        out.push(Allocation {
            bill_id: bill.id.clone(),
            amount: part,
        });
        left -= part;
    }
    Ok(out)
}

/// Settles every open bill: the credit first, the rest as a payment.
/// Fails with [`AmountError::NothingDue`] when the credit already covers everything.
pub fn settle_all(bills: &[Bill], credit: Decimal) -> Result<Settlement, AmountError> {
    let open: Decimal = bills
        .iter()
        .map(Bill::balance)
        .filter(|b| *b > Decimal::ZERO)
        .sum();
    let credit_used = credit.max(Decimal::ZERO).min(open);
    let payment = open - credit_used;
    if payment <= Decimal::ZERO {
        return Err(AmountError::NothingDue);
    }
    let allocations = allocate(open, bills)?;
    Ok(Settlement {
        payment,
        credit_used,
        allocations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::bill::tests::bill;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, n).unwrap()
    }

    fn ana() -> Vec<Bill> {
        vec![
            bill("P-1001", day(30), dec!(412.50), dec!(0)),
            bill("M-1002", day(20), dec!(45.00), dec!(0)),
            bill("M-1003", day(25), dec!(230.15), dec!(0)),
        ]
    }

    #[test]
    fn partial_payment_goes_to_the_oldest_due_first() {
        let a = allocate(dec!(100), &ana()).unwrap();
        assert_eq!(
            a,
            vec![
                Allocation {
                    bill_id: "M-1002".into(),
                    amount: dec!(45.00)
                },
                Allocation {
                    bill_id: "M-1003".into(),
                    amount: dec!(55)
                },
            ]
        );
    }

    #[test]
    fn more_than_due_is_refused() {
        assert!(matches!(
            allocate(dec!(687.66), &ana()),
            Err(AmountError::MoreThanDue { .. })
        ));
    }

    #[test]
    fn settling_everything_uses_the_credit_first() {
        let s = settle_all(&ana(), dec!(20.00)).unwrap();
        assert_eq!(s.payment, dec!(667.65));
        assert_eq!(s.credit_used, dec!(20.00));
        let applied: Decimal = s.allocations.iter().map(|a| a.amount).sum();
        assert_eq!(applied, dec!(687.65));
    }

    #[test]
    fn a_credit_that_covers_everything_leaves_nothing_to_pay() {
        assert_eq!(settle_all(&ana(), dec!(700)), Err(AmountError::NothingDue));
    }

    fn cents() -> impl Strategy<Value = Decimal> {
        (1i64..500_000).prop_map(|c| Decimal::new(c, 2))
    }

    proptest! {
        /// Whatever is paid lands on bills, cent for cent, and no bill gets more than it owes.
        #[test]
        fn allocation_conserves_money(
            amounts in proptest::collection::vec(cents(), 1..6),
            share in 1u32..=100,
        ) {
            let bills: Vec<Bill> = amounts
                .iter()
                .enumerate()
                .map(|(i, a)| bill(&format!("M-{i}"), day(1 + i as u32), *a, dec!(0)))
                .collect();
            let due: Decimal = amounts.iter().sum();
            let pay = (due * Decimal::from(share) / Decimal::ONE_HUNDRED).round_dp(2).max(dec!(0.01));
            let allocs = allocate(pay, &bills).unwrap();
            let applied: Decimal = allocs.iter().map(|a| a.amount).sum();
            prop_assert_eq!(applied, pay);
            for a in &allocs {
                let b = bills.iter().find(|b| b.id == a.bill_id).unwrap();
                prop_assert!(a.amount > Decimal::ZERO && a.amount <= b.balance());
            }
        }

        /// Settling everything: credit used + payment = everything that was open.
        #[test]
        fn settlement_conserves_money(
            amounts in proptest::collection::vec(cents(), 1..6),
            credit in 0i64..100_000,
        ) {
            let bills: Vec<Bill> = amounts
                .iter()
                .enumerate()
                .map(|(i, a)| bill(&format!("M-{i}"), day(1 + i as u32), *a, dec!(0)))
                .collect();
            let open: Decimal = amounts.iter().sum();
            let credit = Decimal::new(credit, 2);
            match settle_all(&bills, credit) {
                Ok(s) => {
                    prop_assert_eq!(s.payment + s.credit_used, open);
                    prop_assert!(s.credit_used <= credit);
                    let applied: Decimal = s.allocations.iter().map(|a| a.amount).sum();
                    prop_assert_eq!(applied, open);
                }
                Err(e) => {
                    prop_assert_eq!(e, AmountError::NothingDue);
                    prop_assert!(credit >= open);
                }
            }
        }
    }
}
