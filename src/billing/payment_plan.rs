//! Payment plans for large balances: who qualifies and the installment schedule.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

use super::money::{from_cents, to_cents};
use crate::plan::PaymentPlanRules;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanIneligible {
    #[error("the balance is below the {min} minimum for a payment plan")]
    BalanceTooSmall { min: Decimal },
    #[error("this bill is already in a payment plan")]
    AlreadyInPlan,
    #[error("a payment plan has {min} to {max} monthly installments")]
    BadInstallmentCount { min: u32, max: u32 },
}

/// One monthly installment of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Installment {
    pub number: u32,
    pub due_date: NaiveDate,
    pub amount: Decimal,
}

/// Checks whether a bill with this open balance may be paid in installments.
pub fn check_eligible(
    balance: Decimal,
    already_in_plan: bool,
    rules: &PaymentPlanRules,
) -> Result<(), PlanIneligible> {
    if already_in_plan {
        return Err(PlanIneligible::AlreadyInPlan);
    }
    if balance < rules.min_balance {
        return Err(PlanIneligible::BalanceTooSmall {
            min: rules.min_balance,
        });
    }
    Ok(())
}

/// Splits `balance` into `count` monthly installments whose sum is exactly the balance:
/// every installment gets the same whole cents, and the cents left over go one each to
/// the first installments. The first is due on `start`, the next ones a month apart
/// (a start on the 31st falls on the last day of shorter months).
pub fn schedule(
    balance: Decimal,
    count: u32,
    start: NaiveDate,
    rules: &PaymentPlanRules,
) -> Result<Vec<Installment>, PlanIneligible> {
    if !(rules.min_installments..=rules.max_installments).contains(&count) {
        return Err(PlanIneligible::BadInstallmentCount {
            min: rules.min_installments,
            max: rules.max_installments,
        });
    }
    let cents = to_cents(balance)
        .filter(|c| *c > 0)
        .ok_or(PlanIneligible::BalanceTooSmall {
            min: rules.min_balance,
        })?;
    let n = i64::from(count);
    let (base, extra) = (cents / n, cents % n);
    Ok((0..count)
        .map(|i| Installment {
            number: i + 1,
            due_date: start.checked_add_months(Months::new(i)).unwrap_or(start),
            amount: from_cents(base + i64::from(i64::from(i) < extra)),
        })
        .collect())
}

/// A payment plan the member accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentPlan {
    pub id: i64,
    pub bill_id: String,
    pub method_id: i64,
    pub installments: Vec<Installment>,
    /// How many installments have been paid.
    pub paid_count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn rules() -> PaymentPlanRules {
        PaymentPlanRules {
            min_balance: dec!(500.00),
            min_installments: 3,
            max_installments: 12,
            offered_installments: vec![3, 6, 12],
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn eligibility_needs_a_large_balance_and_no_plan() {
        assert_eq!(check_eligible(dec!(2450.00), false, &rules()), Ok(()));
        assert_eq!(check_eligible(dec!(500.00), false, &rules()), Ok(()));
        assert!(matches!(
            check_eligible(dec!(499.99), false, &rules()),
            Err(PlanIneligible::BalanceTooSmall { .. })
        ));
        assert_eq!(
            check_eligible(dec!(2450.00), true, &rules()),
            Err(PlanIneligible::AlreadyInPlan)
        );
    }

    #[test]
    fn luis_hospital_bill_in_three_six_and_twelve() {
        let s3 = schedule(dec!(2450.00), 3, d("2026-11-27"), &rules()).unwrap();
        let amounts: Vec<_> = s3.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, vec![dec!(816.67), dec!(816.67), dec!(816.66)]);
        assert_eq!(s3[2].due_date, d("2027-01-27"));
        let s12 = schedule(dec!(2450.00), 12, d("2026-01-31"), &rules()).unwrap();
        assert_eq!(s12[1].due_date, d("2026-02-28"));
        assert_eq!(s12.iter().map(|i| i.amount).sum::<Decimal>(), dec!(2450.00));
    }

    #[test]
    fn installment_counts_outside_the_rules_are_refused() {
        for n in [0, 1, 2, 13, 24] {
            assert!(
                schedule(dec!(2450.00), n, d("2026-11-27"), &rules()).is_err(),
                "{n}"
            );
        }
    }

    proptest! {
        /// Installments sum to the balance exactly and differ by at most one cent.
        #[test]
        fn installments_conserve_money(cents in 50_000i64..10_000_000, n in 3u32..=12) {
            let balance = Decimal::new(cents, 2);
            let s = schedule(balance, n, d("2026-11-27"), &rules()).unwrap();
            prop_assert_eq!(s.len() as u32, n);
            prop_assert_eq!(s.iter().map(|i| i.amount).sum::<Decimal>(), balance);
            let max = s.iter().map(|i| i.amount).max().unwrap();
            let min = s.iter().map(|i| i.amount).min().unwrap();
            prop_assert!(max - min <= dec!(0.01));
        }
    }
}
