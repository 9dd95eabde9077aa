//! Bills: premium statements and medical bills, with their line items and balances.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

/// Premium (the monthly membership bill) or medical (care received).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BillKind {
    Premium,
    Medical,
}

impl BillKind {
    pub fn key(self) -> &'static str {
        match self {
            BillKind::Premium => "premium",
            BillKind::Medical => "medical",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "premium" => Some(BillKind::Premium),
            "medical" => Some(BillKind::Medical),
            _ => None,
        }
    }
}

/// One charge on a bill: what was billed, what the plan paid, adjustments, and what is
/// left for the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineItem {
    pub service: String,
    pub visit_date: Option<NaiveDate>,
    pub provider: Option<String>,
    pub facility: Option<String>,
    pub charges: Decimal,
    pub plan_paid: Decimal,
    /// Discounts, contractual write-offs and subsidies that lower what is owed.
    pub adjustments: Decimal,
    pub member_share: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BillError {
    #[error("line {0}: charges − plan paid − adjustments must equal the member's share")]
    LineDoesNotAddUp(usize),
    #[error("line {0}: amounts cannot be negative")]
    NegativeAmount(usize),
    #[error("a bill needs at least one line item")]
    NoLines,
    #[error("amount paid is more than the bill")]
    OverPaid,
}

/// A bill: the member's responsibility is the sum of the line items' member share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bill {
    /// Human-readable id such as `M-1002` or `P-1001`.
    pub id: String,
    pub kind: BillKind,
    /// What the bill is for, in the words members use: `premium`, `lab`, `office_visit`,
    /// `hospital`, `pharmacy` or `other`.
    pub category: String,
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
    /// For premium bills: the first day of the month of coverage the bill pays for.
    pub coverage_month: Option<NaiveDate>,
    pub lines: Vec<LineItem>,
    /// What the member has paid on this bill so far (credits applied included).
    pub paid: Decimal,
}

impl Bill {
    /// Builds a bill after checking that every line adds up and the payments fit.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: String,
        kind: BillKind,
        category: String,
        statement_date: NaiveDate,
        due_date: NaiveDate,
        coverage_month: Option<NaiveDate>,
        lines: Vec<LineItem>,
        paid: Decimal,
    ) -> Result<Self, BillError> {
        if lines.is_empty() {
            return Err(BillError::NoLines);
        }
        for (i, l) in lines.iter().enumerate() {
            let parts = [l.charges, l.plan_paid, l.adjustments, l.member_share];
            if parts.iter().any(|a| *a < Decimal::ZERO) {
                return Err(BillError::NegativeAmount(i + 1));
            }
            if l.charges - l.plan_paid - l.adjustments != l.member_share {
                return Err(BillError::LineDoesNotAddUp(i + 1));
            }
        }
        let bill = Bill {
            id,
            kind,
            category,
            statement_date,
            due_date,
            coverage_month,
            lines,
            paid,
        };
        if paid < Decimal::ZERO || paid > bill.amount() {
            return Err(BillError::OverPaid);
        }
        Ok(bill)
    }

    /// The member's responsibility on the whole bill.
    pub fn amount(&self) -> Decimal {
        self.lines.iter().map(|l| l.member_share).sum()
    }

    pub fn charges(&self) -> Decimal {
        self.lines.iter().map(|l| l.charges).sum()
    }

    pub fn plan_paid(&self) -> Decimal {
        self.lines.iter().map(|l| l.plan_paid).sum()
    }

    pub fn adjustments(&self) -> Decimal {
        self.lines.iter().map(|l| l.adjustments).sum()
    }

    /// What is still owed on this bill.
    pub fn balance(&self) -> Decimal {
        self.amount() - self.paid
    }

    pub fn is_open(&self) -> bool {
        self.balance() > Decimal::ZERO
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due_date < today
    }
}

/// What the member owes in all: open balances minus credits, never below zero.
pub fn total_due(bills: &[Bill], credit: Decimal) -> Decimal {
    let open: Decimal = bills.iter().map(Bill::balance).sum();
    (open - credit).max(Decimal::ZERO)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    pub(crate) fn line(charges: Decimal, plan_paid: Decimal, adj: Decimal) -> LineItem {
        LineItem {
            service: "Lab work".into(),
            visit_date: None,
            provider: None,
            facility: None,
            charges,
            plan_paid,
            adjustments: adj,
            member_share: charges - plan_paid - adj,
        }
    }

    pub(crate) fn bill(id: &str, due: NaiveDate, amount: Decimal, paid: Decimal) -> Bill {
        Bill::new(
            id.into(),
            BillKind::Medical,
            "lab".into(),
            due,
            due,
            None,
            vec![line(amount, dec!(0), dec!(0))],
            paid,
        )
        .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn balance_is_member_share_minus_paid() {
        let b = Bill::new(
            "M-1003".into(),
            BillKind::Medical,
            "lab".into(),
            d("2026-11-01"),
            d("2026-12-01"),
            None,
            vec![line(dec!(612.40), dec!(310.00), dec!(72.25))],
            dec!(30.15),
        )
        .unwrap();
        assert_eq!(b.amount(), dec!(230.15));
        assert_eq!(b.balance(), dec!(200.00));
        assert!(b.is_open());
        assert!(!b.is_overdue(d("2026-12-01")));
        assert!(b.is_overdue(d("2026-12-02")));
    }

    #[test]
    fn lines_must_add_up_and_payments_fit() {
        let mut bad = line(dec!(100), dec!(50), dec!(0));
        bad.member_share = dec!(40);
        let mk = |lines, paid| {
            Bill::new(
                "M-1".into(),
                BillKind::Medical,
                "lab".into(),
                d("2026-11-01"),
                d("2026-12-01"),
                None,
                lines,
                paid,
            )
        };
        assert_eq!(mk(vec![bad], dec!(0)), Err(BillError::LineDoesNotAddUp(1)));
        assert_eq!(mk(vec![], dec!(0)), Err(BillError::NoLines));
        assert_eq!(
            mk(vec![line(dec!(10), dec!(0), dec!(0))], dec!(10.01)),
            Err(BillError::OverPaid)
        );
        assert_eq!(
            mk(vec![line(dec!(10), dec!(20), dec!(0))], dec!(0)),
            Err(BillError::NegativeAmount(1))
        );
    }

    #[test]
    fn total_due_subtracts_credits_and_never_goes_negative() {
        let day = d("2026-11-30");
        let bills = vec![
            bill("P-1", day, dec!(412.50), dec!(0)),
            bill("M-2", day, dec!(45.00), dec!(0)),
            bill("M-3", day, dec!(230.15), dec!(0)),
        ];
        assert_eq!(total_due(&bills, dec!(20.00)), dec!(667.65));
        assert_eq!(total_due(&bills, dec!(1000)), dec!(0));
        assert_eq!(total_due(&[], dec!(0)), dec!(0));
    }
}
