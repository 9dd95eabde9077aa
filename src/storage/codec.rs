//! Conversions between stored column values and domain types.

use rust_decimal::Decimal;

use super::StorageError;
use crate::billing::money;

/// Dollars → stored cents; amounts with fractions of a cent are a programming error here,
/// because the billing rules reject them before storage sees them.
pub fn cents(amount: Decimal) -> Result<i64, StorageError> {
    money::to_cents(amount)
        .ok_or_else(|| StorageError::Corrupt(format!("amount {amount} is not whole cents")))
}

/// Stored cents → dollars.
pub fn dollars(cents: i64) -> Decimal {
    money::from_cents(cents)
}

/// A stored key that must parse into a domain enum.
pub fn parse_key<T>(
    value: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, StorageError> {
    parse(value).ok_or_else(|| StorageError::Corrupt(format!("unknown {what} {value:?}")))
}
