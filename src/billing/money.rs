//! Money: `Decimal` dollars in the domain, whole cents (`i64`) at the storage boundary.
//!
//! Every amount billbot handles is US dollars with at most two decimal places. Amounts are
//! never `f64`; rounding only ever happens where a rule says so (installment schedules),
//! and it is done on whole cents so nothing appears or vanishes.

use rust_decimal::Decimal;
use thiserror::Error;

/// The largest amount billbot accepts in one payment ($1,000,000.00): anything larger is a
/// typing mistake, not a medical bill.
pub const MAX_PAYMENT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 2);

/// Why an amount cannot be paid.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("the amount must be more than zero")]
    NotPositive,
    #[error("the amount has fractions of a cent")]
    FractionOfCent,
    #[error("the amount is more than the {due} that is due")]
    MoreThanDue { due: Decimal },
    #[error("nothing is due")]
    NothingDue,
}

/// Converts dollars to whole cents; `None` when the amount has fractions of a cent or does
/// not fit in an `i64`.
pub fn to_cents(amount: Decimal) -> Option<i64> {
    let normalized = amount.normalize();
    if normalized.scale() > 2 {
        return None;
    }
    let cents = normalized.checked_mul(Decimal::ONE_HUNDRED)?;
    i64::try_from(cents.trunc()).ok()
}

/// Converts whole cents to dollars with two decimal places.
pub fn from_cents(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Formats an amount as a plain two-decimal string ("45.00"), the machine form used in
/// JSON; member-facing text is formatted per locale elsewhere.
pub fn plain(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(2))
}

/// Checks that `amount` can be paid against `due`: more than zero, whole cents, and not
/// more than what is due.
pub fn validate_payment(amount: Decimal, due: Decimal) -> Result<Decimal, AmountError> {
    if due <= Decimal::ZERO {
        return Err(AmountError::NothingDue);
    }
    if amount <= Decimal::ZERO {
        return Err(AmountError::NotPositive);
    }
    if amount.normalize().scale() > 2 {
        return Err(AmountError::FractionOfCent);
    }
    if amount > due {
        return Err(AmountError::MoreThanDue { due });
    }
    Ok(amount.round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cents_round_trip() {
        assert_eq!(to_cents(dec!(45.00)), Some(4500));
        assert_eq!(to_cents(dec!(230.15)), Some(23015));
        assert_eq!(to_cents(dec!(0.001)), None);
        assert_eq!(to_cents(dec!(10.500)), Some(1050));
        assert_eq!(from_cents(66765), dec!(667.65));
        assert_eq!(plain(from_cents(4500)), "45.00");
        assert_eq!(plain(dec!(7)), "7.00");
    }

    #[test]
    fn payment_amounts_are_validated() {
        let due = dec!(230.15);
        assert_eq!(validate_payment(dec!(40), due), Ok(dec!(40.00)));
        assert_eq!(validate_payment(due, due), Ok(due));
        assert_eq!(
            validate_payment(dec!(0), due),
            Err(AmountError::NotPositive)
        );
        assert_eq!(
            validate_payment(dec!(-5), due),
            Err(AmountError::NotPositive)
        );
        assert_eq!(
            validate_payment(dec!(0.001), due),
            Err(AmountError::FractionOfCent)
        );
        assert_eq!(
            validate_payment(dec!(230.16), due),
            Err(AmountError::MoreThanDue { due })
        );
        assert_eq!(
            validate_payment(dec!(1), dec!(0)),
            Err(AmountError::NothingDue)
        );
    }

    #[test]
    fn max_payment_is_one_million() {
        assert_eq!(MAX_PAYMENT, dec!(1000000.00));
    }
}
